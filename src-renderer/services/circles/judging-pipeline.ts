// Judging log items: envelopes in, verified records and rejections out, each item judged once.
//
// A new message or two is opened on this thread (fastest). A catch-up (a newcomer's history, a
// long absence) goes to the worker pool in slices, membership first and then newest first
// (catch-up-order.ts), each handed on as soon as it is verified. Items already judged on this
// device are skipped by their envelope key, without decrypting. Items of an epoch whose key
// this device does not have yet are held apart from forged ones, to be judged again when the
// key arrives. What is not a record worth keeping (not an envelope, forged, damaged, or a second
// copy of a record already in the log) is handed back to be taken out of the log
// (docs/ARCHITECTURE.md "Sync"), so it is neither kept nor handed to newcomers.
import { catchUpOrder } from '../../../src-shared/circle/catch-up-order';
import type { EpochKeyring } from '../../../src-shared/circle/epoch-keyring';
import type { RecordContent } from '../../../src-shared/records/schema';
import { envelopeEpoch, type RecordPeek } from '../../../src-shared/records/seal';
import { keyChunk, openChunk, type Opened, type OpenJob, type RecordOpener } from './record-opener';

/** Records per slice of a catch-up: each slice is verified off the UI thread, then shown. */
const JUDGE_SLICE = 500;
/** The first slice is small so the newest messages show after a moment (see catch-up-order.ts). */
const FIRST_SLICE = 100;
/** Peeking only decrypts, so its slices can be bigger. */
const PEEK_SLICE = 2_500;
/** Hashing is cheaper still. */
const KEY_SLICE = 5_000;
/** Below this many new records, opening them here is quicker than a round trip to a worker. */
export const BIG_BATCH = 200;
/**
 * Items held for a missing epoch key. Beyond this the oldest is let go (not stored as rejected,
 * so the next open judges it again): a peer can claim any number of made-up epochs, and must not
 * crowd out, or get stored as rejected, the real records of an epoch whose key is on its way.
 */
const MAX_AWAITING_KEY = 10_000;
/**
 * A record of an epoch this far past our newest is refused, not held. Each epoch has its own room,
 * and a member more than 4 rotations behind needs a new invite (handover-rooms.ts), so in any room
 * we are in, such a record is made up.
 */
const MAX_EPOCH_LEAD = 8;

/** One verified slice of a batch. */
export interface JudgedSlice {
  /** Records that opened and verified, with their envelope keys (as the store keeps them). */
  records: { key: string; record: RecordContent }[];
  /** The sealed bytes of each of `records`, in the same order. */
  sealed: Uint8Array[];
  /** Envelope keys of items that failed for good (forged, damaged): never judged again. */
  rejected: string[];
  /** The sealed bytes of each of `rejected`, in the same order. */
  rejectedSealed: Uint8Array[];
  /** Envelope keys of items held until their epoch's key arrives. */
  awaitingKey: string[];
}

/** What this device knows of an envelope key. */
const enum Seen {
  /** Judged (stored from an earlier run, our own, or from a welcome), not met in the log yet. */
  Judged,
  /** Judged, and an item of the log holds it: a second item with it is a copy. */
  InLog,
  /** Failed the checks for good, or refused (over its author's quota): never kept. */
  Refused,
}

/** What the pipeline tells its owner while it judges. */
export interface JudgeListener {
  /** Every envelope key of a batch that came from the log, before anything is skipped. */
  logKeys(keys: readonly (string | null)[]): void;
  /** An envelope judged on an earlier run, met again with its bytes. */
  judgedBefore(key: string, sealed: Uint8Array): void;
  /** A big batch is being read: progress is worth showing. */
  catchingUp(): void;
  /** A slice is verified: `done` of `total` fresh items, in `slices` slices. */
  slice(slice: JudgedSlice, done: number, total: number, slices: number): void;
  /** Log items not worth keeping: not envelopes, refused, or copies of what the log holds. */
  discard(items: unknown[]): void;
}

/** A batch being verified: slices of results, with the keys and envelopes of their records in the same order. */
interface JudgeSlices {
  slices: (Opened[] | Promise<Opened[]>)[];
  keys: string[];
  items: Uint8Array[];
}

