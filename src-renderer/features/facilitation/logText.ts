import type { FacilitatorLogEntry } from '../../services/types';

const KIND_TEXT: Record<FacilitatorLogEntry['kind'], string> = {
  removed: 'Removed from the circle',
  left: 'Left the circle',
  promoted: 'Made co-facilitator',
  demoted: 'Facilitator role taken back',
  'invite-revoked': 'Invite withdrawn',
  hidden: 'Message hidden',
  unhidden: 'Message shown again',
  muted: 'Muted',
  unmuted: 'Mute ended',
  guidelines: 'Guidelines changed',
  resources: 'Changed the circle’s resources',
  'relay-attached': 'Let a relay keep the circle reachable',
  'relay-detached': 'Stopped using a relay',
};

/** What a facilitators' log line records, in a few words. */
export const logKindText = (kind: FacilitatorLogEntry['kind']): string => KIND_TEXT[kind];
