// What facilitators do to keep a circle safe (issue 17): hide a message, mute a member for a
// while, set the guidelines. Each writes a signed record through the session; every member's
// ledger then judges it (src-shared/circle/moderation.ts), so the checks here are only there to
// give the person a clear message before a record that would be void is written.
import {
  GuidelinesBody,
  MAX_GUIDELINES_CHARS,
  MAX_REASON_CHARS,
} from '../../../src-shared/records/schema';
import type { CircleSession } from './circle-session';
import { facilitatorOnly } from './circle-facilitation';

/** The longest a mute may run, so that nobody is silenced and forgotten. */
export const MAX_MUTE_MS = 30 * 24 * 3_600_000;

function reasonOf(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '' || trimmed.length > MAX_REASON_CHARS)
    throw new Error(`Please give a reason (up to ${MAX_REASON_CHARS} characters).`);
  return trimmed;
}

async function writeHide(
  session: CircleSession,
  author: string,
  id: string,
  hidden: boolean,
  reason: string,
): Promise<void> {
  facilitatorOnly(session);
  const body = { author, id, hidden, reason: reasonOf(reason) };
  const isHidden = session.ledger.hidden.has(`${author}/${id}`);
  if (hidden && isHidden) throw new Error('This message is already hidden.');
  if (!hidden && !isHidden) throw new Error('This message is not hidden.');
  session.append(session.draft('hide', body));
  await session.persist();
}

/** Hides a message for everyone (facilitators can still open it); the reason goes in the log. */
export function hideMessage(
  session: CircleSession,
  author: string,
  id: string,
  reason: string,
): Promise<void> {
  return writeHide(session, author, id, true, reason);
}

/** Shows a hidden message again; the reason goes in the log. */
export function showMessage(
  session: CircleSession,
  author: string,
  id: string,
  reason: string,
): Promise<void> {
  return writeHide(session, author, id, false, reason);
}

/** The member `key`, if we may mute them: not ourselves, and not a facilitator senior to us. */
function mutable(session: CircleSession, key: string): void {
  if (key === session.myKey) throw new Error('You cannot mute yourself.');
  const me = session.ledger.members.get(session.myKey);
  const them = session.ledger.members.get(key);
  if (!them) throw new Error('This person is no longer in the circle.');
  if (them.role === 'facilitator' && (them.rank ?? 0) < (me?.rank ?? 0))
    throw new Error('You cannot mute a facilitator who has held the role longer than you.');
}

/** Mutes a member until `until` (ms since 1970, in the future, at most 30 days away). */
export async function muteMember(
  session: CircleSession,
  member: string,
  until: number,
  reason: string,
): Promise<void> {
  facilitatorOnly(session);
  mutable(session, member);
  const now = Date.now();
  if (!Number.isSafeInteger(until) || until <= now)
    throw new Error('Please choose when the mute ends: a time in the future.');
  if (until > now + MAX_MUTE_MS) throw new Error('A mute can last at most 30 days.');
  const body = { member, until, reason: reasonOf(reason) };
  session.append(session.draft('mute', body));
  await session.persist();
}

/** Lifts a member's mute now. */
export async function unmuteMember(
  session: CircleSession,
  member: string,
  reason: string,
): Promise<void> {
  facilitatorOnly(session);
  mutable(session, member);
  const body = { member, until: 0, reason: reasonOf(reason) };
  const record = session.draft('mute', body);
  if (!((session.ledger.mutes.get(member)?.until ?? 0) > record.ts))
    throw new Error('This person is not muted.');
  session.append(record);
  await session.persist();
}

/** Sets the circle's guidelines (plain text, shown to everyone). */
export async function setGuidelines(session: CircleSession, text: string): Promise<void> {
  facilitatorOnly(session);
  const body = GuidelinesBody.safeParse({ text });
  if (!body.success)
    throw new Error(`The guidelines need some text, at most ${MAX_GUIDELINES_CHARS} characters.`);
  session.append(session.draft('guidelines', body.data));
  await session.persist();
}

/** A user-facing error if we are muted now: our messages would not be shown. */
export function notMuted(session: CircleSession): CircleSession {
  const mute = session.ledger.mutes.get(session.myKey);
  if (mute && mute.until > Date.now())
    throw new Error(
      `A facilitator has paused your messages in this circle until ${new Date(mute.until).toLocaleString()}.`,
    );
  return session;
}