export class JudgingPipeline {
  private readonly judged = new Map<string, Seen>();
  private readonly awaiting = new Map<string, Uint8Array>();
  private ignoredCount = 0;

  constructor(
    private readonly circleId: string,
    private readonly keyring: EpochKeyring,
    private readonly opener: RecordOpener,
    private readonly listener: JudgeListener,
  ) {}

  /** Items not taken as records: not envelopes, failed checks, or waiting for their epoch's key. */
  get ignored(): number {
    return this.ignoredCount;
  }

  /** How many items wait for their epoch's key. */
  get awaitingKey(): number {
    return this.awaiting.size;
  }

  /** Marks an envelope as judged: stored from an earlier run, or our own record. */
  markJudged(key: string): void {
    if (!this.judged.has(key)) this.judged.set(key, Seen.Judged);
  }

  /** Marks envelopes refused (on an earlier run, or over quota): never kept, counted as ignored. */
  markRejected(keys: readonly string[]): void {
    for (const k of keys) this.judged.set(k, Seen.Refused);
    this.ignoredCount += keys.length;
  }

  /** Marks envelopes whose text their author deleted: a copy met in the log is taken out again. */
  markGone(keys: Iterable<string>): void {
    for (const k of keys) this.judged.set(k, Seen.Refused);
  }

  /** The log lost its items holding these envelopes: the next item with one is not a copy. */
  forgetInLog(keys: readonly string[]): void {
    for (const k of keys) if (this.judged.get(k) === Seen.InLog) this.judged.set(k, Seen.Judged);
  }

  /**
   * Takes back the items that waited for a key, to be judged again now that keys were added
   * (those whose key is still missing come back). Call it when the judging runs, not earlier.
   */
  takeAwaitingKey(): Uint8Array[] {
    const items = [...this.awaiting.values()];
    for (const key of this.awaiting.keys()) this.judged.delete(key);
    this.ignoredCount -= this.awaiting.size;
    this.awaiting.clear();
    return items;
  }

  /**
   * Judges `items` (fromLog: they came from the document, not a welcome). Returns how many were
   * new envelopes and how many were not envelopes at all.
   */
  async judge(
    items: readonly unknown[],
    fromLog: boolean,
  ): Promise<{ fresh: number; notEnvelopes: number }> {
    // Only bytes go to the worker pool: a stored document from before update-guard.ts may hold
    // any Yjs type in a bucket, and those cannot be posted.
    const envelopes = items.filter((item): item is Uint8Array => item instanceof Uint8Array);
    let notEnvelopes = items.length - envelopes.length;
    const unwanted: unknown[] = items.filter((item) => !(item instanceof Uint8Array));
    const job = {
      circleId: this.circleId,
      contentKeys: this.keyring.contentKeys,
      items: envelopes,
    };
    const { keys: envelopeKeys, peeks } = await this.keysOf(job);
    if (fromLog) this.listener.logKeys(envelopeKeys);
    const fresh: Uint8Array[] = [];
    const freshKeys: string[] = [];
    const freshPeeks: (RecordPeek | null)[] = [];
    envelopeKeys.forEach((key, i) => {
      const seen = key === null ? undefined : this.judged.get(key);
      if (key === null) {
        notEnvelopes++;
        unwanted.push(envelopes[i]);
      } else if (seen === undefined) {
        this.judged.set(key, fromLog ? Seen.InLog : Seen.Judged);
        fresh.push(envelopes[i]!);
        freshKeys.push(key);
        if (peeks) freshPeeks.push(peeks[i]!);
      } else if (fromLog && (seen === Seen.InLog || seen === Seen.Refused)) {
        unwanted.push(envelopes[i]);
      } else {
        if (fromLog) this.judged.set(key, Seen.InLog);
        this.listener.judgedBefore(key, envelopes[i]!);
      }
    });
    this.ignoredCount += notEnvelopes;
    if (fromLog && unwanted.length > 0) this.listener.discard(unwanted);
    const freshJob = { ...job, items: fresh };
    const {
      slices,
      keys,
      items: inOrder,
    }: JudgeSlices = fresh.length < BIG_BATCH
      ? {
          slices: [openChunk({ ...freshJob, envelopeKeys: freshKeys })],
          keys: freshKeys,
          items: fresh,
        }
      : await this.catchUpSlices(freshJob, freshKeys, peeks ? freshPeeks : null);
    let done = 0;
    for (const pending of slices) {
      const results = await pending;
      const slice: JudgedSlice = {
        records: [],
        sealed: [],
        rejected: [],
        rejectedSealed: [],
        awaitingKey: [],
      };
      results.forEach((r, i) => {
        const sealed = inOrder[done + i]!;
        if (r.ok) {
          slice.records.push({ key: r.nonceKey, record: r.record });
          slice.sealed.push(sealed);
        } else this.setAside(keys[done + i]!, sealed, r.reason === 'unknown-epoch', slice);
      });
      done += results.length;
      this.listener.slice(slice, done, fresh.length, slices.length);
    }
    return { fresh: fresh.length, notEnvelopes };
  }

