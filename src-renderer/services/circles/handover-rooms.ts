// How a member who was offline during a key rotation finds its way to the new room
// (docs/ARCHITECTURE.md "Epochs"). Everyone else has moved on to the new epoch's room; the member
// coming back knows only the old one. So each member also sits in a small handover room for each
// of the last HANDOVER_EPOCHS epochs it holds keys of, whose document carries the circle's sealed
// membership records of that epoch and earlier: there the member coming back finds the rekey
// with its lockbox (and what the rekey names), opens it, and follows. A handover room is derived
// from its epoch's room secret, so a member removed at that epoch can join it too, and finds
// only records it could already open; nothing sealed under a later epoch is put there.
import * as Y from 'yjs';
import type { EpochKeys } from '../../../src-shared/crypto/keys';
import { roomFor } from '../../../src-shared/crypto/keys';
import { sodium } from '../../../src-shared/crypto/sodium';
import { envelopeEpoch } from '../../../src-shared/records/seal';
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

export class HandoverRooms {
  private readonly rooms = new Map<string, Handover>();

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
    for (const keys of newest) {
      const { name, password } = roomFor(handoverSecret(keys));
      wanted.add(name);
      const handover = this.rooms.get(name) ?? this.open(name, password, keys.epoch);
      handover.doc.transact(() => {
        for (const [key, sealed] of membership) {
          const epoch = envelopeEpoch(sealed);
          if (epoch !== null && epoch <= handover.epoch && !handover.records.has(key))
            handover.records.set(key, sealed);
        }
      });
    }
    for (const [name, handover] of this.rooms) if (!wanted.has(name)) this.close(name, handover);
  }

  destroy(): void {
    for (const [name, handover] of this.rooms) this.close(name, handover);
  }

  private open(name: string, password: string, epoch: number): Handover {
    const doc = new Y.Doc();
    const records = doc.getMap<Uint8Array>('records');
    records.observe((event, tx) => {
      if (tx.local) return;
      const items: Uint8Array[] = [];
      for (const key of event.keysChanged as Set<string>) {
        const item = records.get(key);
        if (item instanceof Uint8Array) items.push(item);
      }
      if (items.length > 0) this.onRecords(items);
    });
    const { signalingUrls, iceServers } = this.settings();
    const room = this.openRoom({ name, password, doc, signalingUrls, iceServers }, () => {});
    const handover: Handover = { epoch, doc, records, room };
    this.rooms.set(name, handover);
    return handover;
  }

  private close(name: string, handover: Handover): void {
    handover.room.destroy();
    handover.doc.destroy();
    this.rooms.delete(name);
  }
}
