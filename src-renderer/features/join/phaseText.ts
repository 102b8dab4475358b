import type { JoinPhase } from '../../services/types';

/** A few words for the sidebar; the join page says more. */
export function shortPhaseText(state: JoinPhase): string {
  switch (state.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return 'Waiting for a member';
    case 'admitted':
      return 'Joined';
    case 'failed':
      return 'Could not join';
  }
}

export const WAITING_TEXT =
  'Waiting for a member of the circle to come online. You can leave this open; it continues by itself.';
export const SIGNALING_UNREACHABLE_TEXT = "Can't reach the signaling server right now.";
