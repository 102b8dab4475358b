// The parts of a circle's view that facilitators read: its invites with what is left of each,
// and the facilitators' log. Pure functions of the ledger and the clock.
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import type { FacilitatorLogEntry, InviteSummary } from '../types';

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
