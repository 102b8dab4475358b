// The causal graph of a circle's membership records (docs/ARCHITECTURE.md "Membership").
// Every record names in `prev` the membership records its author had seen last; a record is
// placed only once everything it names is here, so what arrives early waits, indexed by what it
// waits for (each record is looked at once when it arrives and once when its last missing
// predecessor does: linear, whatever the arrival order). Placed records get a depth and the set
// of authority records (genesis, role, remove, leave) in their causal past, which is what
// "judged at its causal position" needs. The deterministic order every peer folds in is
// (depth, hash): a topological order that depends only on the graph, not on arrival.
import type { RecordContent } from '../records/schema';

/** Records that change who holds authority or keys: their presence in a record's past is tracked. */
const AUTHORITY_KINDS: ReadonlySet<string> = new Set([
  'genesis',
  'role',
  'remove',
  'leave',
  'rekey',
]);

/** The authority records in a record's causal past. */
export interface AuthorityPast {
  has(hash: string): boolean;
}

export interface DagNode {
  hash: string;
  record: RecordContent;
  /** 0 for the genesis, else one more than its deepest predecessor. */
  depth: number;
  /** The authority records this record causally follows (shared between nodes, never changed). */
  authorityPast: AuthorityPast;
}

/** A set of authority records as bits, by the index each got when placed. */
class PastBits implements AuthorityPast {
  constructor(
    readonly bits: Uint32Array,
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  has(hash: string): boolean {
    const i = this.index.get(hash);
    if (i === undefined || i >>> 5 >= this.bits.length) return false;
    return (this.bits[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
}

/** A record that names predecessors this graph does not hold yet. */
interface Waiting {
  hash: string | null;
  record: RecordContent;
  missing: number;
}

/** What placing records did: the membership nodes placed, and the other records now free to go on. */
export interface Placed {
  nodes: DagNode[];
  /** Records without a hash of their own (messages) whose predecessors are all here now. */
  others: RecordContent[];
  /** Records refused for good: a time earlier than a predecessor's (backdating). */
  refused: RecordContent[];
}

/** Compares nodes in fold order: depth, then hash. */
export const compareNodes = (a: DagNode, b: DagNode): number =>
  a.depth - b.depth || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);

export class MembershipDag {
  private readonly nodes = new Map<string, DagNode>();
  /** Each placed authority record's bit. */
  private readonly index = new Map<string, number>();
  private readonly empty = new PastBits(new Uint32Array(0), this.index);
  /** Interned "a parent's past plus the parent itself", so a chain shares one set per link. */
  private readonly extended = new WeakMap<PastBits, PastBits>();
  private readonly waitingOn = new Map<string, Waiting[]>();
  private waitingCount = 0;
  private ordered: DagNode[] = [];
  private sorted = true;

  /** How many records wait for a predecessor. */
  get waiting(): number {
    return this.waitingCount;
  }

  get size(): number {
    return this.nodes.size;
  }

  get(hash: string): DagNode | undefined {
    return this.nodes.get(hash);
  }

  has(hash: string): boolean {
    return this.nodes.has(hash);
  }

  /** Placed nodes in fold order (depth, then hash). */
  inOrder(): readonly DagNode[] {
    if (!this.sorted) {
      this.ordered.sort(compareNodes);
      this.sorted = true;
    }
    return this.ordered;
  }

  /**
   * Offers a record. A membership record comes with its hash (and becomes a node); a message
   * comes with null (it is never named by others, only placed after what it names). Returns
   * everything that could be placed as a result, this record and any that waited for it.
   */
  offer(record: RecordContent, hash: string | null): Placed {
    const out: Placed = { nodes: [], others: [], refused: [] };
    if (hash !== null && this.nodes.has(hash)) return out;
    const entry: Waiting = { hash, record, missing: 0 };
    for (const p of new Set(record.prev)) {
      if (this.nodes.has(p)) continue;
      entry.missing++;
      const list = this.waitingOn.get(p);
      if (list) list.push(entry);
      else this.waitingOn.set(p, [entry]);
    }
    if (entry.missing > 0) {
      this.waitingCount++;
      return out;
    }
    const ready: Waiting[] = [entry];
    while (ready.length > 0) {
      const next = ready.pop()!;
      const node = this.place(next, out);
      if (!node) continue;
      const freed = this.waitingOn.get(node.hash);
      if (!freed) continue;
      this.waitingOn.delete(node.hash);
      for (const w of freed) {
        if (--w.missing === 0) {
          this.waitingCount--;
          ready.push(w);
        }
      }
    }
    return out;
  }

  /**
   * Drops the oldest waiting records beyond `max` (a peer can send records naming hashes that
   * never come), and returns them: the caller forgets them, so that they can come again.
   */
  trimWaiting(max: number): RecordContent[] {
    const dropped: RecordContent[] = [];
    for (const [hash, list] of this.waitingOn) {
      if (this.waitingCount <= max) break;
      this.waitingOn.delete(hash);
      for (const w of list) {
        if (w.missing > 0) {
          w.missing = -1; // never placed, even if its other predecessors come
          this.waitingCount--;
          dropped.push(w.record);
        }
      }
    }
    return dropped;
  }

  /** What a parent brings to its children's past: its own, plus itself if it is an authority record. */
  private contribution(parent: DagNode): PastBits {
    const own = parent.authorityPast as PastBits;
    const i = this.index.get(parent.hash);
    if (i === undefined) return own;
    let out = this.extended.get(own);
    // One extension per set is cached: siblings under one authority record share it.
    if (!out || !out.has(parent.hash)) {
      const bits = new Uint32Array(Math.max(own.bits.length, (i >>> 5) + 1));
      bits.set(own.bits);
      bits[i >>> 5]! |= 1 << (i & 31);
      out = new PastBits(bits, this.index);
      this.extended.set(own, out);
    }
    return out;
  }

  /** Whether the record `ancestor` is in the causal past of `of` (both placed). Walks the graph: for the rare fork. */
  isAncestor(ancestor: string, of: string): boolean {
    const target = this.nodes.get(ancestor);
    if (!target) return false;
    const seen = new Set<string>();
    const stack = [...(this.nodes.get(of)?.record.prev ?? [])];
    while (stack.length > 0) {
      const h = stack.pop()!;
      if (h === ancestor) return true;
      if (seen.has(h)) continue;
      seen.add(h);
      const n = this.nodes.get(h);
      if (n && n.depth > target.depth) stack.push(...n.record.prev);
    }
    return false;
  }

  private place(w: Waiting, out: Placed): DagNode | null {
    const { record, hash } = w;
    if (hash !== null && this.nodes.has(hash)) return null;
    let depth = 0;
    let maxTs = 0;
    let past = this.empty;
    let merged: Uint32Array | null = null;
    for (const p of record.prev) {
      const parent = this.nodes.get(p)!;
      depth = Math.max(depth, parent.depth + 1);
      maxTs = Math.max(maxTs, parent.record.ts);
      const contributes = this.contribution(parent);
      if (past === this.empty || past === contributes) past = contributes;
      else {
        if (!merged) {
          merged = new Uint32Array(Math.max(past.bits.length, contributes.bits.length));
          merged.set(past.bits);
        } else if (merged.length < contributes.bits.length) {
          const grown = new Uint32Array(contributes.bits.length);
          grown.set(merged);
          merged = grown;
        }
        for (let i = 0; i < contributes.bits.length; i++) merged[i]! |= contributes.bits[i]!;
      }
    }
    if (merged && !sameBits(merged, past.bits)) past = new PastBits(merged, this.index);
    // Times are the authors' claims, but never earlier than what the author says it had seen:
    // a record cannot be placed back in history, before its author was even let in.
    if (record.ts < maxTs || (record.kind !== 'genesis' && record.prev.length === 0)) {
      out.refused.push(record);
      return null;
    }
    if (hash === null) {
      out.others.push(record);
      return null;
    }
    const node: DagNode = { hash, record, depth, authorityPast: past };
    this.nodes.set(hash, node);
    if (AUTHORITY_KINDS.has(record.kind)) this.index.set(hash, this.index.size);
    const last = this.ordered[this.ordered.length - 1];
    if (last && compareNodes(last, node) > 0) this.sorted = false;
    this.ordered.push(node);
    out.nodes.push(node);
    return node;
  }
}

/** Whether `a` holds the same bits as `b` (trailing zero words aside). */
function sameBits(a: Uint32Array, b: Uint32Array): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}
