// How a member who was offline during a key rotation finds its way to the new room
// (docs/ARCHITECTURE.md "Epochs"). Everyone else has moved on to the new epoch's room; the member
// coming back knows only the old one. So each member also sits in a small handover room for each
// of the last HANDOVER_EPOCHS epochs it holds keys of, whose document carries the circle's sealed
// membership records of that epoch and earlier: there the member coming back finds the rekey
// with its lockbox (and what the rekey names), opens it, and follows. A handover room is derived
// from its epoch's room secret, so a member removed at that epoch can join it too, and finds
// only records it could already open; nothing sealed under a later epoch is put there.
import { HANDOVER_SHAPE } from '../../../src-shared/circle/doc-shapes';
import * as Y from 'yjs';
import type { EpochKeys } from '../../../src-shared/crypto/keys';
import { roomFor } from '../../../src-shared/crypto/keys';
import { sodium } from '../../../src-shared/crypto/sodium';
import { envelopeEpoch, envelopeKey } from '../../../src-shared/records/seal';
import type { NetworkSettings, OpenRoom, RoomLike } from './room-connection';

/** Epochs whose handover rooms a member keeps: a member offline across more rotations needs a new invite. */
export const HANDOVER_EPOCHS = 4;

interface Handover {
  epoch: number;
  doc: Y.Doc;
  records: Y.Map<Uint8Array>;
  room: RoomLike;
}

/** The handover room's secret: its own derivation of the epoch's room secret. */
const handoverSecret = (keys: EpochKeys): Uint8Array =>
  sodium().crypto_kdf_derive_from_key(32, 3, 'hrthhand', keys.roomSecret);

/**
 * Whether the room's entry under `key` is the envelope it names. Anyone in the room can write
 * any entry, so one that is missing, not bytes, or other bytes than the key's (junk written over
 * a rekey by a member removed at this epoch) is written again: members offline during the
 * rotation must still find the real one.
 */
function holds(records: Y.Map<Uint8Array>, key: string): boolean {
  const stored: unknown = records.get(key);
  return stored instanceof Uint8Array && envelopeKey(stored) === key;
}

export class HandoverRooms {
  private readonly rooms = new Map<string, Handover>();
  /** The membership envelopes last handed to update, to put back what a peer overwrites. */
  private membership: ReadonlyMap<string, Uint8Array> = new Map();

  constructor(
    private readonly openRoom: OpenRoom,
    private readonly settings: () => NetworkSettings,
    /** Sealed records found in a handover room: judged like any from a peer. */
    private readonly onRecords: (items: Uint8Array[]) => void,
  ) {}

  /**
   * Sits in the handover rooms of the newest epochs held, and puts in each the membership records
   * (envelope key -> sealed) sealed under that epoch or earlier.
   */
  update(held: readonly EpochKeys[], membership: ReadonlyMap<string, Uint8Array>): void {
    const newest = [...held].sort((a, b) => b.epoch - a.epoch).slice(0, HANDOVER_EPOCHS);
    const wanted = new Set<string>();
    this.membership = membership;
    for (const keys of newest) {
      const { name, password } = roomFor(handoverSecret(keys));
      wanted.add(name);
      const handover = this.rooms.get(name) ?? this.open(name, password, keys.epoch);
      this.fill(handover, membership.keys());
    }
    for (const [name, handover] of this.rooms) if (!wanted.has(name)) this.close(name, handover);
  }

  destroy(): void {
    for (const [name, handover] of this.rooms) this.close(name, handover);
  }

  /** Writes each of `keys` we hold an envelope of, sealed under the room's epoch or earlier, that the room does not hold as it is. */
  private fill(handover: Handover, keys: Iterable<string>): void {
    handover.doc.transact(() => {
      for (const key of keys) {
        const sealed = this.membership.get(key);
        const epoch = sealed ? envelopeEpoch(sealed) : null;
        if (sealed && epoch !== null && epoch <= handover.epoch && !holds(handover.records, key))
          handover.records.set(key, sealed);
      }
    });
  }

  private open(name: string, password: string, epoch: number): Handover {
    const doc = new Y.Doc();
    const records = doc.getMap<Uint8Array>('records');
    const { signalingUrls, iceServers } = this.settings();
    const room = this.openRoom(
      { name, password, doc, shape: HANDOVER_SHAPE, signalingUrls, iceServers },
      () => {},
    );
    const handover: Handover = { epoch, doc, records, room };
    records.observe((event, tx) => {
      if (tx.local) return;
      const changed = event.keysChanged as Set<string>;
      const items: Uint8Array[] = [];
      for (const key of changed) {
        const item = records.get(key);
        if (item instanceof Uint8Array) items.push(item);
      }
      // What a peer deleted or overwrote among ours is put back at once, not at our next change.
      this.fill(handover, changed);
      if (items.length > 0) this.onRecords(items);
    });
    this.rooms.set(name, handover);
    return handover;
  }

  private close(name: string, handover: Handover): void {
    handover.room.destroy();
    handover.doc.destroy();
    this.rooms.delete(name);
  }
}
