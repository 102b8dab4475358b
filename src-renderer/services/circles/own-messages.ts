// Editing and deleting one's own messages (issue 19). Each writes a signed record through the
// session; every member's ledger judges it (src-shared/circle/message-changes.ts), and a delete
// takes the message's text out of this device at once (message-eraser.ts). The checks here only
// give the person a clear answer before a record that would change nothing is written.
import { DeleteBody, EditBody, type WarningTopic } from '../../../src-shared/records/schema';
import { notMuted } from './circle-moderation';
import type { CircleSession } from './circle-session';

/** Our own message `id` as shown now, or a calm error when it cannot be changed. */
function ownShown(session: CircleSession, id: string) {
  const shown = session.ledger.messages.find((m) => m.id === id && m.author === session.myKey);
  if (!shown || shown.deleted) throw new Error('This message can no longer be changed.');
  return shown;
}

/** Replaces the text (and content warning) of one of our own messages, for everyone. */
export async function editMessage(
  session: CircleSession,
  id: string,
  text: string,
  warning?: WarningTopic,
): Promise<void> {
  ownShown(notMuted(session), id);
  const body = EditBody.safeParse({
    target: id,
    text,
    ...(warning ? { warning: { topic: warning } } : {}),
  });
  if (!body.success || text.trim() === '')
    throw new Error('A message needs some text and at most 4,000 characters.');
  session.append(session.draft('edit', body.data));
  await session.persist();
}

/** Deletes one of our own messages for everyone: its text goes from every member's device. */
export async function deleteMessage(session: CircleSession, id: string): Promise<void> {
  const shown = ownShown(session, id);
  session.append(session.draft('delete', DeleteBody.parse({ target: id, at: shown.ts })));
  await session.persist();
}
