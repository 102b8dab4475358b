import type { JoinPhase } from '../../services/types';

export type RefusalReason = Extract<JoinPhase, { phase: 'refused' }>['reason'];

/** A few words for the sidebar; the join page says more. */
export function shortPhaseText(state: JoinPhase): string {
  switch (state.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return 'Waiting for a member';
    case 'awaiting-approval':
      return 'Waiting for a facilitator';
    case 'refused':
      return 'Not let in';
    case 'admitted':
      return 'Joined';
    case 'failed':
      return 'Could not join';
  }
}

export const WAITING_TEXT =
  'Waiting for a member of the circle to come online. You can leave this open; it continues by itself. ' +
  'If nobody answers for a long while, the code may have expired, been used or been withdrawn: the person who gave it to you can make a new one.';
export const SIGNALING_UNREACHABLE_TEXT = "Can't reach the signaling server right now.";
export const AWAITING_APPROVAL_TEXT =
  "A facilitator has been asked to let you in. Keep Hearth open; you'll be let in as soon as they say yes.";

const REFUSAL_TEXT: Record<RefusalReason, string> = {
  expired: 'This invite has expired. Ask the person who shared it for a new one.',
  'used-up': 'This invite has already been used as many times as it allows. Ask for a new one.',
  revoked:
    "This invite was withdrawn by the circle. Ask for a new one if you think that's a mistake.",
  declined: "A facilitator didn't let this request in. Nothing about you was shared.",
};

/** What a refused newcomer is told: why, and what they can do next. No blame. */
export const refusalText = (reason: RefusalReason): string => REFUSAL_TEXT[reason];
