// One open circle: its Y.Doc, its validated ledger, its room and its persistence.
//
// Flow: stored judged records -> ledger (no crypto again), stored Yjs updates -> doc, then every
// log item not judged yet is opened (decrypt + verify) and fed to the ledger. New items from
// peers or from us take the same path, so what we show is always what we validated.
import * as Y from 'yjs';
import { toBase64Url } from '../../../src-shared/bytes';
import { BucketLog } from '../../../src-shared/circle/bucket-log';
import { draftRecord, type Authoring } from '../../../src-shared/circle/founding';
import { HeadStartIndex } from '../../../src-shared/circle/head-start';
import { CircleLedger } from '../../../src-shared/circle/ledger';
import { genesisFingerprintOf } from '../../../src-shared/circle/lobby';
import { roomFor } from '../../../src-shared/crypto/keys';
import {
  MessageBody,
  RecordContent,
  type RecordKind,
  type RecordOf,
} from '../../../src-shared/records/schema';
import {
  envelopeKey,
  sealRecord,
  verifySigned,
  type RecordPeek,
} from '../../../src-shared/records/seal';
import type { CircleView, ConnectionState, Progress } from '../types';
import {
  COMPACT_AFTER_ROWS,
  type CircleSecrets,
  type CircleStore,
  type JudgedBatch,
} from '../storage/circle-store';
import { Room } from '../sync/room';
import { catchUpOrder } from '../../../src-shared/circle/catch-up-order';
import { PRESENCE_RENEW_MS, PresenceBook, signPresence } from '../../../src-shared/circle/presence';
import {
  inlineOpener,
  keyChunk,
  openChunk,
  type Opened,
  type OpenJob,
  type RecordOpener,
} from './record-opener';
import { SerialQueue } from './serial-queue';

export interface NetworkSettings {
  signalingUrls: string[];
  iceServers: RTCIceServer[];
}

/** Records per slice of a catch-up: each slice is verified off the UI thread, then shown. */
const JUDGE_SLICE = 500;
/** The first slice is small so the newest messages show after a moment (see catch-up-order.ts). */
const FIRST_SLICE = 100;
/** Peeking only decrypts, so its slices can be bigger. */
const PEEK_SLICE = 2_500;
/** Hashing is cheaper still. */
const KEY_SLICE = 5_000;
/** During a catch-up, verified slices are shown at most this often. */
const SHOW_EVERY_MS = 250;
/** Below this many new records, opening them here is quicker than a round trip to a worker. */
const BIG_BATCH = 200;
/**
 * How long writes are coalesced. Our own records go to disk within 100 ms: until a peer has them
 * this device may hold the only copy. So do changes to who is a member (see judgeNow). What else
 * peers sent can wait a second, since any peer that has it sends it again when we meet; a busy
 * circle then costs a write a second, not ten.
 */
const OWN_WRITE_DELAY_MS = 100;
const PEER_WRITE_DELAY_MS = 1_000;
const STORAGE_PROBLEM =
  "Hearth couldn't save to this device (the disk may be full). Nothing is lost: your messages stay open here and saving is retried.";

/** A batch being verified: slices of results, with the keys and envelopes of their records in the same order. */
interface JudgeSlices {
  slices: (Opened[] | Promise<Opened[]>)[];
  keys: string[];
  items: Uint8Array[];
}

export class CircleSession {
  readonly secrets: CircleSecrets;
  readonly ledger: CircleLedger;
  readonly doc = new Y.Doc();
  readonly log: BucketLog;
  readonly myKey: string;
  /** Hash of the signed genesis: what share codes carry so newcomers can check the circle. */
  readonly genesisFingerprint: Uint8Array;
  private room: Room | null = null;
  private presence: PresenceBook | null = null;
  private presenceTimer: ReturnType<typeof setInterval> | null = null;
  private readonly judged = new Set<string>();
  /** Which envelopes a newcomer we admit gets in its welcome (head-start.ts). */
  private readonly headStart = new HeadStartIndex();
  /**
   * The records our own welcome's head start held that the log has not brought (yet), by
   * envelope key. After the first sync with a peer, any still missing are added to the log, so
   * a member cannot show a newcomer records that nobody else sees.
   */
  private readonly unconfirmed = new Map<string, Uint8Array>();
  private readonly contentKeys: Map<number, Uint8Array>;
  private readonly writes = new SerialQueue(() => this.storageRecovered());
  private judging: Promise<void> = Promise.resolve();
  private pendingUpdates: Uint8Array[] = [];
  private pendingJudged: JudgedBatch = { records: [], rejected: [] };
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the pending flush is due (performance.now()), so an earlier deadline can replace it. */
  private flushDue = 0;
  private ignored = 0;
  private online = new Set<string>();
  /** The members version `online` was worked out for. */
  private onlineForMembers = -1;
  private syncing: Progress | null = null;
  private storageProblem: string | null = null;
  private version = 0;
  private cachedView: CircleView | null = null;
  private unobserve: (() => void) | null = null;
  private closed = false;
  private lastSignalingUrls: string[] = [];
  private lastTs = 0;

