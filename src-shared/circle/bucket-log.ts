// The replicated log of sealed records inside a Y.Doc.
//
// Pushing records one at a time into ONE Y.Array grows quadratically (100k records: minutes),
// so each writer appends to its own buckets of BUCKET_SIZE records: a Y.Map 'buckets' from
// `${writerId}:${n}` to a Y.Array of sealed records. Only the writer adds to its buckets, so
// concurrent writers never contend. Peers judge each record on its own; the bucket it sits in
// means nothing to validation.
import * as Y from 'yjs';
import { randomId } from '../crypto/keys';

export const BUCKET_SIZE = 1000;

/**
 * The origin of our own transactions that take items out of the log: junk, forged records,
 * copies (see discard). Peers never see these deletes (a circle's log keeps none: update-guard.ts).
 */
export const DISCARD_ORIGIN = 'hearth:discard';

export class BucketLog {
  readonly doc: Y.Doc;
  private readonly buckets: Y.Map<Y.Array<Uint8Array>>;
  private readonly writerId: string;
  private current: { n: number; array: Y.Array<Uint8Array> } | null = null;
  /** The bucket each item handed out sits in, so it can be discarded later. */
  private readonly located = new WeakMap<object, Y.Array<Uint8Array>>();
  /** Buckets holding something other than bytes (no record is anything else). */
  private readonly strays = new Set<Y.Array<Uint8Array>>();
  /** Others' buckets found empty at the last sweep. */
  private emptyBefore = new Set<string>();

