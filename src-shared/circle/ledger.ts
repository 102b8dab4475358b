// A circle's validated state, rebuilt from signed records (docs/ARCHITECTURE.md "Membership").
// Pure: records in, members, epochs and messages out. The CRDT only replicates; this decides.
// The causal graph is membership-dag.ts's job, the rules membership.ts's, the order of messages
// timeline.ts's; this file composes them, spots equivocation, and keeps each author's messages
// so that a later removal or fork takes exactly the right ones out.
import type { RecordContent, RecordOf } from '../records/schema';
import { MAX_PREV } from '../records/schema';
import { canonical, recordHash } from '../records/record-hash';
import type { ListSnapshot } from '../list-snapshot';
import { compareNodes, MembershipDag, type DagNode } from './membership-dag';
import {
  extendMembership,
  foldMembership,
  MEMBERSHIP_KINDS,
  type Departure,
  type EpochStart,
  type Invite,
  type LogEntry,
  type Member,
  type MembershipState,
} from './membership';
import {
  foldSnapshot,
  membersOf,
  membershipChangedAuthors,
  moderationChangedAuthors,
  sameMembers,
} from './fold-changes';
import { MessageBook } from './message-book';
import { messageKey, mutedAt } from './moderation';
import type { ChatMessage } from './timeline';

export type { Departure, EpochStart, Invite, LogEntry, Member, Role } from './membership';
export { compareMessages, type ChatMessage } from './timeline';

export interface LedgerStats {
  /** Records that were well-formed and signed but void: not allowed, backdated, or one side of a fork. */
  unauthorised: number;
  /** Records waiting for a record they name, or for their author's admission. */
  pending: number;
  /** Waiting records dropped because too many piled up. */
  pendingDropped: number;
}

const MAX_WAITING = 10_000;

const recordKey = (r: Pick<RecordContent, 'author' | 'id'>): string => `${r.author}/${r.id}`;

/** Same content, whatever key order it came in (only met when one record arrives twice). */
const sameRecord = (a: RecordContent, b: RecordContent): boolean => canonical(a) === canonical(b);

