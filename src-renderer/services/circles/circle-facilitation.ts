// What facilitators (and members, for themselves) do to a circle: invites, roles, removal,
// leaving, names. Each writes signed records through the session; the ledger of every member
// then decides whether they count (membership.ts), so the checks here are only there to give the
// person a clear message before a record that would be void is written.
import { draftInvite } from '../../../src-shared/circle/founding';
import { DisplayName, MAX_LOCKBOXES, MAX_REASON_CHARS } from '../../../src-shared/records/schema';
import { encodeShareCode, shareLinkOf, type EpochPin } from '../../../src-shared/share-code';
import {
  DEFAULT_INVITE_OPTIONS,
  type InviteCode,
  type InviteOptions,
  type LeaveOptions,
} from '../types';
import type { CircleSession } from './circle-session';
import { inviteOpen, MAX_OPEN_LOBBIES } from './lobby-responders';

/** What the invite panel says when the circle has as many open invites as it can answer. */
export const TOO_MANY_OPEN_INVITES =
  `This circle already has ${MAX_OPEN_LOBBIES} share codes waiting to be used, as many as ` +
  'Hearth can answer at once. You can withdraw one that is no longer needed, or make a new ' +
  'one when one has been used or has expired.';

const HOUR = 3_600_000;
const EXPIRY_MS: Record<InviteOptions['expiresIn'], number> = {
  '1h': HOUR,
  '1d': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
};

/** The session, if we are a facilitator in it; else a user-facing error. */
export function facilitatorOnly(session: CircleSession): CircleSession {
  if (!session.ledger.isFacilitator(session.myKey))
    throw new Error('Only facilitators can do this.');
  return session;
}

/** Whether we may remove or demote `key`: a member, or a facilitator junior to us. */
function outranks(session: CircleSession, key: string): boolean {
  const me = session.ledger.members.get(session.myKey);
  const them = session.ledger.members.get(key);
  return !!me && !!them && (them.role === 'member' || (them.rank ?? 0) > (me.rank ?? 0));
}

/**
 * The circle's newest winning rekey (the genesis while there is none): a welcome to this invite
 * must prove it, so a member removed before the invite, who holds none of its keys, cannot
 * hand the newcomer keys he reads (docs/ARCHITECTURE.md "Joining").
 */
function pinOf(session: CircleSession): EpochPin {
  const newest = session.ledger.epochs.at(-1);
  return newest
    ? { epoch: newest.epoch, hash: newest.hash }
    : { epoch: 0, hash: session.ledger.genesisHash };
}

export async function createInvite(
  session: CircleSession,
  options: InviteOptions = DEFAULT_INVITE_OPTIONS,
): Promise<InviteCode> {
  if (!session.ledger.mayInvite(session.myKey))
    throw new Error('In this circle, only facilitators can invite people.');
  // Every open invite has a lobby on the circle's signaling connection, whose topics are few
  // (lobby-responders.ts): past the cap, a new lobby would silently push out another.
  const now = Date.now();
  if (
    [...session.ledger.invites.values()].filter((i) => inviteOpen(i, now)).length >=
    MAX_OPEN_LOBBIES
  )
    throw new Error(TOO_MANY_OPEN_INVITES);
  const { secret, body } = draftInvite({
    expiresAt: Date.now() + EXPIRY_MS[options.expiresIn],
    maxUses: options.maxUses,
    approval: options.approval,
  });
  session.append(session.draft('invite', body));
  // A code is shown only once its invite is on disk: an app closed right after sharing it
  // must still answer it when it next opens.
  await session.persist();
  const token = encodeShareCode({
    genesisFingerprint: session.genesisFingerprint,
    inviteSecret: secret,
    pin: pinOf(session),
    signalingHints: session.signalingUrls,
  });
  return { token, link: shareLinkOf(token) };
}

export async function revokeInvite(session: CircleSession, inviteId: string): Promise<void> {
  const invite = session.ledger.invites.get(inviteId);
  if (!invite) throw new Error('This invite is not known here.');
  if (invite.createdBy !== session.myKey && !session.ledger.isFacilitator(session.myKey))
    throw new Error('Only facilitators, or whoever made it, can withdraw an invite.');
  if (invite.revoked) return;
  session.append(session.draft('revoke', { inviteId }));
  await session.persist();
}

export async function setRole(
  session: CircleSession,
  memberKey: string,
  role: 'facilitator' | 'member',
): Promise<void> {
  facilitatorOnly(session);
  const member = session.ledger.members.get(memberKey);
  if (!member) throw new Error('This person is not a member of the circle.');
  if (member.role === role) return;
  if (role === 'member' && !outranks(session, memberKey))
    throw new Error('A facilitator who took up the role before you keeps it.');
  // Taking the role back cuts off the acts of theirs we have not seen (membership.ts).
  const upTo = role === 'member' ? session.ledger.seenUpTo(memberKey) : 0;
  session.append(session.draft('role', { member: memberKey, role, upTo }));
  await session.persist();
}

/** Removes a member and, at once, starts a new epoch whose keys they do not get. */
export async function removeMember(
  session: CircleSession,
  memberKey: string,
  reason: string,
): Promise<void> {
  facilitatorOnly(session);
  const text = reason.trim();
  if (text === '' || text.length > MAX_REASON_CHARS)
    throw new Error(`Please give a reason (up to ${MAX_REASON_CHARS} characters).`);
  if (memberKey === session.myKey) throw new Error('To leave the circle, use Leave circle.');
  if (!session.ledger.members.has(memberKey))
    throw new Error('This person is not a member of the circle.');
  if (!outranks(session, memberKey))
    throw new Error('A facilitator who took up the role before you cannot be removed by you.');
  // New keys go to everyone who stays, one lockbox each, in one record.
  if (session.ledger.members.size - 1 > MAX_LOCKBOXES)
    throw new Error(`Hearth can rotate the keys of circles of up to ${MAX_LOCKBOXES} people.`);
  session.append(
    session.draft('remove', {
      member: memberKey,
      reason: text,
      upTo: session.ledger.seenUpTo(memberKey),
    }),
  );
  session.rekey();
  await session.persist();
}

/**
 * Writes our departure (naming a successor first when we are the last facilitator and others
 * remain). Nothing is written when we are no longer a member.
 */
export async function leave(session: CircleSession, options: LeaveOptions): Promise<void> {
  if (session.standing !== 'member') return;
  const { ledger, myKey } = session;
  const facilitators = [...ledger.members.values()].filter((m) => m.role === 'facilitator');
  if (ledger.isFacilitator(myKey) && facilitators.length === 1 && ledger.members.size > 1) {
    const successor = options.successor;
    if (!successor || successor === myKey || !ledger.members.has(successor))
      throw new Error('Please choose who should facilitate the circle after you.');
    session.append(session.draft('role', { member: successor, role: 'facilitator', upTo: 0 }));
  }
  session.append(session.draft('leave', {}));
  await session.persist();
}

export async function renameSelf(session: CircleSession, displayName: string): Promise<void> {
  const name = DisplayName.safeParse(displayName);
  if (!name.success) throw new Error('Please choose a name of up to 64 characters.');
  session.append(session.draft('rename', { displayName: name.data }));
  await session.persist();
}
