// One open circle: its Y.Doc, its validated ledger, its room and its persistence.
//
// Flow: stored judged records -> ledger (no crypto again), stored Yjs updates -> doc, then every
// log item not judged yet is opened (decrypt + verify) and fed to the ledger. New items from
// peers or from us take the same path, so what we show is always what we validated.
import * as Y from 'yjs';
import { toBase64Url } from '../../../src-shared/bytes';
import { BucketLog } from '../../../src-shared/circle/bucket-log';
import { draftRecord, type Authoring } from '../../../src-shared/circle/founding';
import { CircleLedger } from '../../../src-shared/circle/ledger';
import { genesisFingerprintOf } from '../../../src-shared/circle/lobby';
import { roomFor } from '../../../src-shared/crypto/keys';
import { MessageBody, type RecordContent, type RecordKind, type RecordOf } from '../../../src-shared/records/schema';
import { envelopeKey, openRecord, sealRecord, verifySigned } from '../../../src-shared/records/seal';
import type { CircleView, ConnectionState, Progress } from '../types';
import { COMPACT_AFTER_ROWS, type CircleSecrets, type CircleStore, type JudgedBatch } from '../storage/circle-store';
import { Room } from '../sync/room';
import { SerialQueue } from './serial-queue';

export interface NetworkSettings {
  signalingUrls: string[];
  iceServers: RTCIceServer[];
}

/** Items judged per slice before yielding, so a big catch-up never freezes the window. */
const JUDGE_SLICE = 1000;
const STORAGE_PROBLEM =
  "Hearth couldn't save to this device (the disk may be full). Nothing is lost: your messages stay open here and saving is retried.";

export class CircleSession {
  readonly secrets: CircleSecrets;
  readonly ledger: CircleLedger;
  readonly doc = new Y.Doc();
  readonly log: BucketLog;
  readonly myKey: string;
  /** Hash of the signed genesis: what share codes carry so newcomers can check the circle. */
  readonly genesisFingerprint: Uint8Array;
  private room: Room | null = null;
  private readonly judged = new Set<string>();
  private readonly contentKeys: Map<number, Uint8Array>;
  private readonly writes = new SerialQueue(() => this.storageRecovered());
  private judging: Promise<void> = Promise.resolve();
  private pendingUpdates: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private ignored = 0;
  private online = new Set<string>();
  private syncing: Progress | null = null;
  private storageProblem: string | null = null;
  private version = 0;
  private cachedView: CircleView | null = null;
  private unobserve: (() => void) | null = null;
  private closed = false;
  private lastTs = 0;

  constructor(
    secrets: CircleSecrets,
    private readonly store: CircleStore,
    private readonly network: NetworkSettings,
    private readonly onChange: () => void,
  ) {
    this.secrets = secrets;
    const genesis = verifySigned(secrets.genesisSigned);
    if (!genesis.ok || genesis.record.kind !== 'genesis') throw new Error('stored circle genesis is damaged');
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
    return [...new Set([...this.secrets.signalingUrls, ...this.network.signalingUrls])];
  }

