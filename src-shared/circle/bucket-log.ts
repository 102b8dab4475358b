// The replicated log of sealed records inside a Y.Doc.
//
// Pushing records one at a time into ONE Y.Array grows quadratically (100k records: minutes),
// so each writer appends to its own buckets of BUCKET_SIZE records: a Y.Map 'buckets' from
// `${writerId}:${n}` to a Y.Array of sealed records. Only the writer adds to its buckets, so
// concurrent writers never contend. Peers judge each record on its own; the bucket it sits in
// means nothing to validation.
import * as Y from 'yjs';

export const BUCKET_SIZE = 1000;

export class BucketLog {
  readonly doc: Y.Doc;
  private readonly buckets: Y.Map<Y.Array<Uint8Array>>;
  private readonly writerId: string;
  private current: { n: number; array: Y.Array<Uint8Array> } | null = null;

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

  /** Every item in every bucket, as stored. Items are untrusted: callers must validate. */
  all(): unknown[] {
    const out: unknown[] = [];
    this.buckets.forEach((bucket) => {
      if (bucket instanceof Y.Array) appendAll(out, bucket.toArray());
    });
    return out;
  }

  /** Calls back with items added by any peer (local or remote). Returns an unsubscribe. */
  observe(onAdded: (items: unknown[]) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const added: unknown[] = [];
      for (const event of events) {
        if (event.target === this.buckets) {
          // A whole new bucket arrived with its contents.
          for (const [key, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
            if (change.action === 'delete') continue;
            const bucket = this.buckets.get(key);
            if (bucket instanceof Y.Array) appendAll(added, bucket.toArray());
          }
        } else if (event.target instanceof Y.Array && event.target.parent === this.buckets) {
          // Yjs reports inserts only for types that existed before the transaction, so a
          // bucket created in this same transaction is covered by the map event above.
          for (const op of event.changes.delta)
            if (op.insert) appendAll(added, op.insert as unknown[]);
        }
      }
      if (added.length > 0) onAdded(added);
    };
    this.buckets.observeDeep(handler);
    return () => this.buckets.unobserveDeep(handler);
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

/**
 * Appends without spreading: a bucket's length is whatever a peer made it, and spreading
 * 200k items into push() throws "Maximum call stack size exceeded".
 */
function appendAll(out: unknown[], items: readonly unknown[]): void {
  for (const item of items) out.push(item);
}
