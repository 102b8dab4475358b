import type { MembershipEvent } from '../../../src-shared/circle/membership-events';

const EVENT_TEXT: Record<MembershipEvent['kind'], string> = {
  joined: 'joined',
  left: 'left the circle',
  // A removal's reason is for facilitators: the line says only that the person is gone.
  removed: 'is no longer in the circle',
  facilitator: 'is now a facilitator',
};

/** What a membership line says after the member's name ("joined", "left the circle", ...). */
export function memberEventText(kind: MembershipEvent['kind']): string {
  return EVENT_TEXT[kind];
}
