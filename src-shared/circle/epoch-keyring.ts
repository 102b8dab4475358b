// The keys of every epoch this member knows, and which epoch it writes in now
// (docs/ARCHITECTURE.md "Epochs"). Records of any known epoch can be opened; new records are
// sealed under the current one, and the room is the current epoch's. The current epoch moves
// forward during a session when a newer epoch's keys arrive (a rekey, issue 15).
import { bytesEqual } from '../bytes';
import type { EpochKeys } from '../crypto/keys';

/** What adding an epoch's keys did. */
export type EpochAdded = 'current' | 'older' | 'known';

export class EpochKeyring {
  private readonly byEpoch = new Map<number, EpochKeys>();
  private currentKeys: EpochKeys;
  /** The content keys as an open job carries them; the same array until a key is added. */
  private contentKeyList: [number, Uint8Array][] = [];

  /** Holds `epochs` (at least one); the newest is current. */
  constructor(epochs: readonly EpochKeys[]) {
    if (epochs.length === 0) throw new RangeError('a circle has the keys of at least one epoch');
    this.currentKeys = epochs[0]!;
    for (const keys of epochs) this.add(keys);
  }

  /** The epoch new records are sealed in and whose room this member joins. */
  get current(): EpochKeys {
    return this.currentKeys;
  }

  /** True when records of `epoch` can be opened here. */
  has(epoch: number): boolean {
    return this.byEpoch.has(epoch);
  }

  /** Every known epoch's keys, oldest first (what a welcome hands a newcomer). */
  all(): EpochKeys[] {
    return [...this.byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  }

  /** Content keys by epoch, in the form an open job takes; a new array only after `add` (never changed in place). */
  get contentKeys(): [number, Uint8Array][] {
    return this.contentKeyList;
  }

  /**
   * Adds an epoch's keys. A newer epoch than the current one becomes current; an older one is
   * kept for reading. The same keys again change nothing; other keys for a known epoch throw,
   * since which of two rekeys wins is for the rekey rules to decide, not for arrival order.
   */
  add(keys: EpochKeys): EpochAdded {
    const known = this.byEpoch.get(keys.epoch);
    if (known) {
      if (
        bytesEqual(known.contentKey, keys.contentKey) &&
        bytesEqual(known.roomSecret, keys.roomSecret)
      )
        return 'known';
      throw new RangeError(`epoch ${keys.epoch} already has other keys`);
    }
    this.byEpoch.set(keys.epoch, keys);
    this.contentKeyList = [...this.contentKeyList, [keys.epoch, keys.contentKey]];
    if (this.byEpoch.size === 1 || keys.epoch > this.currentKeys.epoch) {
      this.currentKeys = keys;
      return 'current';
    }
    return 'older';
  }
}
