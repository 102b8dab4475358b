// The epoch changes during a session: the session moves to the new epoch's room, seals what it
// writes under the new content key, and records it could not open for lack of a key are judged
// again once the key arrives. Real Yjs, real libsodium, a real (fake-IndexedDB) store; only the
// network is a stand-in (fake-rooms.ts).
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle } from '../../src-shared/circle/founding';
import { generateEpochKeys, generateMemberKeys, roomFor } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { deriveKek as deriveKekSync } from '../../src-shared/crypto/vault-key';
import { envelopeEpoch } from '../../src-shared/records/seal';
import { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { inlineOpener } from '../../src-renderer/services/circles/record-opener';
import { CircleStore, type CircleSecrets } from '../../src-renderer/services/storage/circle-store';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { FakeRooms } from '../support/fake-rooms';

let store: CircleStore;
beforeAll(async () => {
  await loadSodium();
  const db = new HearthDb('epochs-' + Math.random().toString(36).slice(2));
  const vault = new Vault(db, (pass, params) => Promise.resolve(deriveKekSync(pass, params)));
  await vault.create('correct horse battery staple', () => {});
  store = new CircleStore(db, vault);
});

const network = { signalingUrls: [], iceServers: [] };

/** Secrets for the founder and for two more devices of people holding the circle's epoch-0 keys. */
function threeHolders(): CircleSecrets[] {
  const circle = foundCircle({ name: 'Epochs', description: '', displayName: 'Ana' });
  return ['ana', 'bo', 'cy'].map((who, i) => ({
    localId: `${who}-${circle.circleId}`,
    circleId: circle.circleId,
    writerId: who,
    keys: i === 0 ? circle.keys : generateMemberKeys(),
    epochs: [circle.epoch],
    genesisSigned: circle.genesisSigned,
    signalingUrls: [],
    displayName: who,
    createdAt: 0,
  }));
}

async function openAll(all: CircleSecrets[], rooms: FakeRooms): Promise<CircleSession[]> {
  return Promise.all(
    all.map(async (secrets) => {
      const s = new CircleSession(secrets, store, network, () => {}, inlineOpener, rooms.open);
      await s.open();
      return s;
    }),
  );
}

/** Lets the network's microtasks and Yjs observers run, then waits for judging and writes. */
const settle = async (...sessions: CircleSession[]) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const s of sessions) await s.persist();
};

const texts = (s: CircleSession) => s.view().messages.map((m) => m.text);

describe('CircleSession epochs', () => {
  it('moves to epoch 1: a session in epoch 1 gets the message, one with epoch 0 only cannot open it until it has the key', async () => {
    const rooms = new FakeRooms();
    const holders = threeHolders();
    const [ana, bo, cy] = await openAll(holders, rooms);
    const room0 = roomFor(holders[0]!.epochs[0]!.roomSecret).name;
    await ana!.sendMessage('in epoch 0');
    await settle(ana!, bo!, cy!);
    expect(texts(bo!)).toEqual(['in epoch 0']);
    expect(texts(cy!)).toEqual(['in epoch 0']);

    const epoch1 = generateEpochKeys(1);
    const room1 = roomFor(epoch1.roomSecret).name;
    ana!.addEpoch(epoch1);
    bo!.addEpoch(epoch1);
    expect(ana!.currentEpoch().epoch).toBe(1);
    expect(ana!.authoring().epoch).toBe(1);
    expect(rooms.roomsOf(ana!.doc)).toEqual([room1]);
    expect(rooms.roomsOf(bo!.doc)).toEqual([room1]);
    expect(rooms.roomsOf(cy!.doc)).toEqual([room0]);
    // The new keys are kept with the circle (a welcome hands out every epoch's keys).
    expect(ana!.secrets.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    await ana!.persist();
    const saved = (await store.loadCircles()).find((s) => s.localId === ana!.localId);
    expect(saved?.epochs.map((e) => e.epoch)).toEqual([0, 1]);

    await ana!.sendMessage('in epoch 1');
    await settle(ana!, bo!, cy!);
    const newest = ana!.log.all().at(-1) as Uint8Array;
    expect(envelopeEpoch(newest)).toBe(1);
    expect(texts(bo!)).toEqual(['in epoch 0', 'in epoch 1']);
    // Cy left in the old room: nothing reaches it there.
    expect(texts(cy!)).toEqual(['in epoch 0']);

    // Even holding the record (a relay, a removed member with the old room secret), epoch-0 keys
    // do not open it: it is held apart, counted as ignored, not shown.
    cy!.log.append([newest]);
    await settle(cy!);
    expect(texts(cy!)).toEqual(['in epoch 0']);
    expect(cy!.view().ignoredRecords).toBe(1);

    // When the key arrives, the held record is judged again and shows.
    cy!.addEpoch(epoch1);
    await settle(cy!);
    expect(texts(cy!)).toEqual(['in epoch 0', 'in epoch 1']);
    expect(cy!.view().ignoredRecords).toBe(0);
    expect(rooms.roomsOf(cy!.doc)).toEqual([room1]);

    await Promise.all([ana!.close(), bo!.close(), cy!.close()]);
    expect(rooms.members(room1)).toHaveLength(0);
  });

  it('a forged record under a known epoch stays rejected when a new key arrives', async () => {
    const rooms = new FakeRooms();
    const [ana] = await openAll(threeHolders().slice(0, 1), rooms);
    await ana!.sendMessage('real');
    await settle(ana!);
    const real = ana!.log.all()[0] as Uint8Array;
    const tampered = real.slice();
    tampered[tampered.length - 1]! ^= 1;
    ana!.log.append([tampered]);
    await settle(ana!);
    expect(ana!.view().ignoredRecords).toBe(1);
    ana!.addEpoch(generateEpochKeys(1));
    await settle(ana!);
    expect(ana!.view().ignoredRecords).toBe(1);
    expect(texts(ana!)).toEqual(['real']);
    await ana!.close();
  });

  it('keys of an epoch it already has change nothing; other keys for it are refused', async () => {
    const rooms = new FakeRooms();
    const holders = threeHolders().slice(0, 1);
    const [ana] = await openAll(holders, rooms);
    const before = rooms.opened.length;
    ana!.addEpoch(holders[0]!.epochs[0]!);
    expect(rooms.opened).toHaveLength(before);
    expect(() => ana!.addEpoch(generateEpochKeys(0))).toThrow(/already has other keys/);
    expect(ana!.currentEpoch()).toBe(holders[0]!.epochs[0]);
    await ana!.close();
  });
});
