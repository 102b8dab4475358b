// The parts of a circle's view about facilitation: its invites with what is left of each, the
// facilitators' log, and the moderation everyone sees (guidelines, resources, running mutes). Pure
// functions of the ledger and the clock.
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import {
  membershipEvents,
  type MembershipEvent,
} from '../../../src-shared/circle/membership-events';
import type { CircleView, FacilitatorLogEntry, InviteSummary, KnockRequest } from '../types';

/** What facilitationView fills in. */
type FacilitationPart =
  | 'myRole'
  | 'invites'
  | 'knocks'
  | 'facilitatorLog'
  | 'forkedAuthors'
  | 'guidelines'
  | 'resources'
  | 'relays'
  | 'mutes';

/** The parts of the view the ledger holds: the circle, its people, messages and facilitation. */
export function ledgerView(
  ledger: CircleLedger,
  myKey: string,
  knocks: readonly KnockRequest[],
  now: number,
): Pick<
  CircleView,
  | 'name'
  | 'description'
  | 'membersMayInvite'
  | 'members'
  | 'people'
  | 'membersVersion'
  | 'messages'
  | 'reactions'
  | 'membershipEvents'
  | FacilitationPart
> {
  const info = ledger.info;
  return {
    name: info.name,
    description: info.description,
    membersMayInvite: info.policy.membersMayInvite,
    ...facilitationView(ledger, myKey, knocks, now),
    members: ledger.members,
    people: ledger.people,
    membersVersion: ledger.membersVersion,
    // A snapshot, not a copy: a new one only when the messages changed (React compares by identity).
    messages: ledger.messageSnapshot(),
    reactions: ledger.reactionsByMessage,
    membershipEvents: membershipEventsOf(ledger),
  };
}

const eventsByLedger = new WeakMap<CircleLedger, { stamp: string; events: MembershipEvent[] }>();

/**
 * The ledger's membership events, worked out again only when its members, people or log
 * changed, and the same array while the lines are the same: the view is rebuilt for every
 * message, and a new array rebuilds every row.
 */
export function membershipEventsOf(ledger: CircleLedger): readonly MembershipEvent[] {
  const state = ledger.folded;
  const stamp = `${ledger.membersVersion}/${state.people.size}/${state.departures.size}/${state.log.length}`;
  const known = eventsByLedger.get(ledger);
  if (known?.stamp === stamp) return known.events;
  const derived = membershipEvents(state, ledger.genesis.author);
  // A rename, mute or hide changes the stamp but not the lines: keep the array, so the rows
  // (a full rebuild, some 50-250 ms at 100k messages) are not built again for nothing.
  const same =
    known?.events.length === derived.length &&
    derived.every((e, i) => known.events[i]!.key === e.key);
  const events = same ? known.events : derived;
  eventsByLedger.set(ledger, { stamp, events });
  return events;
}

/** The parts of the view about roles and facilitation; a member sees only their own invites. */
export function facilitationView(
  ledger: CircleLedger,
  myKey: string,
  knocks: readonly KnockRequest[],
  now: number,
): Pick<CircleView, FacilitationPart> {
  const role = ledger.members.get(myKey)?.role ?? 'member';
  const facilitator = role === 'facilitator';
  return {
    myRole: role,
    invites: inviteSummaries(ledger, myKey, facilitator, now),
    knocks: facilitator ? knocks : [],
    facilitatorLog: facilitator ? facilitatorLogOf(ledger) : [],
    forkedAuthors: facilitator ? [...ledger.forkedAuthors] : [],
    guidelines: ledger.guidelines && { ...ledger.guidelines },
    resources: ledger.folded.resources && { ...ledger.folded.resources },
    relays: facilitator ? [...ledger.folded.relays.values()] : [],
    mutes: runningMutes(ledger, now),
  };
}

/** Mutes that still run at `now`, by member key. */
export function runningMutes(ledger: CircleLedger, now: number): CircleView['mutes'] {
  const out = new Map<string, { until: number; reason: string }>();
  for (const [key, m] of ledger.mutes)
    if (m.from <= now && m.until > now) out.set(key, { until: m.until, reason: m.reason });
  // The same map while the running mutes are the same: the view is rebuilt for every message, and
  // a new map made the chat's header (its member actions hold the mutes) render again each time.
  const last = mutesByLedger.get(ledger);
  if (last && sameMutes(last, out)) return last;
  mutesByLedger.set(ledger, out);
  return out;
}

const mutesByLedger = new WeakMap<CircleLedger, CircleView['mutes']>();

function sameMutes(a: CircleView['mutes'], b: CircleView['mutes']): boolean {
  if (a.size !== b.size) return false;
  for (const [key, m] of a) {
    const other = b.get(key);
    if (other?.until !== m.until || other.reason !== m.reason) return false;
  }
  return true;
}

/** Calls back when the next live invite expires or mute ends, so the view shows it as it is. */
export class ExpiryAlarm {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  set(
    invites: readonly InviteSummary[],
    expired: () => void,
    mutes: CircleView['mutes'] = new Map(),
  ): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    let next = Infinity;
    for (const i of invites)
      if (i.state === 'live' && i.expiresAt !== null && i.expiresAt > now)
        next = Math.min(next, i.expiresAt);
    for (const m of mutes.values()) if (m.until > now) next = Math.min(next, m.until);
    if (next === Infinity || this.stopped) return;
    // Timers cap at about 24.8 days; a later expiry is looked at again then.
    this.timer = setTimeout(expired, Math.min(next - now + 50, 2 ** 31 - 1));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Invites newest first: every one for a facilitator, a member's own otherwise. */
export function inviteSummaries(
  ledger: CircleLedger,
  myKey: string,
  facilitator: boolean,
  now: number,
): InviteSummary[] {
  const out: InviteSummary[] = [];
  for (const invite of ledger.invites.values()) {
    if (!facilitator && invite.createdBy !== myKey) continue;
    const usesLeft = invite.maxUses === null ? null : Math.max(0, invite.maxUses - invite.used);
    out.push({
      inviteId: invite.inviteId,
      createdBy: invite.createdBy,
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
      maxUses: invite.maxUses,
      usesLeft,
      approval: invite.approval,
      state: invite.revoked
        ? 'revoked'
        : usesLeft === 0
          ? 'used-up'
          : invite.expiresAt !== null && invite.expiresAt <= now
            ? 'expired'
            : 'live',
    });
  }
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

/** The facilitators' log, newest first. */
export function facilitatorLogOf(ledger: CircleLedger): FacilitatorLogEntry[] {
  return ledger.log.map((entry) => ({ ...entry })).reverse();
}
