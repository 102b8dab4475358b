// Which invites' lobbies a device answers for a circle (lobby-responder.ts does the answering):
// facilitators answer the circle's open invites, members too where the circle lets them invite.
// Only open ones: an invite that has expired, been used up or withdrawn has no lobby, and a lobby
// closes when its invite ends (its expiry timer, its last use or its withdrawal), or, when the
// admission of a newcomer used it up, once that newcomer picked up its welcome (within
// WELCOME_PICKUP_MS: a newcomer who never comes back for it keeps no lobby open). Each lobby is a
// topic on the circle's signaling connection, beside the circle's room and handover rooms, and a
// server takes at most 64 per connection: past that, rooms would silently fall off and members
// stop finding each other. So a circle answers at most MAX_OPEN_LOBBIES invites, and no new
// invite is made while that many are open (circle-facilitation.ts).
import type { Invite } from '../../../src-shared/circle/membership-state';
import { HANDOVER_EPOCHS } from './handover-rooms';
import { LobbyResponder } from './lobby-responder';
import type { CircleSession, NetworkSettings } from './circle-session';
import type { OpenRoom } from './room-connection';

/** Open invites a circle answers at once: 1 room + HANDOVER_EPOCHS + this stays well under 64. */
export const MAX_OPEN_LOBBIES = 24;
/** The most topics one circle's signaling connection needs. */
export const MAX_CIRCLE_TOPICS = 1 + HANDOVER_EPOCHS + MAX_OPEN_LOBBIES;

/** Whether `invite` lets anyone in at `now`: not withdrawn, not used up, not expired. */
export function inviteOpen(invite: Invite, now: number): boolean {
  return (
    !invite.revoked &&
    (invite.maxUses === null || invite.used < invite.maxUses) &&
    (invite.expiresAt === null || now < invite.expiresAt)
  );
}

/**
 * The invites whose lobbies are open at `now`: the newest MAX_OPEN_LOBBIES open ones (a ledger
 * can hold more, made by members at once), and the soonest of their expiries (null if none), when
 * the choice must be made again.
 */
export function lobbiesAt(
  invites: Iterable<Invite>,
  now: number,
): { inviteIds: string[]; nextExpiry: number | null } {
  const open = [...invites]
    .filter((i) => inviteOpen(i, now))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, MAX_OPEN_LOBBIES);
  const expiries = open.flatMap((i) => (i.expiresAt === null ? [] : [i.expiresAt]));
  return {
    inviteIds: open.map((i) => i.inviteId),
    nextExpiry: expiries.length > 0 ? Math.min(...expiries) : null,
  };
}

/** How long a lobby whose invite ended stays open for a newcomer let in to pick up its welcome. */
export const WELCOME_PICKUP_MS = 60_000;
/** Timers cap at about 24.8 days; a later expiry is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The lobby responders of every open circle, keyed `${localId}/${inviteId}`. */
export class Lobbies {
  readonly responders = new Map<string, LobbyResponder>();
  /** The members version each circle's responders last answered for. */
  private readonly membersSeen = new Map<string, number>();
  /** Per circle: the moment its next lobby expires. */
  private readonly expiries = new Map<string, ReturnType<typeof setTimeout>>();
  /** When each lobby still open for a welcome to be picked up was first seen with its invite ended. */
  private readonly endedAt = new Map<string, number>();

  constructor(private readonly network: NetworkSettings) {}

  /** The responders of one circle. */
  of(session: CircleSession): LobbyResponder[] {
    return [...this.responders.entries()]
      .filter(([key]) => key.startsWith(`${session.localId}/`))
      .map(([, r]) => r);
  }

  /**
   * Starts and stops the circle's responders as its invites, the clock and our role change, and
   * has them answer again when the members changed (someone else approved a knock we hold, say).
   * `live`: the circle is open and in its own room, so lobbies come after the room on its
   * connection. `recheck` is called when an open invite expires or a welcome's pickup time ends,
   * to call this again. Lobbies kept for a pickup count against MAX_OPEN_LOBBIES too.
   */
  keep(session: CircleSession, live: boolean, openRoom: OpenRoom, recheck: () => void): void {
    const { ledger, myKey, localId } = session;
    const answers = live && session.standing === 'member' && ledger.mayInvite(myKey);
    const { inviteIds, nextExpiry } = answers
      ? lobbiesAt(ledger.invites.values(), Date.now())
      : { inviteIds: [], nextExpiry: null };
    const now = Date.now();
    const wanted = new Set(inviteIds.map((id) => `${localId}/${id}`));
    let knocksGone = false;
    let nextCheck = nextExpiry;
    let kept = inviteIds.length;
    for (const [key, r] of this.responders) {
      if (!key.startsWith(`${localId}/`)) continue;
      if (wanted.has(key)) {
        this.endedAt.delete(key);
        continue;
      }
      const ended = this.endedAt.get(key) ?? now;
      if (answers && r.welcoming && now < ended + WELCOME_PICKUP_MS && kept < MAX_OPEN_LOBBIES) {
        kept++;
        this.endedAt.set(key, ended);
        nextCheck = Math.min(nextCheck ?? Infinity, ended + WELCOME_PICKUP_MS);
        continue;
      }
      knocksGone ||= r.waiting().length > 0;
      r.destroy();
      this.responders.delete(key);
      this.endedAt.delete(key);
    }
    for (const inviteId of inviteIds) {
      const key = `${localId}/${inviteId}`;
      if (this.responders.has(key)) continue;
      const network = { ...this.network, signalingUrls: session.signalingUrls };
      const onQueue = () => session.setKnocks(this.of(session).flatMap((r) => r.waiting()));
      this.responders.set(key, new LobbyResponder(session, inviteId, network, openRoom, onQueue));
    }
    this.schedule(localId, nextCheck, recheck);
    if (answers && this.membersSeen.get(localId) !== ledger.membersVersion) {
      this.membersSeen.set(localId, ledger.membersVersion);
      for (const r of this.of(session)) r.refresh();
    }
    if (!answers) this.membersSeen.delete(localId);
    // Knocks of a closed lobby are no longer in the queue facilitators see.
    if (knocksGone) session.setKnocks(this.of(session).flatMap((r) => r.waiting()));
  }

  /** Closes every lobby (the vault locks). */
  closeAll(): void {
    for (const r of this.responders.values()) r.destroy();
    this.responders.clear();
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    this.membersSeen.clear();
    this.endedAt.clear();
  }

  private schedule(localId: string, at: number | null, recheck: () => void): void {
    const before = this.expiries.get(localId);
    if (before) clearTimeout(before);
    this.expiries.delete(localId);
    if (at === null) return;
    // Just past the expiry, so that the invite reads as expired when looked at.
    const timer = setTimeout(recheck, Math.min(Math.max(0, at - Date.now()) + 50, MAX_TIMER_MS));
    this.expiries.set(localId, timer);
  }
}