/**
 * A record stamped further ahead than this is not named in our `prev`: our own times may not be
 * earlier than what we name, so naming it would drag every later record of ours (and of everyone
 * who follows us) into its future, and past every invite's expiry.
 */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export class CircleLedger {
  readonly circleId: string;
  readonly genesis: RecordOf<'genesis'>;
  readonly genesisHash: string;
  private readonly dag = new MembershipDag();
  private readonly genesisNode: DagNode;
  private state: MembershipState;
  private readonly book = new MessageBook(
    {
      valid: (r) => this.valid(r),
      known: (author) => this.state.people.has(author),
      hidden: (r) => this.state.hidden.get(messageKey(r.author, r.id)),
    },
    MAX_WAITING,
  );
  /** Every record taken, by author/id; and by author#seq, to catch two records under one number. */
  private readonly records = new Map<string, RecordContent>();
  private readonly bySeq = new Map<string, string>();
  /** Record keys hidden as one side of an equivocation, and the authors who equivocated. */
  private readonly forked = new Set<string>();
  /** Hashes of membership records on either side of a fork: left out of the fold. */
  private readonly forkHashes = new Set<string>();
  private readonly forkers = new Set<string>();
  private readonly hashOf = new Map<string, string>();
  private readonly heads = new Set<string>();
  private readonly maxSeq = new Map<string, number>();
  private membersChanges = 0;
  private refused = 0;
  private dropped = 0;

  /** The genesis must already be checked against the circle's fingerprint by the caller. */
  constructor(genesis: RecordOf<'genesis'>) {
    this.circleId = genesis.circle;
    this.genesis = genesis;
    this.genesisHash = recordHash(genesis);
    this.records.set(recordKey(genesis), genesis);
    this.maxSeq.set(genesis.author, genesis.seq);
    this.bySeq.set(`${genesis.author}#${genesis.seq}`, recordKey(genesis));
    this.hashOf.set(recordKey(genesis), this.genesisHash);
    this.dag.offer(genesis, this.genesisHash);
    this.genesisNode = this.dag.get(this.genesisHash)!;
    this.heads.add(this.genesisHash);
    this.state = foldMembership(this.genesisNode, this.dag.inOrder());
  }

  /** The circle's name, description and policy, as its genesis set them. */
  get info(): RecordOf<'genesis'>['body'] {
    return this.genesis.body;
  }

  /** Members now. The map is replaced when membership changes: see membersVersion. */
  get members(): ReadonlyMap<string, Member> {
    return this.state.members;
  }

  /** Changes whenever the members (or their names and roles) do, and only then. */
  get membersVersion(): number {
    return this.membersChanges;
  }

  /** Everyone who ever was a member, with their last name: authors of older messages. */
  get people(): MembershipState['people'] {
    return this.state.people;
  }

  get invites(): ReadonlyMap<string, Invite> {
    return this.state.invites;
  }

  get departures(): ReadonlyMap<string, Departure> {
    return this.state.departures;
  }

  get log(): readonly LogEntry[] {
    return this.state.log;
  }

  /** Hidden messages by `${author}/${id}`, with who hid them, when and why. */
  get hidden(): MembershipState['hidden'] {
    return this.state.hidden;
  }

  /** Each member's latest mute (compare `until` with the clock to see if it still runs). */
  get mutes(): MembershipState['mutes'] {
    return this.state.mutes;
  }

  /** The circle's guidelines, or null when no facilitator has set any. */
  get guidelines(): MembershipState['guidelines'] {
    return this.state.guidelines;
  }

  /** The winning rekey of each epoch from 1 on. */
  get epochs(): readonly EpochStart[] {
    return this.state.epochs;
  }

  /** Every valid rekey, including the losers of concurrent ones (their keys still open records). */
  get rekeys(): readonly EpochStart[] {
    return this.state.rekeys;
  }

  /** Authors who signed two different records under one id or number. */
  get forkedAuthors(): ReadonlySet<string> {
    return this.forkers;
  }

  /** Whether `key` may make invites: a facilitator, or any member where the circle allows it. */
  mayInvite(key: string): boolean {
    const m = this.state.members.get(key);
    return !!m && (m.role === 'facilitator' || this.state.policy.membersMayInvite);
  }

  /** Whether `key` may approve newcomers, change roles and remove: facilitators only. */
  isFacilitator(key: string): boolean {
    return this.state.members.get(key)?.role === 'facilitator';
  }

  /**
   * Members who left or were removed but still hold the current epoch's keys: a facilitator
   * should start a new epoch without them.
   */
  get departedKeyHolders(): string[] {
    const current = this.state.epochs[this.state.epochs.length - 1];
    return [...this.state.departures.values()]
      .filter((d) => !current || !current.authorityPast.has(d.hash))
      .map((d) => d.member);
  }

  /**
   * Members without the current keys: admitted without knowing the current rekey (at the same
   * time as it) and given no lockbox in it. A facilitator should start a new epoch for them.
   */
  get membersMissingKeys(): string[] {
    const current = this.state.epochs[this.state.epochs.length - 1];
    if (!current) return [];
    const boxed = new Set(current.record.body.lockboxes.map((b) => b.to));
    return [...this.state.members.values()]
      .filter(
        (m) => !boxed.has(m.key) && !this.dag.get(m.admission)?.authorityPast.has(current.hash),
      )
      .map((m) => m.key);
  }

  /**
   * What a new record of ours names as its causal position: the newest membership records (at
   * most MAX_PREV), leaving out any stamped far in the future (see MAX_CLOCK_SKEW_MS).
   */
  prevForNew(now = Date.now()): string[] {
    const heads = [...this.heads]
      .map((h) => this.dag.get(h)!)
      .filter((n) => n.record.ts <= now + MAX_CLOCK_SKEW_MS);
    if (heads.length === 0) return [this.genesisHash];
    return heads
      .sort((a, b) => -compareNodes(a, b))
      .slice(0, MAX_PREV)
      .map((n) => n.hash);
  }

  /** The earliest time a new record of ours may carry: no earlier than what it names in `prev`. */
  tsFloor(prev: readonly string[]): number {
    let floor = 0;
    for (const h of prev) floor = Math.max(floor, this.dag.get(h)?.record.ts ?? 0);
    return floor;
  }

  /** The next sequence number for `author` (one more than any of theirs seen). */
  nextSeq(author: string): number {
    return (this.maxSeq.get(author) ?? 0) + 1;
  }

  /** The highest of `author`'s sequence numbers held here with none missing below it (a removal's upTo). */
  seenUpTo(author: string): number {
    const seqs = new Set<number>();
    for (const r of this.records.values()) if (r.author === author) seqs.add(r.seq);
    let n = 0;
    while (seqs.has(n + 1)) n++;
    return n;
  }

  /** The hash of a membership record taken here (author/id), for naming it. */
  hashOfRecord(r: Pick<RecordContent, 'author' | 'id'>): string | undefined {
    return this.hashOf.get(recordKey(r));
  }

  /** Messages in display order (live array: see timeline.ts). */
  get messages(): readonly ChatMessage[] {
    return this.book.messages;
  }

  /** The messages as they are now, without a copy (see ListSnapshot). */
  messageSnapshot(): ListSnapshot<ChatMessage> {
    return this.book.snapshot();
  }

  get stats(): LedgerStats {
    const pending = this.dag.waiting + this.book.waiting;
    return { unauthorised: this.refused, pending, pendingDropped: this.dropped };
  }

  /** Record identity is author + id: nobody can shadow another's record. */
  has(record: Pick<RecordContent, 'author' | 'id'>): boolean {
    return this.records.has(recordKey(record));
  }

  /**
   * Takes records that passed the crypto checks (openRecord). Returns the records that took
   * effect now (a membership record the fold accepted, a message now shown), in any order.
   */
  ingest(records: Iterable<RecordContent>): RecordContent[] {
    const accepted: RecordContent[] = [];
    const placedNodes: DagNode[] = [];
    const placedPosts: RecordOf<'message'>[] = [];
    let forksFound = false;
    const place = (r: RecordContent, hash: string | null) => {
      const placed = this.dag.offer(r, hash);
      placedNodes.push(...placed.nodes);
      for (const o of placed.others) placedPosts.push(o as RecordOf<'message'>);
      this.refused += placed.refused.length;
    };
    for (const r of records) {
      if (r.circle !== this.circleId) continue;
      const key = recordKey(r);
      const hash = MEMBERSHIP_KINDS.has(r.kind) ? recordHash(r) : null;
      const known = this.records.get(key);
      if (known) {
        if (sameRecord(known, r)) continue;
        // A second version of one id: a fork. It joins the graph all the same, since others may
        // name it, and both versions are left out of the fold and the messages.
        forksFound = this.fork(key, key, hash) || forksFound;
        if (hash) place(r, hash);
        continue;
      }
      this.records.set(key, r);
      if (hash) this.hashOf.set(key, hash);
      if (r.seq > (this.maxSeq.get(r.author) ?? 0)) this.maxSeq.set(r.author, r.seq);
      const seqKey = `${r.author}#${r.seq}`;
      const other = this.bySeq.get(seqKey);
      if (other !== undefined) forksFound = this.fork(other, key, hash) || forksFound;
      else this.bySeq.set(seqKey, key);
      place(r, hash);
    }
    for (const r of this.dag.trimWaiting(MAX_WAITING)) this.forget(r);
    for (const n of placedNodes) {
      for (const p of n.record.prev) this.heads.delete(p);
      this.heads.add(n.hash);
    }
    const changedAuthors =
      placedNodes.length > 0 || forksFound ? this.refold(placedNodes, accepted) : new Set<string>();
    // Messages whose author is not (yet) known wait, but not without bound.
    for (const m of this.book.take(placedPosts, changedAuthors, accepted)) this.forget(m);
    return accepted;
  }

  /** A record dropped while it waited: forgotten, so that it can come again. */
  private forget(r: RecordContent): void {
    this.dropped++;
    const key = recordKey(r);
    if (this.records.get(key) !== r) return; // the other side of a fork: the first stays
    this.records.delete(key);
    this.hashOf.delete(key);
    const seqKey = `${r.author}#${r.seq}`;
    if (this.bySeq.get(seqKey) === key) this.bySeq.delete(seqKey);
  }

  /** Marks both sides of an equivocation (and the graph nodes involved); true if it was new. */
  private fork(a: string, b: string, hashOfB: string | null): boolean {
    const size = this.forked.size + this.forkHashes.size;
    const firstHash = this.hashOf.get(a);
    if (firstHash) this.forkHashes.add(firstHash);
    if (hashOfB) this.forkHashes.add(hashOfB);
    this.forked.add(a);
    this.forked.add(b);
    this.forkers.add(this.records.get(a)!.author);
    return this.forked.size + this.forkHashes.size !== size;
  }

  /**
   * Folds with both sides of every fork left out, except where a removal or demotion of the
   * forker names one side in its past (within its upTo): that side is the one the remover saw,
   * and is kept. Otherwise a removed facilitator could sign a twin of his own removal of someone,
   * or of his rekey, and void it on every peer. Keeping a side can change the departures, so this
   * runs until the kept sides settle (a few passes at most; forks are rare).
   */
  private foldKeepingWitnessedSides(): MembershipState {
    const ordered = this.dag.inOrder();
    let kept = new Set<string>();
    let state = foldMembership(this.genesisNode, ordered, this.forkHashes);
    for (let pass = 0; pass < 3 && this.forkHashes.size > 0; pass++) {
      const next = new Set<string>();
      for (const h of this.forkHashes) {
        const r = this.dag.get(h)?.record;
        if (!r) continue;
        const cut = state.departures.get(r.author) ?? state.demotions.get(r.author);
        if (cut && r.seq <= cut.upTo && this.dag.isAncestor(h, cut.hash)) next.add(h);
      }
      if (next.size === kept.size && [...next].every((h) => kept.has(h))) break;
      kept = next;
      const skip = new Set([...this.forkHashes].filter((h) => !kept.has(h)));
      state = foldMembership(this.genesisNode, ordered, skip);
    }
    return state;
  }

  /** Folds the membership graph again; returns the authors whose messages must be judged again. */
  private refold(placed: readonly DagNode[], accepted: RecordContent[]): Set<string> {
    const before = foldSnapshot(this.state);
    // Records that only extend the graph (the usual case, one at a time) fold on from where the
    // last fold stopped; anything else folds in full.
    this.state =
      (this.forkHashes.size === 0 ? extendMembership(this.state, placed) : null) ??
      this.foldKeepingWitnessedSides();
    for (const n of placed) {
      if (this.state.accepted.has(n.hash)) accepted.push(n.record);
      else this.refused++;
    }
    const changed = membershipChangedAuthors(before, this.state);
    for (const key of this.forked) changed.add(this.records.get(key)!.author);
    if (changed.size > 0 || !sameMembers(before.members, membersOf(this.state)))
      this.membersChanges++;
    // A hide, unhide or mute changes how those authors' messages show, not who the members are.
    for (const key of moderationChangedAuthors(before, this.state)) changed.add(key);
    return changed;
  }

  /**
   * A message counts if its author was let in before it, had not left or been cut off, was not
   * muted when it was written, and did not equivocate on it.
   */
  private valid(r: RecordOf<'message'>): boolean {
    const person = this.state.people.get(r.author);
    if (!person || r.ts < person.since || this.forked.has(recordKey(r))) return false;
    if (mutedAt(this.state, r.author, r.ts)) return false;
    const departed = this.state.departures.get(r.author);
    return !departed || r.seq <= departed.upTo;
  }
}
