// One room a relay serves: a Y.Doc loaded from the store, joined to the room through a transport
// (the app's own WebRTC provider in the relay; a stand-in in tests), and every update the
// document takes appended to the store. The relay's claim (relay-claim.ts) names only what is on
// disk, so "held" means "survives kill -9". Past its cap of stored bytes a room stores nothing
// more (its claim stops growing, which is how members can tell) and, after a while, drops what it
// holds beyond the disk by reloading the document from the store.
import * as Y from 'yjs';
import { PRESENCE_RENEW_MS } from '../../src-shared/circle/presence';
import { RELAY_CLAIM_FIELD, signRelayClaim } from '../../src-shared/circle/relay-claim';
import { HeldClocks } from './held-clocks';
import type { RelayLog } from './relay-log';
import type { RelayStore } from './relay-store';

/** What a room needs of its connection to the others. */
export interface RoomTransport {
  setClaim(state: Record<string, unknown>): void;
  destroy(): void;
}

export interface RelayRoomOptions {
  store: RelayStore;
  /** y-webrtc's room name (also the room's key in the store; never logged). */
  room: string;
  logId: number;
  relaySeed: Uint8Array;
  /** Joins the room with `doc`; `onPeers` hears how many peers it is connected with. */
  openTransport: (doc: Y.Doc, onPeers: (count: number) => void) => RoomTransport;
  /** Bytes of updates the room may keep on disk. */
  maxBytes: number;
  log: RelayLog;
  /** The first reload after the room fills; each next one waits twice as long (up to 10 min). */
  reloadAfterFullMs?: number;
}

/** Default cap per room: a 100k-message circle takes about 21 MB. */
export const DEFAULT_MAX_ROOM_BYTES = 256 * 1024 * 1024;
/** Rows appended since the last compaction that make the next one. */
export const COMPACT_AFTER_ROWS = 1_000;
/** A claim follows a durable write this soon (writes close together share one claim). */
const CLAIM_AFTER_WRITE_MS = 200;
/** A change in the number of peers is logged this long after it (changes close together: once). */
const PEERS_LOG_AFTER_MS = 1_000;
const RELOAD_AFTER_FULL_MS = 30_000;
const MAX_RELOAD_WAIT_MS = 10 * 60_000;
const LOAD_ORIGIN = Symbol('relay-load');

export class RelayRoom {
  private doc!: Y.Doc;
  private transport!: RoomTransport;
  private held!: HeldClocks;
  private bytes = 0;
  private nextSeq = 0;
  private committedSeq = -1;
  private rowsSinceCompaction = 0;
  private compacting = false;
  /** Set once an update was not stored: from then on nothing is, until the next reload. */
  private full = false;
  private unstoredBytes = 0;
  private reloadWait: number;
  private lastWrite: Promise<void> = Promise.resolve();
  private claimTimer: ReturnType<typeof setTimeout> | null = null;
  private renewTimer: ReturnType<typeof setInterval>;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private peersTimer: ReturnType<typeof setTimeout> | null = null;
  private peers = 0;
  private loggedPeers = 0;
  private closed = false;
  /** Writes made durable since the last `room-written` line, and the renewals since then. */
  private writesSinceLog = 0;
  private renewals = 0;

  constructor(private readonly options: RelayRoomOptions) {
    this.reloadWait = options.reloadAfterFullMs ?? RELOAD_AFTER_FULL_MS;
    this.load();
    this.renewTimer = setInterval(() => this.renew(), PRESENCE_RENEW_MS);
  }

  /** Bytes the room's rows take on disk. */
  get storedBytes(): number {
    return this.bytes;
  }

  /** The room's document (tests read it; the relay never writes to it). */
  get document(): Y.Doc {
    return this.doc;
  }

  /** What the room's claims cover: client -> next clock, all on disk. */
  get heldClocks(): ReadonlyMap<number, number> {
    return this.held.map;
  }

  /** Resolves once every update taken so far is on disk or known not to be stored. */
  async settled(): Promise<void> {
    await this.lastWrite;
  }

