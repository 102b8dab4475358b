// Handover rooms as a member removed at their epoch would attack them (handover-rooms.ts): he
// sits in the room too and can write any entry, so what he deletes or overwrites must be put
// back, at once, for members offline during the rotation to follow.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { foundCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { envelopeKey, sealRecord } from '../../src-shared/records/seal';
import { HandoverRooms } from '../../src-renderer/services/circles/handover-rooms';
import type { OpenRoom, RoomLike } from '../../src-renderer/services/circles/room-connection';
import { SimMember } from '../support/circle-sim';

beforeAll(loadSodium);

/** A handover room holding F's rekey and its invite, and what an intruder in it can do. */
function handover() {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'F' });
  const f = new SimMember(c.keys, c.genesis);
  const seal = (r: Parameters<typeof sealRecord>[0]) =>
    sealRecord(r, f.keys.signSecretKey, c.epoch.contentKey);
  const [invite, rekey] = [seal(f.invite()), seal(f.rekey())];
  const docs: Y.Doc[] = [];
  const openRoom: OpenRoom = (options) => {
    docs.push(options.doc);
    return { peerCount: 1, signalingReachable: true, destroy: () => {} } as unknown as RoomLike;
  };
  const received: Uint8Array[][] = [];
  const rooms = new HandoverRooms(
    openRoom,
    () => ({ signalingUrls: [], iceServers: [] }),
    (items) => received.push(items),
  );
  const membership = new Map([invite, rekey].map((s) => [envelopeKey(s)!, s] as const));
  rooms.update([c.epoch], membership);
  const records = docs[0]!.getMap<unknown>('records');
  /** A change made by a peer in the room, arriving as a remote update. */
  const remotely = (change: (theirs: Y.Map<unknown>) => void) => {
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(docs[0]!));
    change(theirs.getMap<unknown>('records'));
    Y.applyUpdate(docs[0]!, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(docs[0]!)));
  };
  return { rooms, records, remotely, rekey, invite, received, key: envelopeKey(rekey)! };
}

describe('a handover room under attack', () => {
  it('junk, a string, another real envelope or a deletion over the rekey is put back at once', () => {
    const { rooms, records, remotely, rekey, invite, key } = handover();
    for (const junk of [new Uint8Array([1, 2, 3]), 'rekey', invite, null]) {
      remotely((r) => (junk === null ? r.delete(key) : r.set(key, junk)));
      expect(records.get(key), String(junk)).toEqual(rekey);
    }
    rooms.destroy();
  });

  it('an entry of its own under its own key is left alone, and handed on to be judged', () => {
    const { rooms, records, remotely, received, rekey, invite } = handover();
    const fresh = new Uint8Array(rekey.length).fill(9);
    remotely((r) => r.set('not-an-envelope-key', fresh));
    expect(records.get('not-an-envelope-key')).toEqual(fresh);
    expect(records.size).toBe(3);
    expect(received.flat()).toContainEqual(fresh);
    expect([...records.values()]).toEqual(expect.arrayContaining([rekey, invite]));
    rooms.destroy();
  });
});
