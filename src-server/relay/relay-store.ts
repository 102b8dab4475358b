// The blind relay's disk: one LMDB environment (a crash-safe copy-on-write B-tree) holding the
// relay codes it was given and, per room, an append-only list of the Yjs updates it received,
// under keys that sort by a sequence number. A compaction replaces the list's head with one merged
// row in one transaction, so a restart reads a few rows, never thousands. Nothing else is kept:
// the updates hold only sealed records, which the relay cannot open.
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import * as Y from 'yjs';

/** A code as kept: the token a facilitator made, and the number the logs call its room by. */
export interface StoredCode {
  token: string;
  /** Stands for the room in log lines, which never name a room. */
  logId: number;
}

/** One room's stored list, as read at start. */
export interface StoredRoom {
  updates: Uint8Array[];
  /** Bytes the list takes (the sum of its rows). */
  bytes: number;
  /** The sequence number the next row gets. */
  nextSeq: number;
}

type RowKey = [string, number];

/** How often a writer of codes is told about changes: see `codesVersion`. */
const CODES_VERSION_KEY = '#version';

export class RelayStore {
  private readonly root: RootDatabase;
  private readonly codes: Database<StoredCode | number, string>;
  private readonly rows: Database<Buffer, RowKey>;

  private constructor(readonly dir: string) {
    // Created readable by this user only: the codes hold room secrets and the relay's seed.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const umask = process.umask(0o077);
    try {
      this.root = open({ path: dir, maxDbs: 4 });
    } finally {
      process.umask(umask);
    }
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), 0o600);
    this.codes = this.root.openDB<StoredCode | number, string>({ name: 'codes' });
    this.rows = this.root.openDB<Buffer, RowKey>({ name: 'updates', encoding: 'binary' });
  }

  /** Opens (or creates) the store in `dir`; several processes may hold it open at once. */
  static open(dir: string): RelayStore {
    return new RelayStore(dir);
  }

  /** The codes kept, by room name. Reads what other processes have committed too. */
  listCodes(): Map<string, StoredCode> {
    // lmdb-js keeps one read snapshot until the next turn of the event loop; what another
    // process (or handle) committed just now would not show in it.
    this.root.resetReadTxn();
    const out = new Map<string, StoredCode>();
    for (const { key, value } of this.codes.getRange({}))
      if (key !== CODES_VERSION_KEY && typeof value === 'object') out.set(key, value);
    return out;
  }

  /** A number that changes whenever a code is added or removed, by any process. */
  codesVersion(): number {
    this.root.resetReadTxn(); // as in listCodes
    const v = this.codes.get(CODES_VERSION_KEY);
    return typeof v === 'number' ? v : 0;
  }

  /** Keeps `token` for `room` (replacing a code for the same room); durable once resolved. */
  async putCode(room: string, token: string): Promise<void> {
    await this.codes.transaction(() => {
      const known = this.codes.get(room);
      const logId = typeof known === 'object' ? known.logId : Math.max(0, ...this.logIds()) + 1;
      this.codes.putSync(room, { token, logId });
      this.codes.putSync(CODES_VERSION_KEY, this.codesVersion() + 1);
    });
    await this.root.flushed;
  }

  /**
   * Forgets `room`'s code and every update kept for it, in one transaction; durable once
   * resolved. Returns whether there was a code.
   */
  async removeCode(room: string): Promise<boolean> {
    const had = await this.codes.transaction(() => {
      const known = this.codes.get(room) !== undefined;
      this.codes.removeSync(room);
      for (const key of [...this.rows.getKeys(rangeOf(room))]) this.rows.removeSync(key);
      if (known) this.codes.putSync(CODES_VERSION_KEY, this.codesVersion() + 1);
      return known;
    });
    await this.root.flushed;
    return had;
  }

  /**
   * Forgets the updates of `room` if it has no code (any more): a relay still in a room as its
   * code is removed may write a last row after removeCode. Durable once resolved.
   */
  async forgetRows(room: string): Promise<void> {
    await this.codes.transaction(() => {
      if (this.codes.get(room) !== undefined) return;
      for (const key of [...this.rows.getKeys(rangeOf(room))]) this.rows.removeSync(key);
    });
    await this.root.flushed;
  }

  /** `room`'s stored updates, oldest first. */
  loadRoom(room: string): StoredRoom {
    const updates: Uint8Array[] = [];
    let bytes = 0;
    let nextSeq = 0;
    for (const { key, value } of this.rows.getRange(rangeOf(room))) {
      updates.push(new Uint8Array(value));
      bytes += value.length;
      nextSeq = key[1] + 1;
    }
    return { updates, bytes, nextSeq };
  }

  /**
   * Appends `update` as row `seq` of `room`. Resolves once the row is committed and flushed to
   * disk (writes of one event turn share one commit and one fsync).
   */
  async append(room: string, seq: number, update: Uint8Array): Promise<void> {
    await this.rows.put([room, seq], Buffer.from(update.buffer, update.byteOffset, update.length));
    await this.root.flushed;
  }

  /**
   * Replaces `room`'s rows up to `uptoSeq` with one row, the document they make, in one transaction;
   * rows after `uptoSeq` are left as they are. Returns the bytes the rows take now. Rows up to
   * `uptoSeq` must be committed and unchanging (the caller writes each room's rows in order).
   * Resolves, once durable, with how many bytes the room's rows grew by (negative: shrank).
   */
  async compact(room: string, uptoSeq: number): Promise<number> {
    const head: Uint8Array[] = [];
    const keys: RowKey[] = [];
    let headBytes = 0;
    for (const { key, value } of this.rows.getRange({
      ...rangeOf(room),
      end: [room, uptoSeq + 1],
    })) {
      head.push(new Uint8Array(value));
      keys.push(key);
      headBytes += value.length;
    }
    if (head.length < 2) return 0;
    const merged = stateOf(head);
    await this.rows.transaction(() => {
      for (const key of keys) this.rows.removeSync(key);
      this.rows.putSync([room, uptoSeq], Buffer.from(merged));
    });
    await this.root.flushed;
    return merged.length - headBytes;
  }

  /** Closes the environment (after pending writes are committed). */
  async close(): Promise<void> {
    await this.root.close();
  }

  private *logIds(): Iterable<number> {
    for (const code of this.listCodes().values()) yield code.logId;
  }
}

/** The updates as one `Y.encodeStateAsUpdate` row: what a document holding them all would send. */
function stateOf(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(updates));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const rangeOf = (room: string) => ({
  start: [room, 0] as RowKey,
  end: [room, Number.MAX_SAFE_INTEGER] as RowKey,
});