  /**
   * An item that did not open: held if its epoch's key was missing from the keys this batch was
   * opened with, else rejected for good. Held even if the key has arrived since (during a long
   * catch-up): the retry that the arrival queued runs after this batch and takes it.
   */
  private setAside(
    key: string,
    sealed: Uint8Array,
    epochUnknown: boolean,
    slice: JudgedSlice,
  ): void {
    this.ignoredCount++;
    const epoch = envelopeEpoch(sealed);
    if (!epochUnknown || epoch === null || epoch > this.keyring.current.epoch + MAX_EPOCH_LEAD) {
      this.judged.set(key, Seen.Refused);
      slice.rejected.push(key);
      slice.rejectedSealed.push(sealed);
      return;
    }
    if (this.awaiting.size >= MAX_AWAITING_KEY) {
      const oldest = this.awaiting.keys().next().value as string;
      this.awaiting.delete(oldest);
      this.judged.delete(oldest);
    }
    this.awaiting.set(key, sealed);
    slice.awaitingKey.push(key);
  }

  /**
   * Envelope keys of `job`'s items, to skip what this device judged before. A few are hashed
   * right here. A big batch that is mostly new (a newcomer's catch-up, a long absence) is read
   * once in the worker pool for each item's key and claims together, which its catch-up order
   * needs next; one that is mostly judged already (opening a circle) is only hashed there, so
   * nothing judged before is decrypted again.
   */
  private async keysOf(
    job: OpenJob,
  ): Promise<{ keys: (string | null)[]; peeks: (RecordPeek | null)[] | null }> {
    if (job.items.length < BIG_BATCH) return { keys: keyChunk(job), peeks: null };
    if (this.judged.size >= job.items.length / 2)
      return {
        keys: (await Promise.all(this.opener.inChunks('key', job, KEY_SLICE))).flat(),
        peeks: null,
      };
    this.listener.catchingUp();
    const scans = (await Promise.all(this.opener.inChunks('scan', job, PEEK_SLICE))).flat();
    return { keys: scans.map((s) => s.key), peeks: scans.map((s) => s.peek) };
  }

  /**
   * Puts a big batch in catch-up order (from `peeks`, or peeking now) and starts verifying it in
   * slices; `keys` and `items` come back in the same order.
   */
  private async catchUpSlices(
    job: OpenJob & { items: Uint8Array[] },
    keys: string[],
    peeks: (RecordPeek | null)[] | null,
  ): Promise<JudgeSlices> {
    this.listener.catchingUp();
    peeks ??= (await Promise.all(this.opener.inChunks('peek', job, PEEK_SLICE))).flat();
    const order = catchUpOrder(peeks);
    const items = order.map((i) => job.items[i]!);
    return {
      slices: [
        ...this.opener.inChunks(
          'open',
          { ...job, items: items.slice(0, FIRST_SLICE) },
          FIRST_SLICE,
        ),
        ...this.opener.inChunks('open', { ...job, items: items.slice(FIRST_SLICE) }, JUDGE_SLICE),
      ],
      keys: order.map((i) => keys[i]!),
      items,
    };
  }
}
