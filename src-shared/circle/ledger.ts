// A circle's validated state, rebuilt from signed records (docs/ARCHITECTURE.md "Membership").
// Pure: records in, members, epochs and messages out. The CRDT only replicates; this decides.
// The causal graph is membership-dag.ts's job, the rules membership.ts's, the order of messages
// timeline.ts's; this file composes them, spots equivocation, and keeps each author's messages
// so that a later removal or fork takes exactly the right ones out.
import type { MessageRef, RecordContent, RecordOf } from '../records/schema';
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
import type { BookRecord } from './message-changes';
import { ReactionBook, type Reaction } from './reaction-book';
import { TakenRecords } from './taken-records';
import { isTombstone, tombstoneOf, type Tombstone } from './tombstone';
import { keyHolders } from './key-holders';
import { foldKeepingWitnessedSides } from './witnessed-forks';
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
const sameRecord = (a: RecordContent | Tombstone, b: RecordContent): boolean =>
  isTombstone(a) ? a.hash === recordHash(b) : canonical(a) === canonical(b);

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
  private readonly reactions = new ReactionBook({
    valid: (r) => this.valid(r),
    isMessage: (ref) => this.book.has(ref),
  });
  private readonly taken = new TakenRecords();
  /** Records whose text went since takeErased last ran (see MessageBook.takeErased). */
  private erased: RecordContent[] = [];
  /** Record keys hidden as one side of an equivocation, and the authors who equivocated. */
  private readonly forked = new Set<string>();
  /** Hashes of membership records on either side of a fork: left out of the fold. */
  private readonly forkHashes = new Set<string>();
  private readonly forkers = new Set<string>();
  private readonly hashOf = new Map<string, string>();
  private readonly heads = new Set<string>();
  private membersChanges = 0;
  private refused = 0;
  private dropped = 0;

  /** The genesis must already be checked against the circle's fingerprint by the caller. */
  constructor(genesis: RecordOf<'genesis'>) {
    this.circleId = genesis.circle;
    this.genesis = genesis;
    this.genesisHash = recordHash(genesis);
    this.taken.add(recordKey(genesis), genesis);
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

  /** The whole folded membership state, for the parts without a getter (resources, relays). */
  get folded(): MembershipState {
    return this.state;
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

  /** Members who left or were removed but still hold the current keys: to rekey without them. */
  get departedKeyHolders(): string[] {
    return keyHolders(this.state, this.dag).departed;
  }

  /** Members admitted alongside the current rekey without a lockbox in it: to rekey for them. */
  get membersMissingKeys(): string[] {
    return keyHolders(this.state, this.dag).missing;
  }

  /** Records (messages, edits) whose text their author deleted since the last call: to purge. */
  takeErased(): RecordContent[] {
    const out = this.erased;
    this.erased = [];
    return out;
  }

  /** Whether `author`'s message `id` was deleted by its author (its text is gone here). */
  isDeleted(author: string, id: string): boolean {
    return this.book.isDeleted(author, id);
  }

  /** Takes the tombstones a store kept: their places in their authors' records, no text. */
  restoreTombstones(tombstones: readonly Tombstone[]): void {
    for (const t of tombstones) if (!this.taken.has(recordKey(t))) this.taken.add(recordKey(t), t);
    this.book.restoreDeleted(tombstones);
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
    return this.taken.nextSeq(author);
  }

  /** The highest of `author`'s sequence numbers held here with none missing below it (a removal's upTo). */
  seenUpTo(author: string): number {
    return this.taken.seenUpTo(author);
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

  /** Whether this author's message with this id was taken here (shown or not): what a reaction may name. */
  hasMessage(ref: MessageRef): boolean {
    return this.book.has(ref);
  }

  /** Reactions that count, by messageKey(author, id) (reaction-book.ts); a new map when any changed. */
  get reactionsByMessage(): ReadonlyMap<string, readonly Reaction[]> {
    return this.reactions.all;
  }

  get stats(): LedgerStats {
    const pending = this.dag.waiting + this.book.waiting;
    return { unauthorised: this.refused, pending, pendingDropped: this.dropped };
  }

  /** Record identity is author + id: nobody can shadow another's record. */
  has(record: Pick<RecordContent, 'author' | 'id'>): boolean {
    return this.taken.has(recordKey(record));
  }

  /**
   * Takes records that passed the crypto checks (openRecord). Returns the records that took
   * effect now (a membership record the fold accepted, a message now shown), in any order.
   */
  ingest(records: Iterable<RecordContent>): RecordContent[] {
    const accepted: RecordContent[] = [];
    const placedNodes: DagNode[] = [];
    const placedPosts: BookRecord[] = [];
    const placedReacts: RecordOf<'react'>[] = [];
    let forksFound = false;
    const place = (r: RecordContent, hash: string | null) => {
      const placed = this.dag.offer(r, hash);
      placedNodes.push(...placed.nodes);
      // A `foreign` record (a kind this app does not know) only holds its author's seq.
      for (const o of placed.others)
        if (o.kind === 'react') placedReacts.push(o);
        else if (o.kind !== 'foreign') placedPosts.push(o as BookRecord);
      this.refused += placed.refused.length;
    };
    for (const r of records) {
      if (r.circle !== this.circleId) continue;
      const key = recordKey(r);
      const hash = MEMBERSHIP_KINDS.has(r.kind) ? recordHash(r) : null;
      const known = this.taken.get(key);
      if (known) {
        if (sameRecord(known, r)) {
          // A deleted record coming back (a peer still held it): its text goes again.
          if (isTombstone(known)) this.erased.push(r);
          continue;
        }
        // A second version of one id: a fork. It joins the graph all the same, since others may
        // name it, and both versions are left out of the fold and the messages.
        forksFound = this.fork(key, key, hash) || forksFound;
        // A delete stands even in a fork: a peer that met it first has erased the text for good,
        // so every peer must, or they would show different conversations for ever.
        if (hash || r.kind === 'delete') place(r, hash);
        continue;
      }
      const other = this.taken.add(key, r);
      if (hash) this.hashOf.set(key, hash);
      if (other !== undefined) forksFound = this.fork(other, key, hash) || forksFound;
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
    this.reactions.take(placedReacts, changedAuthors, placedPosts, accepted);
    for (const r of this.book.takeErased()) {
      this.taken.bury(recordKey(r), r, tombstoneOf(r));
      this.erased.push(r);
    }
    return accepted;
  }

  /** A record dropped while it waited: forgotten, so that it can come again. */
  private forget(r: RecordContent): void {
    this.dropped++;
    const key = recordKey(r);
    // The other side of a fork is not forgotten: the first stays.
    if (this.taken.forget(key, r)) this.hashOf.delete(key);
  }

  /** Marks both sides of an equivocation (and the graph nodes involved); true if it was new. */
  private fork(a: string, b: string, hashOfB: string | null): boolean {
    const size = this.forked.size + this.forkHashes.size;
    const firstHash = this.hashOf.get(a);
    if (firstHash) this.forkHashes.add(firstHash);
    if (hashOfB) this.forkHashes.add(hashOfB);
    this.forked.add(a);
    this.forked.add(b);
    this.forkers.add(this.taken.get(a)!.author);
    return this.forked.size + this.forkHashes.size !== size;
  }

  /** Folds the membership graph again; returns the authors whose messages must be judged again. */
  private refold(placed: readonly DagNode[], accepted: RecordContent[]): Set<string> {
    const before = foldSnapshot(this.state);
    // Records that only extend the graph (the usual case, one at a time) fold on from where the
    // last fold stopped; anything else folds in full.
    this.state =
      (this.forkHashes.size === 0 ? extendMembership(this.state, placed) : null) ??
      foldKeepingWitnessedSides(this.genesisNode, this.dag, this.forkHashes);
    for (const n of placed) {
      if (this.state.accepted.has(n.hash)) accepted.push(n.record);
      else this.refused++;
    }
    const changed = membershipChangedAuthors(before, this.state);
    for (const key of this.forked) changed.add(this.taken.get(key)!.author);
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
  private valid(r: RecordOf<'message' | 'react' | 'edit'>): boolean {
    const person = this.state.people.get(r.author);
    if (!person || r.ts < person.since || this.forked.has(recordKey(r))) return false;
    if (mutedAt(this.state, r.author, r.ts)) return false;
    const departed = this.state.departures.get(r.author);
    return !departed || r.seq <= departed.upTo;
  }
}
