// Keeps a circle's log to what is worth keeping (docs/ARCHITECTURE.md "Sync"): items the judging
// found to be junk, forged, over their author's quota, or copies of what the log already holds are
// taken out here (never at peers), coalesced; others' buckets left empty go too; what a peer's
// late overwrite took out with a bucket is written back into ours. Records by someone never let
// in are held a short while (their admission may still be on its way), then taken out too. After
// a discard the stored document is rebuilt from what is left, so discarded bytes do not stay on
// disk either.
import * as Y from 'yjs';
import type { BucketLog } from '../../../src-shared/circle/bucket-log';
import { messageKey } from '../../../src-shared/circle/moderation';
import type { RecordContent } from '../../../src-shared/records/schema';
import { envelopeKey } from '../../../src-shared/records/seal';
import { ByteBudget } from '../../../src-shared/sync/byte-budget';

/** Discards are gathered this long, so a flood is taken out in few transactions. */
const DISCARD_AFTER_MS = 250;
/** Others' empty buckets and strangers' records are looked at this often. */
const SWEEP_EVERY_MS = 5_000;
/**
 * A record by someone never let in waits this long for its author's admission. An honest
 * newcomer's admission reaches members before anything the newcomer writes (it is written before
 * the welcome), and comes in the same catch-up, judged first; a record still waiting after this
 * is from someone who will never be a member, signed with a key made for the purpose.
 */
const STRANGER_GRACE_MS = 10_000;
/** At most this many strangers' records wait at once; the oldest go first. */
const MAX_STRANGER_RECORDS = 1_000;
/**
 * The stored document is rebuilt at once after a discard, then at most this often while discards
 * go on (a flood), and when the circle closes: it may be 45 MB.
 */
const REBUILD_EVERY_MS = 60_000;
/**
 * After a delete took a record out, the stored document is rebuilt within this long: soon, so
 * the sealed record leaves the disk, yet once for a run of deletes (each rebuild writes it all).
 */
const ERASED_REBUILD_MS = 2_000;
/**
 * What may be written back over time. update-guard.ts refuses an overwrite of a bucket the
 * receiver holds; only one that arrives before its bucket (at a newcomer) gets through, so
 * writing back is rare, and a budget keeps a peer from making us re-append without end.
 */
const PUT_BACK_BUDGET = { burst: 16 * 1024 * 1024, perSecond: 256 * 1024 };

export interface LogKeeperDeps {
  /** The log lost these envelope keys: their next item in the log is not a copy. */
  lost(keys: string[]): void;
  /** Replaces the stored document with `state()` (one update), in order with other writes. */
  storeState(state: () => Uint8Array): void;
  /** Whether someone was ever let in (is or was a member). */
  isKnown(author: string): boolean;
  /** Keeps a judged record (to the store): its author turned out to be let in. */
  keep(record: { key: string; record: RecordContent }): void;
}

interface StrangerRecord {
  key: string;
  record: RecordContent;
  sealed: Uint8Array;
  at: number;
}

export class LogKeeper {
  private pending: unknown[] = [];
  private discardTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly sweepTimer: ReturnType<typeof setInterval>;
  private rebuildTimer: ReturnType<typeof setTimeout> | null = null;
  private soonTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRebuild = 0;
  /** Something was taken out since the stored document was last rebuilt. */
  private dirty = false;
  private readonly putBack = new ByteBudget(PUT_BACK_BUDGET);
  /** Strangers' records waiting for their author's admission, oldest first. */
  private readonly strangers = new Map<string, StrangerRecord>();

  constructor(
    private readonly log: BucketLog,
    private readonly deps: LogKeeperDeps,
  ) {
    this.sweepTimer = setInterval(() => {
      this.log.sweep();
      this.settleStrangers();
    }, SWEEP_EVERY_MS);
  }

  /** Follows the log: added items go to `onAdded`, records a peer took out are written back. */
  follow(onAdded: (items: unknown[]) => void): () => void {
    return this.log.observe(onAdded, (lost) => this.restore(lost));
  }

  /** Replaces the stored document with the document as it is: what was kept, nothing else. */
  rebuildStored(): void {
    this.dirty = false;
    this.deps.storeState(() => Y.encodeStateAsUpdate(this.log.doc));
  }

