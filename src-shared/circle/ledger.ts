// A circle's validated state, rebuilt by replaying signed records (docs/ARCHITECTURE.md "Membership").
// Pure: records in, members and messages out. The CRDT only replicates; this decides. Who
// belongs is membership.ts's call, the order of messages timeline.ts's; this file composes the
// two and holds what arrives before the record that explains it.
import type { GenesisBody, RecordContent, RecordOf } from '../records/schema';
import type { ListSnapshot } from '../list-snapshot';
import {
  isMembershipRecord,
  Membership,
  type Invite,
  type Member,
  type Verdict,
} from './membership';
import { MessageTimeline, type ChatMessage } from './timeline';

export type { Invite, Member, Role } from './membership';
export { compareMessages, type ChatMessage } from './timeline';

export interface LedgerStats {
  /** Records from peers that were well-formed and signed but not allowed (e.g. a second genesis). */
  unauthorised: number;
  /** Records whose author is not (yet) a member; they are kept until an admission explains them. */
  pending: number;
  /** Pending records dropped because too many piled up. */
  pendingDropped: number;
}

const MAX_PENDING = 10_000;

const recordKey = (r: Pick<RecordContent, 'author' | 'id'>): string => `${r.author}/${r.id}`;

export class CircleLedger {
  readonly circleId: string;
  readonly genesis: RecordOf<'genesis'>;
  private readonly membership: Membership;
  private readonly timeline = new MessageTimeline();
  private readonly seen = new Set<string>();
  private readonly pending = new Map<string, RecordContent>();
  private unauthorised = 0;
  private pendingDropped = 0;

  /** The genesis must already be checked against the circle's fingerprint by the caller. */
  constructor(genesis: RecordOf<'genesis'>) {
    this.circleId = genesis.circle;
    this.genesis = genesis;
    this.seen.add(recordKey(genesis));
    this.membership = new Membership(genesis);
  }

  /** The circle's name, description and policy, as its genesis set them. */
  get info(): GenesisBody {
    return this.genesis.body;
  }

  /** The members. The map is live (updated in place): see membersVersion. */
  get members(): ReadonlyMap<string, Member> {
    return this.membership.members;
  }

  /** Changes whenever the members do, so what is drawn from them is redrawn only then, not for every message. */
  get membersVersion(): number {
    return this.membership.version;
  }

  /** Invites in force, by invite id (live, like members). */
  /** Whether `key` may admit newcomers now: a facilitator, or any member where the policy says so. */
  canAdmit(key: string): boolean {
    return this.membership.canAdmit(key);
  }

  get invites(): ReadonlyMap<string, Invite> {
    return this.membership.invites;
  }

  /**
   * Messages in display order. The array is live: read-only, and replaced by a new one when a
   * message lands anywhere but the end, so ListSnapshot.of(messages) stays true to its moment.
   */
  get messages(): readonly ChatMessage[] {
    return this.timeline.messages;
  }

  /**
   * The messages as they are now, without a copy (see ListSnapshot). The same object until they
   * change, so a view made for anything else (who is online, say) rebuilds nothing from them.
   */
  messageSnapshot(): ListSnapshot<ChatMessage> {
    return this.timeline.snapshot();
  }

  /** Counts of what was refused, is held, or was dropped from the held records. */
  get stats(): LedgerStats {
    return {
      unauthorised: this.unauthorised,
      pending: this.pending.size,
      pendingDropped: this.pendingDropped,
    };
  }

  /** Record ids are chosen by their authors, so identity is author + id: nobody can shadow another's record. */
  has(record: Pick<RecordContent, 'author' | 'id'>): boolean {
    const key = recordKey(record);
    return this.seen.has(key) || this.pending.has(key);
  }

  /**
   * Applies records that already passed crypto checks (openRecord). Returns the records newly
   * accepted, including earlier pending ones that a new admission made valid.
   */
  ingest(records: Iterable<RecordContent>): RecordContent[] {
    const accepted: RecordContent[] = [];
    let membershipChanged = false;
    for (const r of records) {
      if (r.circle !== this.circleId || this.has(r)) continue;
      const verdict = this.apply(r);
      if (verdict === 'accepted') {
        accepted.push(r);
        membershipChanged ||= r.kind === 'admit' || r.kind === 'invite';
      } else if (verdict === 'pending') {
        this.hold(r);
      }
    }
    // Sync order is arbitrary: a message can arrive before the admission of its author.
    while (membershipChanged && this.pending.size > 0) {
      membershipChanged = false;
      for (const [id, r] of this.pending) {
        const verdict = this.apply(r);
        if (verdict === 'pending') continue;
        this.pending.delete(id);
        if (verdict === 'accepted') {
          accepted.push(r);
          membershipChanged ||= r.kind === 'admit' || r.kind === 'invite';
        }
      }
    }
    this.timeline.settle();
    return accepted;
  }

  private hold(r: RecordContent): void {
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
      this.pendingDropped++;
    }
    this.pending.set(recordKey(r), r);
  }

  private apply(r: RecordContent): Verdict {
    let verdict: Verdict;
    if (isMembershipRecord(r)) verdict = this.membership.apply(r);
    else if (!this.membership.isMember(r.author)) verdict = 'pending';
    else {
      this.timeline.add({ id: r.id, author: r.author, ts: r.ts, text: r.body.text });
      verdict = 'accepted';
    }
    if (verdict === 'refused') this.unauthorised++;
    if (verdict !== 'pending') this.seen.add(recordKey(r));
    return verdict;
  }
}
