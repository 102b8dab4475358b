// Coalesces a circle's writes: Yjs updates and judged records wait a moment and go to disk as
// one encrypted row per log per flush. A row per record would queue thousands of writes in a
// busy circle or a big sync, and a reload before they landed would lose them.
import * as Y from 'yjs';
import { messageKey } from '../../../src-shared/circle/moderation';
import { isTombstone, tombstoneOf } from '../../../src-shared/circle/tombstone';
import type { CircleStore, JudgedBatch } from '../storage/circle-store';
import { SerialQueue } from './serial-queue';

/**
 * How long writes are coalesced. Our own records go to disk within 100 ms: until a peer has them
 * this device may hold the only copy. So do changes to who is a member. What else peers sent can
 * wait a second, since any peer that has it sends it again when we meet; a busy circle then
 * costs a write a second, not ten.
 */
export const OWN_WRITE_DELAY_MS = 100;
export const PEER_WRITE_DELAY_MS = 1_000;
export const STORAGE_PROBLEM =
  "Hearth couldn't save to this device (the disk may be full). Nothing is lost: your messages stay open here and saving is retried.";

export class WriteBatcher {
  private readonly writes = new SerialQueue(() => this.recovered());
  /** The document changed since its state was last taken for a write. */
  private docChanged = false;
  /** The document's state vector when its state was last taken for a write. */
  private stored: Uint8Array = Y.encodeStateVector(new Y.Doc());
  private pendingJudged: JudgedBatch = { records: [], rejected: [] };
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the pending flush is due (performance.now()), so an earlier deadline can replace it. */
  private due = 0;
  private problemText: string | null = null;

  constructor(
    private readonly store: Pick<CircleStore, 'appendLogs'>,
    private readonly localId: string,
    /** The circle's document: a flush writes what it holds beyond what was written before. */
    private readonly doc: Y.Doc,
    /** Called when the storage problem appears or clears. */
    private readonly onProblem: () => void,
  ) {}

  /** What to tell the user about storage, or null while writes succeed. */
  get problem(): string | null {
    return this.problemText;
  }

  /** When the scheduled flush is due (performance.now() time); kept after it ran. */
  get flushDue(): number {
    return this.due;
  }

  /**
   * What the document holds now is on disk already (it was just loaded from there): later flushes
   * write only what it gains after this.
   */
  storedUpToNow(): void {
    this.stored = Y.encodeStateVector(this.doc);
  }

  /**
   * The document changed: ours is stored within OWN_WRITE_DELAY_MS, a peer's change within
   * PEER_WRITE_DELAY_MS. A flush writes the document's state beyond what was written before, not
   * the updates as they came: what was taken out of the log meanwhile (a flood of junk, discarded
   * within 250 ms) is by then only a deleted range, and is never encrypted or written.
   */
  noteChange(ours: boolean): void {
    this.docChanged = true;
    this.schedule(ours ? OWN_WRITE_DELAY_MS : PEER_WRITE_DELAY_MS);
  }

  /** A judged record to store with the next flush (schedule says when). */
  queueRecord(record: JudgedBatch['records'][number]): void {
    this.pendingJudged.records.push(record);
  }

  /**
   * Puts tombstones in place of the records (by author/id) whose text their author deleted, in
   * what waits to be written: the text never reaches the disk, the author's sequence keeps its
   * place (tombstone.ts). Returns the envelope keys of the records replaced.
   */
  tombstonePending(records: ReadonlySet<string>): string[] {
    const replaced: string[] = [];
    const kept = new Set<string>();
    this.pendingJudged.records = this.pendingJudged.records.flatMap((entry) => {
      const { key, record } = entry;
      const at = messageKey(record.author, record.id);
      if (!records.has(at) || isTombstone(record)) return [entry];
      replaced.push(key);
      if (kept.has(at)) return []; // a second envelope of one record: one tombstone is its place
      kept.add(at);
      return [{ key, record: tombstoneOf(record) }];
    });
    return replaced;
  }

  /** Envelope keys of rejected items to store with the next flush. */
  queueRejected(keys: readonly string[]): void {
    for (const k of keys) this.pendingJudged.rejected.push(k);
  }

  /** Asks for a flush within `delayMs`; the earliest deadline asked for wins. */
  schedule(delayMs: number): void {
    const due = performance.now() + delayMs;
    if (this.flushTimer) {
      if (this.due <= due) return;
      clearTimeout(this.flushTimer);
    }
    this.due = due;
    this.flushTimer = setTimeout(() => this.flush(), delayMs);
  }

  /** Starts writing out what is pending, without waiting (see idle for waiting). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const update = this.docChanged ? this.takeChanges() : null;
    const judged =
      this.pendingJudged.records.length > 0 || this.pendingJudged.rejected.length > 0
        ? this.pendingJudged
        : null;
    if (!update && !judged) return;
    this.pendingJudged = { records: [], rejected: [] };
    this.writes.run(
      () => this.store.appendLogs(this.localId, { update, judged }),
      (e) => this.failed(e),
    );
  }

  /**
   * Runs another write (a compaction, saved keys) in order with the flushes. It is retried like
   * them, quietly: the storage problem is for the messages and records a flush holds.
   */
  run(task: () => Promise<void>): void {
    this.writes.run(task);
  }

  /** Resolves once every write started so far is done, or after `timeoutMs` if they keep failing. */
  idle(timeoutMs?: number): Promise<void> {
    return this.writes.idle(timeoutMs);
  }

  /** Stops retrying failed writes (the session is closing). */
  stop(): void {
    this.writes.stop();
  }

  /** The document's state beyond what was last taken (with the whole delete set, which is small). */
  private takeChanges(): Uint8Array {
    const update = Y.encodeStateAsUpdate(this.doc, this.stored);
    this.stored = Y.encodeStateVector(this.doc);
    this.docChanged = false;
    return update;
  }

  /** Called after a retried write finally succeeds. */
  recovered(): void {
    if (this.problemText) {
      this.problemText = null;
      this.onProblem();
    }
  }

  private failed(error: unknown): void {
    console.warn('Hearth storage write failed:', error instanceof Error ? error.name : 'unknown');
    this.problemText = STORAGE_PROBLEM;
    this.onProblem();
  }
}
