// Who belongs to a circle and who may let others in (docs/ARCHITECTURE.md "Membership").
// A pure fold: membership records (genesis, invite, admit) go in one at a time; members, roles,
// invites and the verdict on each record come out. No messages, no crypto beyond the invite id
// check, no arrival bookkeeping: holding records that came too early is the caller's job.
import { fromBase64Url } from '../bytes';
import { inviteIdOf } from '../crypto/keys';
import type { GenesisBody, InviteBody, RecordContent, RecordOf } from '../records/schema';

export type Role = 'facilitator' | 'member';

export interface Member {
  key: string;
  displayName: string;
  role: Role;
  admittedBy: string | null;
  since: number;
}

export interface Invite extends InviteBody {
  createdBy: string;
  createdAt: number;
}

/** The records that change who belongs. */
export type MembershipRecord = RecordOf<'genesis' | 'invite' | 'admit'>;

/**
 * What a record's author may do depends on the state it meets: `accepted` changed or confirmed
 * the state, `refused` is never valid (whatever arrives later), `pending` may become valid once
 * a missing record (the author's admission, the invite) arrives.
 */
export type Verdict = 'accepted' | 'pending' | 'refused';

/** True for the record kinds this module rules on; every other kind leaves membership alone. */
export const isMembershipRecord = (r: RecordContent): r is MembershipRecord =>
  r.kind === 'genesis' || r.kind === 'invite' || r.kind === 'admit';

/**
 * True when admission `r` should replace the one behind member `m`: an earlier time, then the
 * admitter's key, then the display name decide, so every peer keeps the same admission whatever
 * order they arrive in. A facilitator is never replaced by an admission.
 */
export const admissionOutranks = (r: RecordOf<'admit'>, m: Member): boolean =>
  m.role === 'member' &&
  (r.ts !== m.since
    ? r.ts < m.since
    : r.author !== m.admittedBy
      ? r.author < m.admittedBy!
      : r.body.displayName < m.displayName);

/** True when invite `r` should replace `existing` of the same id: the earliest copy wins everywhere. */
export const inviteOutranks = (r: RecordOf<'invite'>, existing: Invite): boolean =>
  r.ts < existing.createdAt || (r.ts === existing.createdAt && r.author < existing.createdBy);

/** True when an invite record's id is the one its secret derives (so nobody reuses another's id). */
export function inviteIdMatches(r: RecordOf<'invite'>): boolean {
  const secret = fromBase64Url(r.body.secret);
  return !!secret && inviteIdOf(secret) === r.body.inviteId;
}

export class Membership {
  readonly genesis: RecordOf<'genesis'>;
  private readonly memberMap = new Map<string, Member>();
  private readonly inviteMap = new Map<string, Invite>();
  private memberChanges = 0;

  /** Starts from the genesis alone: its author is the only member, a facilitator. */
  constructor(genesis: RecordOf<'genesis'>) {
    this.genesis = genesis;
    this.memberMap.set(genesis.author, {
      key: genesis.author,
      displayName: genesis.body.displayName,
      role: 'facilitator',
      admittedBy: null,
      since: genesis.ts,
    });
  }

  /** The circle's policy, fixed by the genesis. */
  get policy(): GenesisBody['policy'] {
    return this.genesis.body.policy;
  }

  /** The members. The map is live (updated in place): see version. */
  get members(): ReadonlyMap<string, Member> {
    return this.memberMap;
  }

  /** Changes whenever the members do, and only then. */
  get version(): number {
    return this.memberChanges;
  }

  /** Invites in force, by invite id (the earliest copy of each). */
  get invites(): ReadonlyMap<string, Invite> {
    return this.inviteMap;
  }

  /** True when `key` is a member now. */
  isMember(key: string): boolean {
    return this.memberMap.has(key);
  }

  /** True when `key` may invite and admit: a facilitator, or any member where the policy allows it. */
  canAdmit(key: string): boolean {
    const m = this.memberMap.get(key);
    return !!m && (m.role === 'facilitator' || this.policy.membersMayAdmit);
  }

  /**
   * Rules on a membership record against the state now and, if it is accepted, applies it. A
   * record whose author is not (yet) a member is pending, whatever its kind; a genesis from a
   * member is refused (the circle's own came through the constructor, and the caller skips
   * records it has already seen).
   */
  apply(r: MembershipRecord): Verdict {
    if (!this.memberMap.has(r.author)) return 'pending';
    switch (r.kind) {
      case 'genesis':
        return 'refused';
      case 'invite':
        return this.applyInvite(r);
      case 'admit':
        return this.applyAdmission(r);
    }
  }

  private applyInvite(r: RecordOf<'invite'>): Verdict {
    if (!this.canAdmit(r.author) || !inviteIdMatches(r)) return 'refused';
    // A copy of an invite with other settings must not win on some peers only.
    const existing = this.inviteMap.get(r.body.inviteId);
    if (!existing || inviteOutranks(r, existing))
      this.inviteMap.set(r.body.inviteId, { ...r.body, createdBy: r.author, createdAt: r.ts });
    return 'accepted';
  }

  private applyAdmission(r: RecordOf<'admit'>): Verdict {
    if (!this.canAdmit(r.author)) return 'refused';
    if (!this.inviteMap.has(r.body.inviteId)) return 'pending';
    // Several members may answer the same knock: the same admission is kept on every peer.
    const current = this.memberMap.get(r.body.member);
    if (!current || admissionOutranks(r, current)) {
      this.memberMap.set(r.body.member, {
        key: r.body.member,
        displayName: r.body.displayName,
        role: 'member',
        admittedBy: r.author,
        since: r.ts,
      });
      this.memberChanges++;
    }
    return 'accepted';
  }
}