  constructor(
    secrets: CircleSecrets,
    private readonly store: CircleStore,
    private readonly network: NetworkSettings,
    private readonly onChange: () => void,
    private readonly opener: RecordOpener = inlineOpener,
  ) {
    this.secrets = secrets;
    const genesis = verifySigned(secrets.genesisSigned);
    if (!genesis.ok || genesis.record.kind !== 'genesis')
      throw new Error('stored circle genesis is damaged');
    this.ledger = new CircleLedger(genesis.record);
    this.log = new BucketLog(this.doc, secrets.writerId);
    this.myKey = toBase64Url(secrets.keys.signPublicKey);
    this.genesisFingerprint = genesisFingerprintOf(secrets.genesisSigned);
    this.contentKeys = new Map(secrets.epochs.map((e) => [e.epoch, e.contentKey]));
  }

  get localId(): string {
    return this.secrets.localId;
  }

  get signalingUrls(): string[] {
    const urls = [...new Set([...this.secrets.signalingUrls, ...this.network.signalingUrls])];
    if (
      urls.length !== this.lastSignalingUrls.length ||
      urls.some((u, i) => u !== this.lastSignalingUrls[i])
    )
      this.lastSignalingUrls = urls;
    return this.lastSignalingUrls;
  }

  /**
   * Loads what this device stored, then joins the room. `headStart` is what a newcomer's welcome
   * carried (head-start.ts): judged first, like records from a peer, so the conversation shows
   * before the history arrives. They are not added to the document, whose sync brings them too
   * (see `unconfirmed` for the ones it does not).
   */
  async open(headStart: readonly Uint8Array[] = []): Promise<void> {
    const { batch, rows } = await this.store.loadJudged(this.localId);
    for (const r of batch.records) {
      this.judged.add(r.key);
      this.headStart.note(r.key, r.record);
    }
    for (const k of batch.rejected) this.judged.add(k);
    this.ignored = batch.rejected.length;
    this.ledger.ingest(batch.records.map((r) => r.record));
    this.changed();
    if (rows > COMPACT_AFTER_ROWS)
      this.writes.run(() => this.store.compactJudged(this.localId, batch));

    const { updates, rows: updateRows } = await this.store.loadUpdates(this.localId);
    if (this.closed) return;
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), 'storage');
    if (updateRows > COMPACT_AFTER_ROWS)
      this.writes.run(() =>
        this.store.compactUpdates(this.localId, Y.encodeStateAsUpdate(this.doc)),
      );
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Our own transactions have no origin; y-webrtc applies peers' updates with its room as origin.
      if (origin !== 'storage') this.queueUpdate(update, origin === null);
    });
    this.unobserve = this.log.observe((items) => this.judge(items));
    for (const sealed of headStart) {
      const key = envelopeKey(sealed);
      if (key !== null) this.unconfirmed.set(key, sealed);
    }
    if (headStart.length > 0) this.judge([...headStart], 'head-start');
    this.judge(this.log.all());
    await this.judging;
    this.connect();
  }

  /** Signs, seals and appends a message. */
  async sendMessage(text: string): Promise<void> {
    const body = MessageBody.safeParse({ text });
    if (!body.success || text.trim() === '')
      throw new Error('A message needs some text and at most 4,000 characters.');
    this.append(this.draft('message', body.data));
  }

  /**
   * Writes a record of ours (invite, admission, message) to the log, and takes it into the
   * ledger here rather than through the log's observer: if a peer replaced our bucket, the CRDT
   * may drop the item, but our own record still shows and is kept in our store.
   */
  append(record: RecordContent): void {
    // The same schema peers hold it to: what we show and keep, they accept.
    RecordContent.parse(record);
    const sealed = sealRecord(
      record,
      this.secrets.keys.signSecretKey,
      this.currentEpoch().contentKey,
    );
    // Marked judged before the log's observer sees it: we made it, there is nothing to verify.
    const key = envelopeKey(sealed)!;
    this.judged.add(key);
    this.headStart.note(key, record, sealed);
    this.log.append([sealed]);
    this.ledger.ingest([record]);
    this.pendingJudged.records.push({ key, record });
    this.scheduleFlush(OWN_WRITE_DELAY_MS);
    this.refreshOnlineIfMembersChanged();
    this.changed();
  }

  /** Sealed records to hand a newcomer in its welcome: membership, then the newest messages. */
  headStartRecords(newcomer: string): Uint8Array[] {
    return this.headStart.bundle({ newcomer, isMember: (key) => this.ledger.members.has(key) });
  }

  /** Drafts a record of ours. Our timestamps strictly increase, so our records keep their order within one millisecond. */
  draft<K extends RecordKind>(kind: K, body: RecordOf<K>['body']): RecordOf<K> {
    this.lastTs = Math.max(Date.now(), this.lastTs + 1);
    return draftRecord(this.authoring(), kind, body, this.lastTs);
  }

  authoring(): Authoring {
    return {
      circleId: this.secrets.circleId,
      epoch: this.currentEpoch().epoch,
      keys: this.secrets.keys,
    };
  }

  currentEpoch() {
    return this.secrets.epochs.reduce((a, e) => (e.epoch > a.epoch ? e : a));
  }

  view(): CircleView {
    if (this.cachedView?.version === this.version) return this.cachedView;
    const info = this.ledger.info;
    this.cachedView = {
      localId: this.localId,
      name: info.name,
      description: info.description,
      myKey: this.myKey,
      members: this.ledger.members,
      membersVersion: this.ledger.membersVersion,
      online: this.online,
      // A snapshot, not a copy: a new one only when the messages changed (React compares by identity).
      messages: this.ledger.messageSnapshot(),
      connection: this.connection(),
      signalingUrls: this.signalingUrls,
      ignoredRecords: this.ignored,
      syncing: this.syncing,
      storageProblem: this.storageProblem,
      version: this.version,
    };
    return this.cachedView;
  }

  /**
   * Writes out now what the 100 ms coalescing still holds, and resolves once it is on disk (or,
   * if the disk keeps refusing, after a few seconds; the write goes on being retried).
   */
  async persist(): Promise<void> {
    await this.judging;
    this.flush();
    await this.writes.idle(2_000);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unobserve?.();
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.room?.destroy();
    this.room = null;
    await this.judging;
    this.flush();
    await this.writes.idle();
    this.writes.stop();
    this.doc.destroy();
  }

  private connection(): ConnectionState {
    // A live peer connection counts even if the signaling server went away since.
    if (this.room && this.room.peerCount > 0) return 'connected';
    return this.room?.signalingReachable ? 'alone' : 'offline';
  }

  private connect(): void {
    if (this.closed) return;
    const { name, password } = roomFor(this.currentEpoch().roomSecret);
    this.room = new Room(
      {
        name,
        password,
        doc: this.doc,
        signalingUrls: this.signalingUrls,
        iceServers: this.network.iceServers,
      },
      () => this.changed(),
    );
    this.room.onSynced(() => {
      void this.judging.then(() => this.shareUnconfirmed());
    });
    const awareness = this.room.awareness;
    const presence = new PresenceBook(name);
    this.presence = presence;
    // Claims are signed (presence.ts) and renewed; a check on each renewal also drops peers
    // whose claims went stale without a goodbye.
    const announce = () =>
      awareness.setLocalStateField(
        'presence',
        signPresence(this.secrets.keys, name, awareness.clientID),
      );
    announce();
    this.presenceTimer = setInterval(() => {
      announce();
      this.refreshOnline();
    }, PRESENCE_RENEW_MS);
    awareness.on('change', () => this.refreshOnline());
    this.refreshOnline();
  }

  /**
   * Adds to the log what our welcome's head start showed us but a sync with a peer did not
   * bring: whatever a member shows a newcomer, every member can then see (and moderate). An
   * honest member's head start is all in the log, so this normally adds nothing.
   */
  shareUnconfirmed(): void {
    if (this.closed || this.unconfirmed.size === 0) return;
    const missing = [...this.unconfirmed.values()];
    this.unconfirmed.clear();
    this.log.append(missing);
  }

  /** An admission can make a present peer count as an online member; a message cannot. */
  private refreshOnlineIfMembersChanged(): void {
    if (!this.room || this.ledger.membersVersion === this.onlineForMembers) return;
    this.refreshOnline();
  }

  /** Members whose signed presence claims are current (presence.ts), and us. */
  private refreshOnline(): void {
    this.onlineForMembers = this.ledger.membersVersion;
    const online = new Set<string>([this.myKey]);
    const states = this.room?.awareness.getStates() ?? new Map<number, Record<string, unknown>>();
    const now = Date.now();
    states.forEach((state, clientId) => {
      const key =
        this.presence?.memberOf(clientId, (state as { presence?: unknown }).presence, now) ?? null;
      if (key !== null && this.ledger.members.has(key)) online.add(key);
    });
    this.presence?.retain(new Set(states.keys()));
    // Awareness ticks often (every peer, every 15 s, and on each message's update); only a real
    // change in who is online is worth re-rendering for.
    if (online.size === this.online.size && [...online].every((k) => this.online.has(k))) return;
    this.online = online;
    this.changed();
  }

  /** Queues `items` for judging, in order; `source` says whether they come from the log or a welcome's head start. */
  private judge(items: unknown[], source: 'log' | 'head-start' = 'log'): void {
    // One failure (a listener throwing, say) must not stop every later record from being judged.
    this.judging = this.judging
      .then(() => this.judgeNow(items, source))
      .catch((e: unknown) =>
        console.warn('Hearth could not judge records:', e instanceof Error ? e.name : 'unknown'),
      );
  }

  private async judgeNow(items: unknown[], source: 'log' | 'head-start'): Promise<void> {
    // Items already judged on this device are skipped by their envelope key, without decrypting.
    // A whole document's worth (opening a circle) is hashed in the worker pool, off this thread.
    // Only bytes go there: a peer can put any Yjs type in a bucket, and those cannot be posted.
    const envelopes = items.filter((item): item is Uint8Array => item instanceof Uint8Array);
    let notEnvelopes = items.length - envelopes.length;
    const job = {
      circleId: this.secrets.circleId,
      contentKeys: [...this.contentKeys],
      items: envelopes,
    };
    const membersBefore = this.ledger.membersVersion;
    try {
      const { keys: envelopeKeys, peeks } = await this.keysOf(job);
      if (source === 'log' && this.unconfirmed.size > 0)
        for (const key of envelopeKeys) if (key !== null) this.unconfirmed.delete(key);
      const fresh: Uint8Array[] = [];
      const freshKeys: string[] = [];
      const freshPeeks: (RecordPeek | null)[] = [];
      envelopeKeys.forEach((key, i) => {
        if (key === null) notEnvelopes++;
        else if (!this.judged.has(key)) {
          this.judged.add(key);
          fresh.push(envelopes[i]!);
          freshKeys.push(key);
          if (peeks) freshPeeks.push(peeks[i]!);
        } else if (this.headStart.wants(key)) {
          // Judged on an earlier run: the store gave the record, the document gives its bytes.
          this.headStart.attach(key, envelopes[i]!);
        }
      });
      this.ignored += notEnvelopes;
      const freshJob = { ...job, items: fresh };
      // A new message or two is opened right here (fastest); a catch-up goes to the worker pool
      // in slices, membership first and then newest first, each shown as soon as it is verified.
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
      let shownAt = 0;
      for (const slice of slices) {
        const results = await slice;
        const batch: JudgedBatch = { records: [], rejected: [] };
        results.forEach((r, i) => {
          if (r.ok) {
            batch.records.push({ key: r.nonceKey, record: r.record });
            this.headStart.note(r.nonceKey, r.record, inOrder[done + i]!);
          } else {
            this.ignored++;
            batch.rejected.push(keys[done + i]!);
            // Nothing to pass on: the log is for records, and every peer would drop this one too.
            this.unconfirmed.delete(keys[done + i]!);
          }
        });
        done += results.length;
        this.ledger.ingest(batch.records.map((r) => r.record));
        this.syncing =
          done < fresh.length
            ? { label: 'Bringing the conversation up to date…', fraction: done / fresh.length }
            : null;
        for (const r of batch.records) this.pendingJudged.records.push(r);
        for (const k of batch.rejected) this.pendingJudged.rejected.push(k);
        // The first slice at once; later ones at most every SHOW_EVERY_MS, since each older slice
        // re-sorts the list and rebuilds its rows (the last is shown below, in any case).
        if (slices.length > 1 && performance.now() - shownAt >= SHOW_EVERY_MS) {
          shownAt = performance.now();
          this.changed();
        }
      }
      if (fresh.length > 0) {
        this.refreshOnlineIfMembersChanged();
        // Judged records can be judged again from the updates, so they can usually wait. Not
        // those that change who is a member, such as our own admission: without it, a newcomer
        // who quit within the second found a circle that did not count them as a member, and
        // until a member came online, could not see what they wrote.
        this.scheduleFlush(
          this.ledger.membersVersion !== membersBefore ? OWN_WRITE_DELAY_MS : PEER_WRITE_DELAY_MS,
        );
      }
      if (fresh.length > 0 || notEnvelopes > 0) this.changed();
    } finally {
      // Whatever went wrong, or if nothing turned out new, the progress line must not stay up:
      // neither here nor in the view last handed out.
      if (this.syncing !== null || this.cachedView?.syncing) {
        this.syncing = null;
        this.changed();
      }
    }
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
    this.showCatchingUp();
    const scans = (await Promise.all(this.opener.inChunks('scan', job, PEEK_SLICE))).flat();
    return { keys: scans.map((s) => s.key), peeks: scans.map((s) => s.peek) };
  }

  private showCatchingUp(): void {
    if (this.syncing) return;
    this.syncing = { label: 'Bringing the conversation up to date…', fraction: 0 };
    this.changed();
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
    this.showCatchingUp();
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

  private queueUpdate(update: Uint8Array, ours: boolean): void {
    this.pendingUpdates.push(update);
    this.scheduleFlush(ours ? OWN_WRITE_DELAY_MS : PEER_WRITE_DELAY_MS);
  }

  /**
   * Coalesces bursts (a busy circle, a big sync, a script sending thousands) into one encrypted
   * row per log per flush: a row per record would queue thousands of writes, and a reload before
   * they land would lose them. The earliest deadline asked for wins.
   */
  private scheduleFlush(delayMs: number): void {
    const due = performance.now() + delayMs;
    if (this.flushTimer) {
      if (this.flushDue <= due) return;
      clearTimeout(this.flushTimer);
    }
    this.flushDue = due;
    this.flushTimer = setTimeout(() => this.flush(), delayMs);
  }

  /** Starts writing out what the coalescing holds, without waiting (see persist for waiting). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    // Merging re-encodes; a single (possibly huge, e.g. a whole history) update is stored as is.
    const update =
      this.pendingUpdates.length === 0
        ? null
        : this.pendingUpdates.length === 1
          ? this.pendingUpdates[0]!
          : Y.mergeUpdates(this.pendingUpdates);
    const judged =
      this.pendingJudged.records.length > 0 || this.pendingJudged.rejected.length > 0
        ? this.pendingJudged
        : null;
    if (!update && !judged) return;
    this.pendingUpdates = [];
    this.pendingJudged = { records: [], rejected: [] };
    this.writes.run(
      () => this.store.appendLogs(this.localId, { update, judged }),
      (e) => this.storageFailed(e),
    );
  }

  private storageFailed(error: unknown): void {
    console.warn('Hearth storage write failed:', error instanceof Error ? error.name : 'unknown');
    this.storageProblem = STORAGE_PROBLEM;
    this.changed();
  }

  /** Called after a retried write finally succeeds. */
  storageRecovered(): void {
    if (this.storageProblem) {
      this.storageProblem = null;
      this.changed();
    }
  }

  private changed(): void {
    this.version++;
    try {
      this.onChange();
    } catch (e) {
      console.warn('Hearth change listener failed:', e instanceof Error ? e.name : 'unknown');
    }
  }
}
