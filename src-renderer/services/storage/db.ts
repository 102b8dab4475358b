// IndexedDB through Dexie. Every value column (`enc`, `value`) is encrypted with the vault key
// before it is written, except the wrapped vault key itself; only ids and sequence numbers are
// in the clear (docs/ARCHITECTURE.md "Local storage").
import Dexie, { type Table } from 'dexie';
import type { WrappedVaultKey } from '../../../src-shared/crypto/vault-key';

export type MetaRow =
  | { key: 'vault'; value: WrappedVaultKey }
  /** The vault key wrapped by the OS keychain (Electron safeStorage), if the user turned that on. */
  | { key: 'keychain'; value: KeychainRow };

export interface KeychainRow {
  /** safeStorage's ciphertext: only this user's OS login can open it. */
  wrapped: Uint8Array;
  /** The keychain backend that wrapped it; unwrapping under another one is refused. */
  backend: string;
  /** A known value sealed with the vault key, so a wrong key is caught before it is used. */
  check: Uint8Array;
}

/** An encrypted row keyed by a random local id. */
export interface SealedRow {
  id: string;
  enc: Uint8Array;
}

/** An encrypted entry of an append-only per-circle log (Yjs updates, judged records). */
export interface SealedLogRow {
  seq?: number;
  circle: string;
  enc: Uint8Array;
}

/** An encrypted row keyed by a fixed name (journal preferences; the network's ICE settings). */
export interface SealedKeyRow {
  key: string;
  enc: Uint8Array;
}

export class HearthDb extends Dexie {
  meta!: Table<MetaRow, string>;
  circles!: Table<SealedRow, string>;
  updates!: Table<SealedLogRow, number>;
  records!: Table<SealedLogRow, number>;
  joins!: Table<SealedRow, string>;
  /** Journal entries, one sealed row per entry; never synced (services/journal). */
  journal!: Table<SealedRow, string>;
  /** Sealed rows by name: the journal's ('reminder') and the network's ('network:ice'). */
  journalPrefs!: Table<SealedKeyRow, string>;
  /** Well-being questionnaire results, one sealed row each; never synced (services/journal). */
  measures!: Table<SealedRow, string>;

  constructor(name = 'hearth') {
    super(name);
    this.version(1).stores({
      meta: 'key',
      circles: 'id',
      updates: '++seq, circle',
      records: '++seq, circle',
      joins: 'id',
    });
    // Additive: the journal's tables. Older versions' data is untouched.
    this.version(2).stores({ journal: 'id', journalPrefs: 'key' });
    // Additive: questionnaire results beside the journal. Earlier tables are untouched.
    this.version(3).stores({ measures: 'id' });
  }
}
