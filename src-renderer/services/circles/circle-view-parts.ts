// The parts of a circle's view about facilitation: its invites with what is left of each, the
// facilitators' log, and the moderation everyone sees (guidelines, running mutes). Pure
// functions of the ledger and the clock.
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import type { CircleView, FacilitatorLogEntry, InviteSummary, KnockRequest } from '../types';

/** The parts of the view about roles and facilitation; a member sees only their own invites. */
export function facilitationView(
  ledger: CircleLedger,
  myKey: string,
  knocks: readonly KnockRequest[],
  now: number,
): Pick<
  CircleView,
  'myRole' | 'invites' | 'knocks' | 'facilitatorLog' | 'forkedAuthors' | 'guidelines' | 'mutes'
> {
  const role = ledger.members.get(myKey)?.role ?? 'member';
  const facilitator = role === 'facilitator';
  return {
    myRole: role,
    invites: inviteSummaries(ledger, myKey, facilitator, now),
    knocks: facilitator ? knocks : [],
    facilitatorLog: facilitator ? facilitatorLogOf(ledger) : [],
    forkedAuthors: facilitator ? [...ledger.forkedAuthors] : [],
    guidelines: ledger.guidelines && { ...ledger.guidelines },
    mutes: runningMutes(ledger, now),
  };
}

/** Mutes that still run at `now`, by member key. */
export function runningMutes(ledger: CircleLedger, now: number): CircleView['mutes'] {
  const out = new Map<string, { until: number; reason: string }>();
  for (const [key, m] of ledger.mutes)
    if (m.from <= now && m.until > now) out.set(key, { until: m.until, reason: m.reason });
  return out;
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
