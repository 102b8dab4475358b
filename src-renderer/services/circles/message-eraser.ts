// Makes a delete mean gone on this device (docs/ARCHITECTURE.md "Local storage"): when the
// ledger drops a message's text (its author deleted it; an edit of it goes too), this takes the
// sealed record out of what waits to be written, out of the head start handed to newcomers, out
// of this device's copy of the log (a local discard, never at peers), and out of the stored
// judged records, where only its tombstone stays; then the stored document is rebuilt from what
// is left. A copy of the record met again later (from a peer who still holds it) is taken out
// the same way: the pipeline treats its envelope as refused.
import type { BucketLog } from '../../../src-shared/circle/bucket-log';
import { isTombstone, tombstoneOf } from '../../../src-shared/circle/tombstone';
import type { RecordContent } from '../../../src-shared/records/schema';
import { envelopeKey } from '../../../src-shared/records/seal';
import type { CircleStore } from '../storage/circle-store';
import type { HeadStartRecords } from './head-start-records';
import type { WriteBatcher } from './write-batcher';

export interface EraserDeps {
  readonly log: BucketLog;
  readonly store: Pick<CircleStore, 'loadJudged' | 'compactJudged'>;
  readonly localId: string;
  readonly writes: WriteBatcher;
  readonly headStart: HeadStartRecords;
  /** Strangers' records held for their author's admission: forgets these, giving their keys. */
  dropStrangers(records: ReadonlySet<string>): string[];
  /** Envelopes never to keep again (a copy in the log is discarded). */
  gone(keys: readonly string[]): void;
  /** Rebuilds the stored document from the log, soon (deletes in a run share one rebuild). */
  rebuildSoon(): void;
}

const recordKey = (r: { author: string; id: string }): string => `${r.author}/${r.id}`;

export class MessageEraser {
  /** Records (author/id) whose stored copy is still to be replaced by its tombstone. */
  private readonly inStore = new Set<string>();
  private storePassQueued = false;

  constructor(private readonly deps: EraserDeps) {}

  /**
   * Erases `records` everywhere this device holds them. `judged` are the records of the slice
   * being taken, with their envelope keys: every envelope of an erased record among them goes
   * (a member can seal one record twice). Records not met in memory are looked for in the store.
   */
  erase(
    records: readonly RecordContent[],
    judged: readonly { key: string; record: RecordContent }[] = [],
  ): void {
    if (records.length === 0) return;
    const { writes, headStart } = this.deps;
    const keys = new Set(records.map(recordKey));
    const envelopes = new Set(writes.tombstonePending(keys));
    const metHere = new Set<string>();
    for (const r of judged)
      if (keys.has(recordKey(r.record))) {
        envelopes.add(r.key);
        metHere.add(recordKey(r.record));
      }
    for (const k of this.deps.dropStrangers(keys)) envelopes.add(k);
    headStart.forget(keys);
    this.discard(envelopes);
    writes.flush();
    // A record judged in this very slice was never stored: the intake stores its tombstone.
    // Any other may be on disk; one pass over the store serves every delete queued before it.
    for (const k of keys) if (!metHere.has(k)) this.inStore.add(k);
    if (this.inStore.size > 0 && !this.storePassQueued) {
      this.storePassQueued = true;
      writes.run(() => this.tombstoneStored());
    }
  }

  /** Replaces the stored copies of the records waiting in `inStore` with their tombstones. */
  private async tombstoneStored(): Promise<void> {
    this.storePassQueued = false;
    const keys = new Set(this.inStore);
    this.inStore.clear();
    const { store, localId } = this.deps;
    const { batch } = await store.loadJudged(localId);
    const envelopes = new Set<string>();
    batch.records = batch.records.map((entry) => {
      if (isTombstone(entry.record) || !keys.has(recordKey(entry.record))) return entry;
      envelopes.add(entry.key);
      return { key: entry.key, record: tombstoneOf(entry.record) };
    });
    if (envelopes.size === 0) return;
    await store.compactJudged(localId, batch);
    this.discard(envelopes);
  }

  /** Takes the envelopes out of the log here, and out of the head start's bookkeeping. */
  private discard(envelopes: ReadonlySet<string>): void {
    if (envelopes.size === 0) return;
    this.deps.gone([...envelopes]);
    this.deps.headStart.drop([...envelopes]);
    const items = this.deps.log
      .all()
      .filter((item) => item instanceof Uint8Array && envelopes.has(envelopeKey(item) ?? ''));
    if (items.length === 0) return;
    this.deps.log.discard(items);
    this.deps.rebuildSoon();
  }
}
