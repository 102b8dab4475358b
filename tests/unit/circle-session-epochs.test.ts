// Epochs as they really change during a session (issue 15, "Epochs"): a facilitator's rekey moves
// every member who gets a lockbox to the new room and keys; records sealed under an epoch whose
// key arrives later are judged again then; a forged record stays rejected; a rekey by someone
// without the role moves nobody. Real Yjs, real libsodium, a real (fake-IndexedDB) store; only
// the network is a stand-in (fake-rooms.ts).
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftInvite, foundCircle } from '../../src-shared/circle/founding';
import { generateMemberKeys, roomFor, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { quickDeriveKek } from '../support/quick-kdf';
import { envelopeEpoch } from '../../src-shared/records/seal';
import { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { inlineOpener } from '../../src-renderer/services/circles/record-opener';
import { CircleStore, type CircleSecrets } from '../../src-renderer/services/storage/circle-store';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { remotePeer } from '../support/circle-services';
import { admitBodyFor } from '../support/circle-sim';
import { waitFor } from '../support/devices';
import { FakeRooms } from '../support/fake-rooms';

let store: CircleStore;
beforeAll(async () => {
  await loadSodium();
  const db = new HearthDb('epochs-' + Math.random().toString(36).slice(2));
  const vault = new Vault(db, quickDeriveKek);
  await vault.create('correct horse battery staple', () => {});
  store = new CircleStore(db, vault);
});

const network = { signalingUrls: [], iceServers: [] };
const texts = (s: CircleSession) => s.view().messages.map((m) => m.text);
const epochOf = (s: CircleSession) => s.currentEpoch().epoch;
const roomOf = (s: CircleSession) => roomFor(s.currentEpoch().roomSecret).name;

/** Lets the network's microtasks and Yjs observers run, then waits for judging and writes. */
const settle = async (...sessions: CircleSession[]) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const s of sessions) await s.persist();
};

/**
 * Ana's circle, with Bo and Cy admitted by her (each with their own signed knock), and Eve, who
 * holds the epoch-0 keys (a leak) but was never let in. Each opens a session of its own, on
 * `rooms` unless told; Cy may be put on a network of its own, to be handed records one by one.
 */
async function circleOfFour(rooms: FakeRooms, cyRooms = rooms) {
  const circle = foundCircle({ name: 'Epochs', description: '', displayName: 'Ana' });
  const open = async (who: string, keys: MemberKeys, on = rooms) => {
    const secrets: CircleSecrets = {
      localId: `${who}-${circle.circleId}`,
      circleId: circle.circleId,
      writerId: who,
      keys,
      epochs: [circle.epoch],
      genesisSigned: circle.genesisSigned,
      signalingUrls: [],
      displayName: who,
      createdAt: 0,
    };
    const s = new CircleSession(secrets, store, network, () => {}, inlineOpener, on.open);
    await s.open();
    return s;
  };
  const ana = await open('ana', circle.keys);
  const [boKeys, cyKeys] = [generateMemberKeys(), generateMemberKeys()];
  const invite = draftInvite({ expiresAt: null, maxUses: null, approval: 'auto' }).body;
  ana.append(ana.draft('invite', invite));
  ana.append(ana.draft('admit', admitBodyFor(boKeys, 'Bo', invite.inviteId)));
  ana.append(ana.draft('admit', admitBodyFor(cyKeys, 'Cy', invite.inviteId)));
  await ana.sendMessage('in epoch 0');
  const bo = await open('bo', boKeys);
  const cy = await open('cy', cyKeys, cyRooms);
  const eve = await open('eve', generateMemberKeys());
  const all = [ana, bo, cy, eve];
  await settle(...all);
  return { ana, bo, cy, eve, all };
}

const closeAll = (sessions: CircleSession[]) => Promise.all(sessions.map((s) => s.close()));