  /** Loads what this device stored, then joins the room. */
  async open(): Promise<void> {
    const { batch, rows } = await this.store.loadJudged(this.localId);
    for (const r of batch.records) this.judged.add(r.key);
    for (const k of batch.rejected) this.judged.add(k);
    this.ignored = batch.rejected.length;
    this.ledger.ingest(batch.records.map((r) => r.record));
    this.changed();
    if (rows > COMPACT_AFTER_ROWS) this.writes.run(() => this.store.compactJudged(this.localId, batch));

    const { updates, rows: updateRows } = await this.store.loadUpdates(this.localId);
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), 'storage');
    if (updateRows > COMPACT_AFTER_ROWS) this.writes.run(() => this.store.compactUpdates(this.localId, Y.encodeStateAsUpdate(this.doc)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'storage') this.queueUpdate(update);
    });
    this.unobserve = this.log.observe((items) => this.judge(items));
    this.judge(this.log.all());
    await this.judging;
    this.connect();
  }

  /** Signs, seals and appends a message; it shows once our own validation accepts it. */
  async sendMessage(text: string): Promise<void> {
    const body = MessageBody.safeParse({ text });
    if (!body.success || text.trim() === '') throw new Error('A message needs some text and at most 4,000 characters.');
    this.append(this.draft('message', body.data));
    await this.judging;
  }

  /** Writes a record of ours (invite, admission, message) to the log. */
  append(record: RecordContent): void {
    this.log.append([sealRecord(record, this.secrets.keys.signSecretKey, this.currentEpoch().contentKey)]);
  }

  /** Drafts a record of ours. Our timestamps strictly increase, so our records keep their order within one millisecond. */
  draft<K extends RecordKind>(kind: K, body: RecordOf<K>['body']): RecordOf<K> {
    this.lastTs = Math.max(Date.now(), this.lastTs + 1);
    return draftRecord(this.authoring(), kind, body, this.lastTs);
  }

  authoring(): Authoring {
    return { circleId: this.secrets.circleId, epoch: this.currentEpoch().epoch, keys: this.secrets.keys };
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
      online: this.online,
      // A new array per version: the ledger's own list is mutated in place, and React compares by identity.
      messages: this.ledger.messages.slice(),
      connection: this.connection(),
      signalingUrls: this.signalingUrls,
      ignoredRecords: this.ignored,
      syncing: this.syncing,
      storageProblem: this.storageProblem,
      version: this.version,
    };
    return this.cachedView;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unobserve?.();
    this.room?.destroy();
    this.room = null;
    await this.judging;
    this.flushUpdates();
    await this.writes.idle();
    this.writes.stop();
    this.doc.destroy();
  }

  private connection(): ConnectionState {
    if (!this.room || !this.room.signalingReachable) return this.room && this.room.peerCount > 0 ? 'connected' : 'offline';
    return this.room.peerCount > 0 ? 'connected' : 'alone';
  }

  private connect(): void {
    if (this.closed) return;
    const { name, password } = roomFor(this.currentEpoch().roomSecret);
    this.room = new Room(
      { name, password, doc: this.doc, signalingUrls: this.signalingUrls, iceServers: this.network.iceServers },
      () => this.changed(),
    );
    const awareness = this.room.awareness;
    awareness.setLocalStateField('member', this.myKey);
    awareness.on('change', () => this.refreshOnline());
    this.refreshOnline();
  }

  /** Presence claims are unauthenticated hints, shown only for keys that are members. */
  private refreshOnline(): void {
    const online = new Set<string>([this.myKey]);
    this.room?.awareness.getStates().forEach((state) => {
      const key = (state as { member?: unknown }).member;
      if (typeof key === 'string' && this.ledger.members.has(key)) online.add(key);
    });
    this.online = online;
    this.changed();
  }

  private judge(items: unknown[]): void {
    this.judging = this.judging.then(() => this.judgeNow(items));
  }

  private async judgeNow(items: unknown[]): Promise<void> {
    const batch: JudgedBatch = { records: [], rejected: [] };
    const ignoredBefore = this.ignored;
    const big = items.length > JUDGE_SLICE;
    let fed = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const key = item instanceof Uint8Array ? envelopeKey(item) : null;
      if (key !== null && this.judged.has(key)) continue;
      const opened = openRecord(item, this.secrets.circleId, this.contentKeys);
      if (opened.ok) batch.records.push({ key: opened.nonceKey, record: opened.record });
      else {
        this.ignored++;
        if (key !== null) batch.rejected.push(key);
      }
      if (key !== null) this.judged.add(key);
      if (big && i % JUDGE_SLICE === JUDGE_SLICE - 1) {
        // Show progress and what is already verified, then let the window breathe.
        this.ledger.ingest(batch.records.slice(fed).map((r) => r.record));
        fed = batch.records.length;
        this.syncing = { label: 'Bringing the conversation up to date…', fraction: i / items.length };
        this.changed();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    const showedProgress = this.syncing !== null;
    this.syncing = null;
    if (batch.records.length === 0 && batch.rejected.length === 0) {
      // Only items that are not even envelopes (nothing to store): the count and progress still changed.
      if (this.ignored !== ignoredBefore || showedProgress) this.changed();
      return;
    }
    this.ledger.ingest(batch.records.slice(fed).map((r) => r.record));
    if (this.room) this.refreshOnline();
    this.changed();
    this.writes.run(() => this.store.appendJudged(this.localId, batch), (e) => this.storageFailed(e));
  }

  private queueUpdate(update: Uint8Array): void {
    this.pendingUpdates.push(update);
    // Coalesces bursts (typing, a big sync) into one encrypted write.
    this.flushTimer ??= setTimeout(() => this.flushUpdates(), 100);
  }

  private flushUpdates(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pendingUpdates.length === 0) return;
    const merged = Y.mergeUpdates(this.pendingUpdates);
    this.pendingUpdates = [];
    this.writes.run(() => this.store.appendUpdate(this.localId, merged), (e) => this.storageFailed(e));
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
    this.onChange();
  }
}