  constructor(
    doc: Y.Doc,
    writerId: string,
    private readonly bucketSize = BUCKET_SIZE,
  ) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(writerId)) throw new Error('invalid writer id');
    this.doc = doc;
    this.writerId = writerId;
    this.buckets = doc.getMap('buckets');
  }

  /** Appends sealed records in one transaction (one Yjs update). */
  append(sealed: readonly Uint8Array[]): void {
    if (sealed.length === 0) return;
    this.doc.transact(() => {
      let i = 0;
      while (i < sealed.length) {
        const bucket = this.writableBucket();
        const room = this.bucketSize - bucket.length;
        const chunk = sealed.slice(i, i + room);
        bucket.push(chunk);
        i += chunk.length;
      }
    });
  }

  /**
   * Appends one record in a bucket of its own, written by a one-time Yjs client: nothing in the
   * document (bucket name, item ids) links it to this device's other writes. For private notes
   * (records/private-note.ts), whose writer must not be told apart from any other member.
   */
  appendUnlinked(sealed: Uint8Array): void {
    // A new key in the root map names no earlier item, so an empty scratch document, with its
    // own random client id, can write it; the update it makes applies here like a peer's.
    const scratch = new Y.Doc();
    const bucket = new Y.Array<Uint8Array>();
    bucket.push([sealed]);
    scratch.getMap<Y.Array<Uint8Array>>('buckets').set(`${randomId(8)}:0`, bucket);
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(scratch));
    scratch.destroy();
  }

  /** Every item in every bucket, as stored. Items are untrusted: callers must validate. */
  all(): unknown[] {
    const out: unknown[] = [];
    this.buckets.forEach((bucket) => {
      if (bucket instanceof Y.Array) this.collect(out, bucket, bucket.toArray());
    });
    return out;
  }

  /**
   * Calls back with items added by any peer (local or remote), and with the sealed records a
   * peer's change took out of the log with a whole bucket (`onLost`). A peer cannot delete in a
   * circle's log, but an overwrite that waited for the bucket it names (update-guard.ts) replaces
   * that bucket when it arrives; what it held is handed to `onLost` to be written back. Returns an
   * unsubscribe.
   */
  observe(
    onAdded: (items: unknown[]) => void,
    onLost: (records: Uint8Array[]) => void = () => {},
  ): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
      const added: unknown[] = [];
      for (const event of events) {
        if (event.target === this.buckets) {
          // A whole new bucket arrived with its contents.
          for (const [key, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
            if (change.action === 'delete') continue;
            const bucket = this.buckets.get(key);
            if (bucket instanceof Y.Array) this.collect(added, bucket, bucket.toArray());
          }
        } else if (event.target instanceof Y.Array && event.target.parent === this.buckets) {
          // Yjs reports inserts only for types that existed before the transaction, so a
          // bucket created in this same transaction is covered by the map event above.
          for (const op of event.changes.delta)
            if (op.insert)
              this.collect(added, event.target as Y.Array<Uint8Array>, op.insert as unknown[]);
        }
      }
      if (added.length > 0) onAdded(added);
      if (!tx.local && tx.origin !== DISCARD_ORIGIN) {
        const lost = this.lostWith(tx);
        if (lost.length > 0) onLost(lost);
      }
    };
    this.buckets.observeDeep(handler);
    return () => this.buckets.unobserveDeep(handler);
  }

  /**
   * Takes items out of the log here (never at peers): junk, forged records, copies of records
   * already in it, and anything that is not bytes. Others' buckets left empty go too. Items not
   * handed out by all() or observe(), or already gone, are skipped.
   */
  discard(items: readonly unknown[]): void {
    const byBucket = new Map<Y.Array<Uint8Array>, Set<unknown>>();
    for (const bucket of this.strays) byBucket.set(bucket, new Set());
    this.strays.clear();
    for (const item of items) {
      const bucket = item instanceof Uint8Array ? this.located.get(item) : undefined;
      if (!bucket) continue;
      let set = byBucket.get(bucket);
      if (!set) byBucket.set(bucket, (set = new Set()));
      set.add(item);
    }
    if (byBucket.size === 0) return;
    const unwanted = (junk: Set<unknown>, value: unknown) =>
      !(value instanceof Uint8Array) || junk.has(value);
    this.doc.transact(() => {
      for (const [bucket, junk] of byBucket) {
        if (bucket._item?.deleted) continue;
        const values = bucket.toArray();
        // From the end, a run at a time, so the indexes still to come stay put.
        for (let end = values.length - 1; end >= 0; end--) {
          if (!unwanted(junk, values[end])) continue;
          let start = end;
          while (start > 0 && unwanted(junk, values[start - 1])) start--;
          bucket.delete(start, end - start + 1);
          end = start;
        }
        const key = bucket._item?.parentSub;
        if (bucket.length === 0 && key && !this.isOwn(key)) this.buckets.delete(key);
      }
    }, DISCARD_ORIGIN);
  }

  /**
   * Deletes here whatever under `buckets` is not a bucket, and others' buckets that were already
   * empty at the last sweep (a writer fills a new bucket in the transaction that makes it, but a
   * sync split in parts may bring the bucket a moment before its records).
   */
  sweep(): void {
    const drop: string[] = [];
    const empty = new Set<string>();
    this.buckets.forEach((value, key) => {
      if (this.isOwn(key)) return;
      if (!(value instanceof Y.Array)) drop.push(key);
      else if (value.length === 0) {
        if (this.emptyBefore.has(key)) drop.push(key);
        else empty.add(key);
      }
    });
    this.emptyBefore = empty;
    if (drop.length === 0) return;
    this.doc.transact(() => {
      for (const key of drop) this.buckets.delete(key);
    }, DISCARD_ORIGIN);
  }

  private isOwn(key: string): boolean {
    return key.startsWith(`${this.writerId}:`);
  }

  private collect(out: unknown[], bucket: Y.Array<Uint8Array>, items: readonly unknown[]): void {
    for (const item of items) {
      out.push(item);
      if (!(item instanceof Uint8Array)) this.strays.add(bucket);
      else this.located.set(item, bucket);
    }
  }

  /** The sealed records of buckets this transaction deleted, read before Yjs clears them. */
  private lostWith(tx: Y.Transaction): Uint8Array[] {
    const lost: Uint8Array[] = [];
    Y.iterateDeletedStructs(tx, tx.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.parent !== this.buckets) return;
      if (!(struct.content instanceof Y.ContentType)) return;
      for (let n = (struct.content.type as Y.Array<unknown>)._start; n !== null; n = n.right)
        if (n.content instanceof Y.ContentBinary)
          lost.push((n.content as unknown as { content: Uint8Array }).content);
    });
    return lost;
  }

  private writableBucket(): Y.Array<Uint8Array> {
    // Any peer can replace or delete a map entry. Items pushed into a bucket that is no longer in
    // the map are dropped by Yjs, so a bucket of ours that was replaced is abandoned for a new one.
    if (
      this.current &&
      this.buckets.get(`${this.writerId}:${this.current.n}`) !== this.current.array
    ) {
      let n = this.current.n + 1;
      while (this.buckets.has(`${this.writerId}:${n}`)) n++;
      const array = new Y.Array<Uint8Array>();
      this.buckets.set(`${this.writerId}:${n}`, array);
      this.current = { n, array };
    }
    if (!this.current) {
      let n = 0;
      while (this.buckets.get(`${this.writerId}:${n + 1}`) instanceof Y.Array) n++;
      const existing = this.buckets.get(`${this.writerId}:${n}`);
      if (existing instanceof Y.Array) this.current = { n, array: existing };
    }
    if (!this.current || this.current.array.length >= this.bucketSize) {
      const n = this.current ? this.current.n + 1 : 0;
      const array = new Y.Array<Uint8Array>();
      this.buckets.set(`${this.writerId}:${n}`, array);
      this.current = { n, array };
    }
    return this.current.array;
  }
}