describe('CircleSession epochs', () => {
  it("a facilitator's rekey moves every member with a lockbox to the new keys; someone holding only the old keys reads nothing new", async () => {
    const rooms = new FakeRooms();
    const { ana, bo, cy, eve, all } = await circleOfFour(rooms);
    const room0 = roomOf(ana);
    expect(texts(bo)).toEqual(['in epoch 0']);
    expect(texts(eve)).toEqual(['in epoch 0']); // the leak: epoch 0 is readable to her
    expect([...ana.ledger.members.keys()]).toEqual([ana.myKey, bo.myKey, cy.myKey]);

    ana.rekey();
    await waitFor(() => [bo, cy].every((s) => epochOf(s) === 1), 'members follow the rekey');
    await settle(...all);
    expect(roomOf(ana)).not.toBe(room0);
    for (const s of [ana, bo, cy]) {
      expect(epochOf(s)).toBe(1);
      expect(s.authoring().epoch).toBe(1);
      expect(s.currentEpoch()).toEqual(ana.currentEpoch());
      // The new keys are kept with the circle (a welcome hands out every epoch's keys).
      expect(s.secrets.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    }
    const saved = (await store.loadCircles()).find((s) => s.localId === bo.localId);
    expect(saved?.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    // Eve opened the rekey (it is sealed under epoch 0) but it holds no lockbox for her.
    expect(eve.ledger.epochs).toHaveLength(1);
    expect(epochOf(eve)).toBe(0);
    expect(rooms.roomsOf(eve.doc)).toEqual([room0]);

    await bo.sendMessage('in epoch 1');
    await settle(...all);
    const newest = bo.log.all().at(-1) as Uint8Array;
    expect(envelopeEpoch(newest)).toBe(1);
    expect(texts(ana)).toEqual(['in epoch 0', 'in epoch 1']);
    expect(texts(cy)).toEqual(['in epoch 0', 'in epoch 1']);
    // Even handed the record (a relay), Eve cannot open it: it is held apart, counted as
    // ignored, never shown.
    remotePeer(eve, 'relay').log.append([newest]);
    await settle(eve);
    expect(texts(eve)).toEqual(['in epoch 0']);
    expect(eve.view().ignoredRecords).toBe(1);
    await closeAll(all);
  });

  it('members who follow a rekey meet in the new epoch room, and leave the old one to those without a lockbox', async () => {
    const rooms = new FakeRooms();
    const { ana, bo, cy, eve, all } = await circleOfFour(rooms);
    const room0 = roomOf(ana);
    ana.rekey();
    await waitFor(() => [bo, cy].every((s) => epochOf(s) === 1), 'members follow the rekey');
    await settle(...all);
    const room1 = roomOf(ana);
    for (const s of [ana, bo, cy]) expect(rooms.roomsOf(s.doc)).toEqual([room1]);
    expect(rooms.roomsOf(eve.doc)).toEqual([room0]);
    // What is written now never reaches the old room, not even as bytes nobody there can open.
    await bo.sendMessage('in epoch 1');
    await settle(...all);
    expect(eve.log.all()).toHaveLength(ana.log.all().length - 1);
    expect(eve.view().ignoredRecords).toBe(0);
    await closeAll(all);
    expect(rooms.members(room1)).toHaveLength(0);
  });

  it('records sealed under an epoch whose key arrives later are judged again then', async () => {
    const rooms = new FakeRooms();
    // Cy was away during the rekey: a network of its own, handed records in the worst order.
    const { ana, cy, all } = await circleOfFour(rooms, new FakeRooms());
    expect(texts(cy)).toEqual([]);
    ana.rekey();
    await ana.sendMessage('in epoch 1');
    await settle(ana);
    const items = ana.log.all() as Uint8Array[];
    const later = items.filter((item) => envelopeEpoch(item) === 1);
    expect(later).toHaveLength(1);

    const relay = remotePeer(cy, 'relay');
    relay.log.append(later);
    await settle(cy);
    expect(texts(cy)).toEqual([]);
    expect(cy.view().ignoredRecords).toBe(1);
    expect(epochOf(cy)).toBe(0);

    // The rest, the rekey with Cy's lockbox among it: the held record opens, and Cy moves on.
    relay.log.append(items.filter((item) => envelopeEpoch(item) === 0));
    await waitFor(() => texts(cy).length === 2, 'held record judged again');
    await settle(cy);
    expect(texts(cy)).toEqual(['in epoch 0', 'in epoch 1']);
    expect(cy.view().ignoredRecords).toBe(0);
    expect(cy.currentEpoch()).toEqual(ana.currentEpoch());
    await closeAll(all);
  });

  it('a forged record stays rejected when a new key arrives, and one claiming the new epoch is judged and rejected then', async () => {
    const rooms = new FakeRooms();
    const { ana, all } = await circleOfFour(rooms);
    const real = ana.log.all().at(-1) as Uint8Array;
    const tampered = real.slice();
    tampered[tampered.length - 1]! ^= 1;
    // A well-formed envelope header (version 1, epoch 1) over bytes no key opens.
    const madeUp = new Uint8Array(real.length);
    madeUp[0] = 1;
    new DataView(madeUp.buffer).setUint32(1, 1);
    madeUp.fill(7, 5);
    remotePeer(ana, 'mallory').log.append([tampered, madeUp]);
    await settle(ana);
    expect(ana.view().ignoredRecords).toBe(2);

    ana.rekey();
    await settle(...all);
    expect(epochOf(ana)).toBe(1);
    expect(ana.view().ignoredRecords).toBe(2);
    expect(texts(ana)).toEqual(['in epoch 0']);
    await closeAll(all);
  });

  it('attack: a rekey by a member without the role moves nobody', async () => {
    const rooms = new FakeRooms();
    const { ana, bo, cy, all } = await circleOfFour(rooms);
    const room0 = roomOf(ana);
    bo.rekey();
    await settle(...all);
    for (const s of [ana, bo, cy]) {
      expect(s.ledger.epochs).toHaveLength(0);
      expect(epochOf(s)).toBe(0);
      expect(rooms.roomsOf(s.doc)).toEqual([room0]);
    }
    // What Bo writes next is still sealed under epoch 0, and everyone reads it.
    await bo.sendMessage('still epoch 0');
    await settle(...all);
    expect(envelopeEpoch(bo.log.all().at(-1) as Uint8Array)).toBe(0);
    expect(texts(cy)).toEqual(['in epoch 0', 'still epoch 0']);
    await closeAll(all);
  });
});
