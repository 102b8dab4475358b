// Takes judged records into an open circle, one batch after another: each verified slice goes
// to the ledger, the head start and the write batch, with a progress line while a catch-up
// runs. What is judged, and how, is the pipeline's job (judging-pipeline.ts). Each author's records
// count against a quota (author-quota.ts); what is over it, forged or a copy goes back to the log to
// be taken out (IntakeTargets.discard).
import { AuthorQuota } from '../../../src-shared/circle/author-quota';
import type { EpochKeyring } from '../../../src-shared/circle/epoch-keyring';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import type { RecordContent } from '../../../src-shared/records/schema';
import type { JudgedBatch } from '../storage/circle-store';
import type { Progress } from '../types';
import type { HeadStartRecords } from './head-start-records';
import { JudgingPipeline, type JudgedSlice } from './judging-pipeline';
import type { PresenceTracker } from './presence-tracker';
import type { RecordOpener } from './record-opener';
import { OWN_WRITE_DELAY_MS, PEER_WRITE_DELAY_MS, type WriteBatcher } from './write-batcher';

/** During a catch-up, verified slices are shown at most this often. */
const SHOW_EVERY_MS = 250;
const CATCHING_UP = 'Bringing the conversation up to date…';

/** Where items come from: the circle's log, a welcome's head start, or the held-for-a-key set. */
export type IntakeSource = 'log' | 'head-start' | 'retry';

/** The parts of the session that judged records go to. */
export interface IntakeTargets {
  readonly ledger: CircleLedger;
  readonly writes: WriteBatcher;
  readonly presence: PresenceTracker;
  readonly headStart: HeadStartRecords;
  /** Something the view shows changed. */
  changed(): void;
  /** Records went into the ledger (epochs, standing and rekeys are looked at again). */
  ingested(): void;
  /** Whether the view last handed out still shows a progress line. */
  viewShowsProgress(): boolean;
  /** What keeps the log (log-keeper.ts). */
  readonly keeper: {
    /** Log items not worth keeping (junk, forged, over quota, copies): take them out of the log. */
    discard(items: unknown[]): void;
    /** A record by someone never let in: held a while for its author's admission, not stored. */
    holdStranger(entry: { key: string; record: RecordContent; sealed: Uint8Array }): void;
    /** Whether someone was ever let in (is or was a member). */
    isKnown(author: string): boolean;
  };
}

export class RecordIntake {
  private readonly pipeline: JudgingPipeline;
  private chain: Promise<void> = Promise.resolve();
  private line: Progress | null = null;
  private readonly quota = new AuthorQuota();
  /** When a catch-up slice was last shown (performance.now()). */
  private shownAt = 0;

  constructor(
    circleId: string,
    keyring: EpochKeyring,
    opener: RecordOpener,
    private readonly to: IntakeTargets,
  ) {
    this.pipeline = new JudgingPipeline(circleId, keyring, opener, {
      logKeys: (keys) => to.headStart.confirm(keys),
      // Judged on an earlier run: the store gave the record, the document gives its bytes.
      judgedBefore: (key, sealed) => to.headStart.seen(key, sealed),
      catchingUp: () => this.showCatchingUp(),
      slice: (slice, done, total, slices) => this.take(slice, done, total, slices),
      discard: (items) => to.keeper.discard(items),
    });
  }

  /** Resolves once everything queued so far is judged; never rejects. */
  get idle(): Promise<void> {
    return this.chain;
  }

  /** Items not taken as records (see JudgingPipeline.ignored). */
  get ignored(): number {
    return this.pipeline.ignored;
  }

  /** The catch-up progress line, or null. */
  get progress(): Progress | null {
    return this.line;
  }

  /** Takes what an earlier run judged and stored, without opening anything again. */
  restore(batch: JudgedBatch): void {
    for (const r of batch.records) {
      this.pipeline.markJudged(r.key);
      this.to.headStart.note(r.key, r.record);
      // Sizes are not stored; the record count alone carries the quota over a restart.
      this.quota.note(r.record.author, r.record.ts, 0);
    }
    this.pipeline.markRejected(batch.rejected);
    this.to.ledger.ingest(batch.records.map((r) => r.record));
    this.to.ingested();
  }

  /** Marks a record of ours as judged: we made it, there is nothing to verify. */
  markOwn(key: string): void {
    this.pipeline.markJudged(key);
  }