  /** Leaves the room; what is stored stays (the store's removeCode forgets it). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewTimer);
    if (this.claimTimer) clearTimeout(this.claimTimer);
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    if (this.peersTimer) clearTimeout(this.peersTimer);
    this.transport.destroy();
    this.doc.destroy();
    await this.lastWrite;
    this.options.log({ event: 'room-closed', room: this.options.logId, bytes: this.bytes });
  }

  /** Reads the room from the store, compacts it, and joins the room with it. */
  private load(): void {
    const { store, room, logId } = this.options;
    const started = performance.now();
    const stored = store.loadRoom(room);
    this.doc = new Y.Doc();
    Y.transact(
      this.doc,
      () => stored.updates.forEach((u) => Y.applyUpdate(this.doc, u)),
      LOAD_ORIGIN,
    );
    this.held = HeldClocks.of(this.doc);
    this.bytes = stored.bytes;
    this.nextSeq = Math.max(this.nextSeq, stored.nextSeq);
    this.committedSeq = this.nextSeq - 1;
    this.rowsSinceCompaction = stored.updates.length;
    this.full = false;
    this.unstoredBytes = 0;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOAD_ORIGIN) this.take(update);
    });
    this.options.log({
      event: 'room-opened',
      room: logId,
      rows: stored.updates.length,
      bytes: stored.bytes,
      ms: Math.round(performance.now() - started),
    });
    if (stored.updates.length > 1) this.compact();
    this.transport = this.options.openTransport(this.doc, (count) => this.peersChanged(count));
    this.publishClaim();
  }

  /** Stores one update the document took, or, past the cap, counts it as not stored. */
  private take(update: Uint8Array): void {
    if (!this.full && this.bytes + update.length > this.options.maxBytes) {
      this.full = true;
      this.options.log({
        event: 'room-full',
        room: this.options.logId,
        bytes: this.bytes,
        maxBytes: this.options.maxBytes,
      });
      this.scheduleReload();
    }
    if (this.full) {
      this.unstoredBytes += update.length;
      return;
    }
    const seq = this.nextSeq++;
    this.bytes += update.length;
    const write = this.options.store.append(this.options.room, seq, update).then(
      () => this.durable(seq, update),
      (e: unknown) => this.writeFailed(e),
    );
    this.lastWrite = this.lastWrite.then(() => write);
  }

  private durable(seq: number, update: Uint8Array): void {
    // Rows are committed in order; a room that failed a write claims nothing after it.
    if (this.full && seq > this.committedSeq + 1) return;
    this.held.cover(update);
    this.writesSinceLog++;
    this.committedSeq = seq;
    this.rowsSinceCompaction++;
    this.claimSoon();
    if (this.rowsSinceCompaction >= COMPACT_AFTER_ROWS) this.compact();
  }

  private writeFailed(e: unknown): void {
    // A gap in the list must never be claimed over: store nothing more until a reload.
    if (!this.full) this.scheduleReload();
    this.full = true;
    this.options.log({ event: 'write-failed', room: this.options.logId, error: errorName(e) });
  }

  private compact(): void {
    if (this.compacting || this.closed) return;
    this.compacting = true;
    const rows = this.rowsSinceCompaction;
    const started = performance.now();
    const done = this.options.store.compact(this.options.room, this.committedSeq).then(
      (delta) => {
        this.bytes += delta;
        this.rowsSinceCompaction -= rows;
        this.options.log({
          event: 'room-compacted',
          room: this.options.logId,
          rows,
          bytes: this.bytes,
          ms: Math.round(performance.now() - started),
        });
      },
      (e: unknown) =>
        this.options.log({
          event: 'compact-failed',
          room: this.options.logId,
          error: errorName(e),
        }),
    );
    this.lastWrite = this.lastWrite.then(() => done);
    void done.finally(() => (this.compacting = false));
  }

  /** Past the cap, the document keeps what peers send; reloading from disk lets it go. */
  private scheduleReload(): void {
    if (this.reloadTimer || this.closed) return;
    this.reloadTimer = setTimeout(() => void this.reload(), this.reloadWait);
    this.reloadWait = Math.min(this.reloadWait * 2, MAX_RELOAD_WAIT_MS);
  }

  private async reload(): Promise<void> {
    this.reloadTimer = null;
    await this.lastWrite;
    if (this.closed) return;
    const unstored = this.unstoredBytes;
    this.transport.destroy();
    this.doc.destroy();
    this.load();
    this.options.log({ event: 'room-reloaded', room: this.options.logId, unstoredBytes: unstored });
  }

  /** Renews the claim; about once a minute, says how many writes the room made. */
  private renew(): void {
    this.publishClaim();
    if (++this.renewals % 3 !== 0 || this.writesSinceLog === 0) return;
    this.options.log({
      event: 'room-written',
      room: this.options.logId,
      writes: this.writesSinceLog,
      bytes: this.bytes,
      writers: this.held.map.size,
    });
    this.writesSinceLog = 0;
  }

  /** Logs how many peers the room has (an operator's "is anyone there?"), a second after a change. */
  private peersChanged(count: number): void {
    this.peers = count;
    if (this.peersTimer || this.closed) return;
    this.peersTimer = setTimeout(() => {
      this.peersTimer = null;
      if (this.peers === this.loggedPeers || this.closed) return;
      this.loggedPeers = this.peers;
      this.options.log({ event: 'peers', room: this.options.logId, peers: this.peers });
    }, PEERS_LOG_AFTER_MS);
  }

  private claimSoon(): void {
    if (this.claimTimer || this.closed) return;
    this.claimTimer = setTimeout(() => {
      this.claimTimer = null;
      this.publishClaim();
    }, CLAIM_AFTER_WRITE_MS);
  }

  private publishClaim(): void {
    if (this.closed) return;
    const { relaySeed, room } = this.options;
    const claim = signRelayClaim(relaySeed, room, this.doc.clientID, this.held.map);
    this.transport.setClaim({ [RELAY_CLAIM_FIELD]: claim });
  }
}

/** An error's kind for the log (its message could carry a path). */
const errorName = (e: unknown): string =>
  e instanceof Error ? ((e as { code?: string }).code ?? e.name) : 'unknown';