  /**
   * Rebuilds the stored document within ERASED_REBUILD_MS (a delete took records out of the
   * log); deletes in the meantime share the one rebuild.
   */
  rebuildSoon(): void {
    this.dirty = true;
    if (this.soonTimer !== null) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      if (this.dirty) this.rebuildStored();
    }, ERASED_REBUILD_MS);
  }

  /** Runs a rebuild rebuildSoon asked for now (the app is saving); false if none waits. */
  rebuildWaiting(): boolean {
    if (this.soonTimer === null) return false;
    clearTimeout(this.soonTimer);
    this.soonTimer = null;
    this.rebuildStored();
    return true;
  }

  /**
   * Forgets the strangers' records among `records` (by author/id: their author deleted them), so
   * an admission later never stores them; returns their envelope keys, to take out of the log.
   */
  dropStrangers(records: ReadonlySet<string>): string[] {
    const keys: string[] = [];
    for (const [key, held] of this.strangers)
      if (records.has(messageKey(held.record.author, held.record.id))) {
        this.strangers.delete(key);
        keys.push(key);
      }
    return keys;
  }

  /** Items to take out of the log, soon. */
  discard(items: readonly unknown[]): void {
    for (const item of items) this.pending.push(item);
    this.discardTimer ??= setTimeout(() => this.flush(), DISCARD_AFTER_MS);
  }

  /** Whether someone was ever let in (is or was a member). */
  isKnown(author: string): boolean {
    return this.deps.isKnown(author);
  }

  /**
   * A judged record whose author was never let in: not stored; kept in the log while its
   * author's admission may still come, then taken out.
   */
  holdStranger(entry: Omit<StrangerRecord, 'at'>): void {
    this.strangers.delete(entry.key);
    this.strangers.set(entry.key, { ...entry, at: Date.now() });
    if (this.strangers.size > MAX_STRANGER_RECORDS) this.settleStrangers();
  }

  /** Stores strangers' records whose authors were let in since; takes out those past waiting. */
  settleStrangers(now = Date.now()): void {
    const givenUp: Uint8Array[] = [];
    let over = this.strangers.size - MAX_STRANGER_RECORDS;
    for (const [key, held] of this.strangers) {
      if (this.deps.isKnown(held.record.author)) this.deps.keep(held);
      else if (over > 0 || now - held.at >= STRANGER_GRACE_MS) givenUp.push(held.sealed);
      else continue;
      this.strangers.delete(key);
      over--;
    }
    if (givenUp.length > 0) this.discard(givenUp);
  }

  /** Records a peer's change took out of the log with their bucket: written back into ours. */
  restore(records: readonly Uint8Array[]): void {
    const keys: string[] = [];
    const back: Uint8Array[] = [];
    for (const sealed of records) {
      const key = envelopeKey(sealed);
      if (key === null || !this.putBack.spend(sealed.length)) continue;
      keys.push(key);
      back.push(sealed);
    }
    if (back.length === 0) return;
    this.deps.lost(keys);
    // The write happens in our own transaction, after the peer's is over.
    queueMicrotask(() => this.log.append(back));
  }

  /** Takes out what is pending now. */
  flush(): void {
    if (this.discardTimer !== null) clearTimeout(this.discardTimer);
    this.discardTimer = null;
    const items = this.pending;
    this.pending = [];
    if (items.length === 0) return;
    this.log.discard(items);
    this.dirty = true;
    this.scheduleRebuild();
  }

  /**
   * Stops the timers as the circle closes: strangers' records still waiting are taken out (they
   * would come back from disk and wait again at every opening), then what is pending, and the
   * stored document is rebuilt if anything was taken out since it last was.
   */
  stop(): void {
    clearInterval(this.sweepTimer);
    this.settleStrangers(Infinity);
    this.flush();
    for (const timer of [this.rebuildTimer, this.soonTimer])
      if (timer !== null) clearTimeout(timer);
    this.rebuildTimer = this.soonTimer = null;
    if (this.dirty) this.rebuildStored();
  }

  private scheduleRebuild(): void {
    if (this.rebuildTimer !== null) return;
    const wait = Math.max(0, this.lastRebuild + REBUILD_EVERY_MS - Date.now());
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = null;
      this.lastRebuild = Date.now();
      this.rebuildStored();
    }, wait);
  }
}
