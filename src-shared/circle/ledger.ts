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
  foldMembership,
  MEMBERSHIP_KINDS,
  type Departure,
  type EpochStart,
  type Invite,
  type LogEntry,
  type Member,
  type MembershipState,
} from './membership';
import { MessageTimeline, type ChatMessage } from './timeline';

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

interface Posted {
  record: RecordOf<'message'>;
  shown: ChatMessage | null;
}

export class CircleLedger {
  readonly circleId: string;
  readonly genesis: RecordOf<'genesis'>;
  readonly genesisHash: string;
  private readonly dag = new MembershipDag();
  private readonly genesisNode: DagNode;
  private state: MembershipState;
  private readonly timeline = new MessageTimeline();
  /** Every record taken, by author/id; and by author#seq, to catch two records under one number. */
  private readonly records = new Map<string, RecordContent>();
  private readonly bySeq = new Map<string, string>();
  /** Record keys hidden as one side of an equivocation, and the authors who equivocated. */
  private readonly forked = new Set<string>();
  /** Hashes of membership records on either side of a fork: left out of the fold. */
  private readonly forkHashes = new Set<string>();
  private strangerPosts = 0;
  private readonly forkers = new Set<string>();
  private readonly hashOf = new Map<string, string>();
  private readonly posts = new Map<string, Posted[]>();
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
    return this.timeline.messages;
  }

  /** The messages as they are now, without a copy (see ListSnapshot). */
  messageSnapshot(): ListSnapshot<ChatMessage> {
    return this.timeline.snapshot();
  }

  get stats(): LedgerStats {
    let held = this.dag.waiting;
    for (const list of this.posts.values())
      for (const p of list) if (!p.shown && this.heldFor(p)) held++;
    return { unauthorised: this.refused, pending: held, pendingDropped: this.dropped };
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
    if (changedAuthors.size > 0) this.countStrangerPosts();
    const fresh: Posted[] = [];
    for (const m of placedPosts) {
      const known = this.state.people.has(m.author);
      // Messages whose author is not (yet) known wait, but not without bound.
      if (!known && this.strangerPosts >= MAX_WAITING) {
        this.forget(m);
        continue;
      }
      if (!known) this.strangerPosts++;
      const post: Posted = { record: m, shown: null };
      const list = this.posts.get(m.author);
      if (list) list.push(post);
      else this.posts.set(m.author, [post]);
      if (!changedAuthors.has(m.author)) fresh.push(post);
    }
    const gone = new Set<ChatMessage>();
    for (const author of changedAuthors) this.recheckAuthor(author, accepted, gone);
    for (const post of fresh) this.show(post, accepted);
    this.timeline.remove(gone);
    this.timeline.settle();
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

  /** Messages held because their author is not known as a member: recounted when people change. */
  private countStrangerPosts(): void {
    let n = 0;
    for (const [author, list] of this.posts) if (!this.state.people.has(author)) n += list.length;
    this.strangerPosts = n;
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

  /** Folds the membership graph again; returns the authors whose messages must be judged again. */
  private refold(placed: readonly DagNode[], accepted: RecordContent[]): Set<string> {
    const before = this.state;
    this.state = foldMembership(this.genesisNode, this.dag.inOrder(), this.forkHashes);
    for (const n of placed) {
      if (this.state.accepted.has(n.hash)) accepted.push(n.record);
      else this.refused++;
    }
    const changed = new Set<string>();
    for (const [key, person] of this.state.people) {
      const old = before.people.get(key);
      if (!old || old.since !== person.since || old.displayName !== person.displayName)
        changed.add(key);
    }
    for (const key of before.people.keys()) if (!this.state.people.has(key)) changed.add(key);
    for (const [key, d] of this.state.departures)
      if (before.departures.get(key)?.upTo !== d.upTo) changed.add(key);
    for (const key of before.departures.keys())
      if (!this.state.departures.has(key)) changed.add(key);
    for (const key of this.forked) changed.add(this.records.get(key)!.author);
    if (changed.size > 0 || !sameMembers(before.members, this.state.members)) this.membersChanges++;
    return changed;
  }

  private recheckAuthor(author: string, accepted: RecordContent[], gone: Set<ChatMessage>): void {
    for (const post of this.posts.get(author) ?? []) {
      if (this.valid(post.record)) {
        this.show(post, accepted);
      } else if (post.shown) {
        gone.add(post.shown);
        post.shown = null;
      }
    }
  }

  private show(post: Posted, accepted: RecordContent[]): void {
    if (post.shown || !this.valid(post.record)) return;
    const r = post.record;
    post.shown = { id: r.id, author: r.author, ts: r.ts, text: r.body.text };
    this.timeline.add(post.shown);
    accepted.push(r);
  }

  /** A message counts if its author was let in before it, had not left or been cut off, and did not equivocate on it. */
  private valid(r: RecordOf<'message'>): boolean {
    const person = this.state.people.get(r.author);
    if (!person || r.ts < person.since || this.forked.has(recordKey(r))) return false;
    const departed = this.state.departures.get(r.author);
    return !departed || r.seq <= departed.upTo;
  }

  /** A message not shown that may still be: its author is not (yet) known as a member. */
  private heldFor(p: Posted): boolean {
    return !this.state.people.has(p.record.author);
  }
}

function sameMembers(a: ReadonlyMap<string, Member>, b: ReadonlyMap<string, Member>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, m] of a) {
    const o = b.get(k);
    if (!o || o.role !== m.role || o.displayName !== m.displayName) return false;
  }
  return true;
}
