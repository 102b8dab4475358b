// Takes judged records into an open circle, one batch after another: each verified slice goes
// to the ledger, the head start and the write batch, with a progress line while a catch-up
// runs. What is judged, and how, is the pipeline's job (judging-pipeline.ts). Each author's records
// count against a quota (author-quota.ts); what is over it, forged or a copy goes back to the log to
// be taken out (IntakeTargets.discard).
import { AuthorQuota, PRIVATE_NOTE_QUOTA } from '../../../src-shared/circle/author-quota';
import type { EpochKeyring } from '../../../src-shared/circle/epoch-keyring';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import { isTombstone, tombstoneOf, type Tombstone } from '../../../src-shared/circle/tombstone';
import { knownNow, type RecordContent, type RecordOf } from '../../../src-shared/records/schema';
import type { JudgedBatch } from '../storage/circle-store';
import type { Progress } from '../types';
import type { HeadStartRecords } from './head-start-records';
import type { LogKeeper } from './log-keeper';
import { JudgingPipeline, type JudgedSlice } from './judging-pipeline';
import { MessageEraser, type EraserDeps } from './message-eraser';
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
  /** Private notes (reports), kept apart from the ledger: their writers are one-time keys. */
  readonly notes: { take(records: readonly RecordOf<'private-note'>[]): void };
  /** Something the view shows changed. */
  changed(): void;
  /** Records went into the ledger (epochs, standing and rekeys are looked at again). */
  ingested(): void;
  /** Whether the view last handed out still shows a progress line. */
  viewShowsProgress(): boolean;
  /** Where a deleted message's sealed record is taken out of (message-eraser.ts). */
  readonly erasure: Pick<EraserDeps, 'log' | 'store' | 'localId'>;
  /** What keeps the log (log-keeper.ts). */
  readonly keeper: {
    /** Log items not worth keeping (junk, forged, over quota, copies): take them out of the log. */
    discard(items: unknown[]): void;
    /** A record by someone never let in: held a while for its author's admission, not stored. */
    holdStranger(entry: { key: string; record: RecordContent; sealed: Uint8Array }): void;
    /** Whether someone was ever let in (is or was a member). */
    isKnown(author: string): boolean;
  } & Pick<LogKeeper, 'dropStrangers' | 'rebuildSoon'>;
}

export class RecordIntake {
  private readonly pipeline: JudgingPipeline;
  private readonly eraser: MessageEraser;
  private chain: Promise<void> = Promise.resolve();
  private line: Progress | null = null;
  private readonly quota = new AuthorQuota();
  /**
   * Private notes are signed by one-time keys, so no writer's quota can hold them: they share one
   * for the whole circle (a member who floods it delays reports for that day, and no more).
   */
  private readonly noteQuota = new AuthorQuota(PRIVATE_NOTE_QUOTA);
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
    this.eraser = new MessageEraser({
      ...to.erasure,
      writes: to.writes,
      headStart: to.headStart,
      dropStrangers: (records) => to.keeper.dropStrangers(records),
      rebuildSoon: () => to.keeper.rebuildSoon(),
      gone: (keys) => this.pipeline.markGone(keys),
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
    const tombstones: Tombstone[] = [];
    const live: Judged[] = [];
    for (const r of batch.records) {
      if (r.record.kind === 'foreign')
        live.push({ key: r.key, record: knownNow(r.record) ?? r.record });
      else if (!isTombstone(r.record)) live.push(r as Judged);
      else {
        tombstones.push(r.record);
        this.quota.note(r.record.author, r.record.ts, 0);
        this.pipeline.markGone([r.key]);
      }
    }
    const { notes, others } = splitNotes(live);
    for (const r of live) this.pipeline.markJudged(r.key);
    for (const r of others) {
      this.to.headStart.note(r.key, r.record);
      // Sizes are not stored; the record count alone carries the quota over a restart.
      this.quota.note(r.record.author, r.record.ts, 0);
    }
    for (const r of notes) this.noteQuota.note(NOTES, r.record.ts, 0);
    this.pipeline.markRejected(batch.rejected);
    this.to.notes.take(notes.map((r) => r.record));
    this.to.ledger.ingest(others.map((r) => r.record));
    this.to.ledger.restoreTombstones(tombstones);
    // What a stored delete takes (a message stored before it) is erased once the session has
    // loaded its document too (circle-session.ts open).
    this.to.ingested();
  }

  /**
   * Erases on this device what the ledger dropped the text of (a delete of ours, say); `judged`
   * are the records of the slice being taken. Returns the erased records' author/id.
   */
  erase(judged?: readonly Judged[]): Set<string> {
    const erased = this.to.ledger.takeErased();
    this.eraser.erase(erased, judged);
    return new Set(erased.map(recordKey));
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
    const { notes, others } = splitNotes(slice.records);
    headStart.drop(slice.rejected);
    headStart.drop(slice.awaitingKey);
    if (slice.rejectedSealed.length > 0) this.to.keeper.discard(slice.rejectedSealed);
    if (notes.length > 0) this.to.notes.take(notes.map((r) => r.record));
    this.to.ledger.ingest(others.map((r) => r.record));
    // What a delete took the text of (in this slice or before) is neither noted nor stored.
    const gone = this.erase(others);
    slice.records.forEach((r, i) => {
      if (r.record.kind !== 'private-note' && !gone.has(recordKey(r.record)))
        headStart.note(r.key, r.record, slice.sealed[i]);
    });
    if (slice.records.length > 0) this.to.ingested();
    this.line = done < total ? { label: CATCHING_UP, fraction: done / total } : null;
    const placed = new Set<string>();
    slice.records.forEach((r, i) => {
      const at = recordKey(r.record);
      if (gone.has(at)) {
        // Its text goes, its place stays: without a tombstone the author's sequence would have
        // a gap after a reload, and a removal's `upTo` signed from it would cut later records.
        if (!placed.has(at) && this.to.keeper.isKnown(r.record.author))
          writes.queueRecord({ key: r.key, record: tombstoneOf(r.record) });
        placed.add(at);
        return;
      }
      // A note's writer is a one-time key, never let in: it is kept without waiting for one.
      if (r.record.kind === 'private-note' || this.to.keeper.isKnown(r.record.author))
        writes.queueRecord(r);
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
      const admitted =
        r.record.kind === 'private-note'
          ? this.noteQuota.admit(NOTES, r.record.ts, sealed.length)
          : this.quota.admit(r.record.author, r.record.ts, sealed.length);
      if (admitted) {
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

const recordKey = (r: { author: string; id: string }): string => `${r.author}/${r.id}`;

/** The quota key all private notes share. */
const NOTES = 'private-notes';

type Judged = { key: string; record: RecordContent };

/** Private notes apart from every other record. */
function splitNotes(records: readonly Judged[]): {
  notes: { key: string; record: RecordOf<'private-note'> }[];
  others: Judged[];
} {
  const notes: { key: string; record: RecordOf<'private-note'> }[] = [];
  const others: Judged[] = [];
  for (const r of records) {
    if (r.record.kind === 'private-note')
      notes.push(r as { key: string; record: RecordOf<'private-note'> });
    else others.push(r);
  }
  return { notes, others };
}
