// hearth://join/<code> links, from the command line (Windows, Linux) or open-url (macOS). Pure
// so hostile links are tested as attacks; the code is then checked again by the join screen.
import { JoinCode } from '../src-shared/ipc/contract';

export const DEEP_LINK_SCHEME = 'hearth';
const MAX_LINK_CHARS = 4200;

/**
 * The share code of a `hearth://join/<code>` link, or null for anything else: another scheme,
 * another action, extra path segments, a query or fragment, credentials or a malformed code.
 */
export function parseJoinLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_LINK_CHARS) return null;
  // The raw text, not a parsed URL: parsing would quietly normalise `join/../<code>` or
  // percent-escapes into something that looks fine. Only the exact canonical form passes.
  const match = JOIN_LINK.exec(value.trim());
  const code = match?.[1];
  return code !== undefined && JoinCode.safeParse(code).success ? code : null;
}

const JOIN_LINK = new RegExp(`^${DEEP_LINK_SCHEME}://join/([A-Za-z0-9_-]+)/?$`, 'i');

/**
 * The join code in a process's argv (first launch or second-instance). Only a link standing as
 * its own argument counts, and only the last one; Chromium switches are skipped.
 */
export function joinLinkFromArgv(argv: unknown): string | null {
  if (!Array.isArray(argv)) return null;
  let found: string | null = null;
  for (const arg of argv.slice(0, 64)) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue;
    found = parseJoinLink(arg) ?? found;
  }
  return found;
}

/**
 * Holds a join link until the page can take it: links can arrive before the window exists (the
 * first launch's argv) or while it reloads. The page takes the pending one when it starts; later
 * ones are sent to it as events.
 */
export class JoinLinkInbox {
  private pending: string | null = null;
  private pageReady = false;

  /** A link arrived: sends it if the page listens, else keeps it (the newest wins). */
  deliver(code: string, send: (code: string) => void): void {
    if (this.pageReady) send(code);
    else this.pending = code;
  }

  /** The page started and listens from now on; hands over what was kept. */
  take(): string | null {
    this.pageReady = true;
    const code = this.pending;
    this.pending = null;
    return code;
  }

  /** The page is (re)loading: keep links until it asks again. */
  pageGone(): void {
    this.pageReady = false;
  }
}