  /** The log lost these envelopes (a peer replaced their bucket): they may come back once. */
  lost(keys: readonly string[]): void {
    this.pipeline.forgetInLog(keys);
  }

  /** Queues `items` for judging, after everything queued before. */
  queue(items: unknown[], source: IntakeSource = 'log'): void {
    this.chain = this.chain.then(() => this.judgeNow(items, source));
  }

  /** Queues the items held for a missing epoch key, taken when their turn comes (keys were added). */
  retryAwaitingKey(): void {
    this.chain = this.chain.then(() => {
      const items = this.pipeline.takeAwaitingKey();
      return items.length > 0 ? this.judgeNow(items, 'retry') : undefined;
    });
  }

  private async judgeNow(items: unknown[], source: IntakeSource): Promise<void> {
    const { ledger, presence, writes } = this.to;
    const membersBefore = ledger.membersVersion;
    this.shownAt = 0;
    try {
      const { fresh, notEnvelopes } = await this.pipeline.judge(items, source === 'log');
      if (fresh > 0) {
        presence.refreshIfMembersChanged();
        // Judged records can be judged again from the updates, so they can usually wait. Not
        // those that change who is a member, such as our own admission: without it, a newcomer
        // who quit within the second found a circle that did not count them as a member, and
        // until a member came online, could not see what they wrote.
        writes.schedule(
          ledger.membersVersion !== membersBefore ? OWN_WRITE_DELAY_MS : PEER_WRITE_DELAY_MS,
        );
      }
      if (fresh > 0 || notEnvelopes > 0) this.to.changed();
    } catch (e: unknown) {
      // One failure (a listener throwing, say) must not stop every later record from being judged.
      console.warn('Hearth could not judge records:', e instanceof Error ? e.name : 'unknown');
    } finally {
      // Whatever went wrong, or if nothing turned out new, the progress line must not stay up:
      // neither here nor in the view last handed out.
      if (this.line !== null || this.to.viewShowsProgress()) {
        this.line = null;
        this.to.changed();
      }
    }
  }

  /** Takes one verified slice into the ledger, the head start and the write batch. */
  private take(judged: JudgedSlice, done: number, total: number, slices: number): void {
    const { headStart, writes } = this.to;
    const slice = this.withinQuota(judged);
    slice.records.forEach((r, i) => headStart.note(r.key, r.record, slice.sealed[i]));
    headStart.drop(slice.rejected);
    headStart.drop(slice.awaitingKey);
    if (slice.rejectedSealed.length > 0) this.to.keeper.discard(slice.rejectedSealed);
    this.to.ledger.ingest(slice.records.map((r) => r.record));
    if (slice.records.length > 0) this.to.ingested();
    this.line = done < total ? { label: CATCHING_UP, fraction: done / total } : null;
    slice.records.forEach((r, i) => {
      if (this.to.keeper.isKnown(r.record.author)) writes.queueRecord(r);
      else this.to.keeper.holdStranger({ ...r, sealed: slice.sealed[i]! });
    });
    // The first slice at once; later ones at most every SHOW_EVERY_MS, since each older slice
    // re-sorts the list and rebuilds its rows (the last is shown by judgeNow, in any case).
    if (slices > 1 && performance.now() - this.shownAt >= SHOW_EVERY_MS) {
      this.shownAt = performance.now();
      this.to.changed();
    }
  }

  /** The slice with the records over their author's quota moved to the refused ones. */
  private withinQuota(slice: JudgedSlice): JudgedSlice {
    const kept: JudgedSlice = {
      ...slice,
      records: [],
      sealed: [],
      rejected: [...slice.rejected],
      rejectedSealed: [...slice.rejectedSealed],
    };
    const refused: string[] = [];
    slice.records.forEach((r, i) => {
      const sealed = slice.sealed[i]!;
      if (this.quota.admit(r.record.author, r.record.ts, sealed.length)) {
        kept.records.push(r);
        kept.sealed.push(sealed);
      } else {
        refused.push(r.key);
        kept.rejected.push(r.key);
        kept.rejectedSealed.push(sealed);
      }
    });
    if (refused.length > 0) this.pipeline.markRejected(refused);
    return kept;
  }

  private showCatchingUp(): void {
    if (this.line) return;
    this.line = { label: CATCHING_UP, fraction: 0 };
    this.to.changed();
  }
}
