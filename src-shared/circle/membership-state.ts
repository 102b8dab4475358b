// What the membership fold produces (membership.ts): members, invites, departures, the
// facilitators' log and the epochs, and the kinds of record it reads.
import { fromBase64Url } from '../bytes';
import { inviteIdOf } from '../crypto/keys';
import type { CircleResourceEntry } from '../records/resources-body';
import type { GenesisBody, InviteBody, RecordOf } from '../records/schema';
import type { AuthorityPast } from './membership-dag';

export type Role = 'facilitator' | 'member';

export interface Member {
  key: string;
  displayName: string;
  role: Role;
  admittedBy: string | null;
  since: number;
  /** Seniority among facilitators (lower is more senior), null for members. */
  rank: number | null;
  /** Hash of the record that granted the current role (genesis or promotion). */
  grant: string;
  /** Hash of the record that let them in (the genesis for the founder). */
  admission: string;
}

export interface Invite extends InviteBody {
  createdBy: string;
  createdAt: number;
  /** Distinct newcomers admitted with it. */
  used: number;
  revoked: boolean;
}

export interface Departure {
  member: string;
  displayName: string;
  kind: 'removed' | 'left';
  by: string;
  at: number;
  reason: string;
  /** The member's records with a higher sequence number are void. */
  upTo: number;
  hash: string;
}

export interface LogEntry {
  kind:
    | 'removed'
    | 'left'
    | 'promoted'
    | 'demoted'
    | 'invite-revoked'
    | 'hidden'
    | 'unhidden'
    | 'muted'
    | 'unmuted'
    | 'guidelines'
    | 'resources'
    | 'relay-attached'
    | 'relay-detached';
  /** The member concerned: the hidden message's author, the muted member ('' for guidelines, resources). */
  member: string;
  by: string;
  at: number;
  reason: string;
}

/** A valid rekey: the start of an epoch. */
export interface EpochStart {
  epoch: number;
  hash: string;
  author: string;
  record: RecordOf<'rekey'>;
  /** Departures (and other authority records) this rekey was made knowing of: its causal past. */
  authorityPast: AuthorityPast;
  /** The author's seniority when the rekey was made: what decides between concurrent rekeys. */
  rank: number;
}

export interface MembershipState {
  readonly policy: GenesisBody['policy'];
  /** Members now. */
  readonly members: ReadonlyMap<string, Member>;
  /** Everyone who ever was a member, with the name they last had (for their older messages). */
  readonly people: ReadonlyMap<string, { displayName: string; since: number }>;
  readonly invites: ReadonlyMap<string, Invite>;
  readonly departures: ReadonlyMap<string, Departure>;
  /** The facilitators' log, oldest first. */
  readonly log: readonly LogEntry[];
  /** The winning rekey of each epoch from 1 on, in order. */
  readonly epochs: readonly EpochStart[];
  /** Every valid rekey, winners and the losers of concurrent ones (their keys still open records). */
  readonly rekeys: readonly EpochStart[];
  /** The latest demotion of each member who lost the facilitator role. */
  readonly demotions: ReadonlyMap<string, { upTo: number; hash: string }>;
  /** Hashes of nodes the fold accepted; every other placed node was void. */
  readonly accepted: ReadonlySet<string>;
  /** Hidden messages by `${author}/${id}` (circle/moderation.ts). */
  readonly hidden: ReadonlyMap<string, HiddenMark>;
  /** Each member's latest mute (it may have run out: compare `until` with the clock). */
  readonly mutes: ReadonlyMap<string, Mute>;
  /** Every stretch of time each member was muted: their messages then are never shown. */
  readonly muteWindows: ReadonlyMap<string, readonly MuteWindow[]>;
  /** The last valid guidelines in fold order, or null (the app then shows DEFAULT_GUIDELINES). */
  readonly guidelines: Guidelines | null;
  /** The last valid resources list in fold order, or null when none was set or it was emptied. */
  readonly resources: CircleResources | null;
  /** Relays facilitators let in, by relay key: the latest word on each (circle/moderation.ts). */
  readonly relays: ReadonlyMap<string, RelayPermit>;
}

/** A relay a facilitator let in to serve one epoch's room, or took back (attached: false). */
export interface RelayPermit {
  relay: string;
  epoch: number;
  attached: boolean;
  by: string;
  at: number;
}

export interface HiddenMark {
  by: string;
  at: number;
  reason: string;
}

export interface Mute {
  member: string;
  from: number;
  until: number;
  by: string;
  reason: string;
}

/** [from, until): a muted member's messages stamped in it are not shown. */
export interface MuteWindow {
  from: number;
  until: number;
}

export interface Guidelines {
  text: string;
  by: string;
  at: number;
  /** Hash of the record that set them. */
  hash: string;
}

/** Support lines the circle's facilitators added (records/resources-body.ts): not checked by Hearth. */
export interface CircleResources {
  entries: readonly CircleResourceEntry[];
  by: string;
  at: number;
  /** Hash of the record that set them. */
  hash: string;
}

/** The membership record kinds: everything but messages (moderation included: it is judged alike). */
export const MEMBERSHIP_KINDS: ReadonlySet<string> = new Set([
  'genesis',
  'invite',
  'revoke',
  'admit',
  'role',
  'remove',
  'leave',
  'rename',
  'rekey',
  'hide',
  'mute',
  'guidelines',
  'resources',
  'relay',
]);

/** True when an invite record's id is the one its secret derives (so nobody reuses another's id). */
export function inviteIdMatches(r: RecordOf<'invite'>): boolean {
  const secret = fromBase64Url(r.body.secret);
  return !!secret && inviteIdOf(secret) === r.body.inviteId;
}
