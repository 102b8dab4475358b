// The gate every ipcMain.handle goes through: who is calling, and with what. Pure so the
// checks are unit-tested as attacks; main.ts only feeds it `event.senderFrame?.url` and args.
import type { z } from 'zod';
import { err, ok, type Result } from '../src-shared/ipc/contract';
import { isAppUrl, type AppOrigin } from './app-origin';

/**
 * True when the calling frame is our own page. A missing frame (navigated away or destroyed
 * before the call arrived) is untrusted: we cannot know who sent the message.
 */
export function isTrustedSender(frameUrl: unknown, origin: AppOrigin): boolean {
  return isAppUrl(frameUrl, origin);
}

/**
 * Checks the sender, then parses the arguments with the channel's schema. Error messages are
 * deliberately generic: a hostile caller learns nothing about what would have been accepted.
 */
export function checkIpcCall<S extends z.ZodType>(
  frameUrl: unknown,
  args: unknown,
  schema: S,
  origin: AppOrigin,
): Result<z.output<S>> {
  if (!isTrustedSender(frameUrl, origin)) return err('untrusted sender');
  try {
    const parsed = schema.safeParse(args);
    return parsed.success ? ok(parsed.data) : err('invalid payload');
  } catch {
    // Objects with hostile prototypes can make a schema's own checks throw (found by fuzzing).
    return err('invalid payload');
  }
}
