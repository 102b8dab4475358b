// The keys of every epoch this member holds, and which it writes in now (docs/ARCHITECTURE.md
// "Epochs"). Records of any held epoch can be opened; new records are sealed under the current
// keys, and the room is the current epoch's. An epoch can have two sets of keys when two
// facilitators rekeyed at once: both open records, and the ledger's winner is the one written in
// (the session calls `choose`).
import { bytesEqual } from '../bytes';
import type { EpochKeys } from '../crypto/keys';

/** What adding an epoch's keys did. */
export type EpochAdded = 'current' | 'older' | 'known';

const same = (a: EpochKeys, b: EpochKeys): boolean =>
  a.epoch === b.epoch &&
  bytesEqual(a.contentKey, b.contentKey) &&
  bytesEqual(a.roomSecret, b.roomSecret);

export class EpochKeyring {
  private readonly held: EpochKeys[] = [];
  private currentKeys: EpochKeys;
  /** The content keys as an open job carries them; the same array until a key is added. */
  private contentKeyList: [number, Uint8Array][] = [];

  /** Holds `epochs` (at least one); the newest is current. */
  constructor(epochs: readonly EpochKeys[]) {
    if (epochs.length === 0) throw new RangeError('a circle has the keys of at least one epoch');
    this.currentKeys = epochs[0]!;
    for (const keys of epochs) this.add(keys);
  }

  /** The keys new records are sealed with, and whose room this member joins. */
  get current(): EpochKeys {
    return this.currentKeys;
  }

  /** True when records of `epoch` can be opened here. */
  has(epoch: number): boolean {
    return this.held.some((k) => k.epoch === epoch);
  }

  /** The keys held for `epoch` (two after concurrent rekeys). */
  keysOf(epoch: number): EpochKeys[] {
    return this.held.filter((k) => k.epoch === epoch);
  }

  /** Every held key, oldest epoch first (what a welcome hands a newcomer). */
  all(): EpochKeys[] {
    return [...this.held].sort((a, b) => a.epoch - b.epoch);
  }

  /** Content keys by epoch, in the form an open job takes; a new array only after `add`. */
  get contentKeys(): [number, Uint8Array][] {
    return this.contentKeyList;
  }

  /** Adds keys. Keys of a newer epoch than the current one become current. */
  add(keys: EpochKeys): EpochAdded {
    if (this.held.some((k) => same(k, keys))) return 'known';
    this.held.push(keys);
    this.contentKeyList = [...this.contentKeyList, [keys.epoch, keys.contentKey]];
    if (this.held.length === 1 || keys.epoch > this.currentKeys.epoch) {
      this.currentKeys = keys;
      return 'current';
    }
    return 'older';
  }

  /** Makes held `keys` the current ones (the ledger's winner); false if they are not held. */
  choose(keys: EpochKeys): boolean {
    const held = this.held.find((k) => same(k, keys));
    if (!held) return false;
    this.currentKeys = held;
    return true;
  }
}
