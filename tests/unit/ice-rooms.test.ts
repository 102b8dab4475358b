// Every room the app opens (a circle's room, its handover rooms, the lobbies it answers, a join's
// lobby) uses the person's ICE servers and, with "Hide my IP" on, relay-only ICE, whatever path
// opened it; a change applies to rooms opened afterwards. Two devices on the stand-in network.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { CIRCLE_LOG_SHAPE, HANDOVER_SHAPE, LOBBY_SHAPE } from '../../src-shared/circle/doc-shapes';
import { Circles } from '../../src-renderer/services/circles/circles';
import { inlineOpener } from '../../src-renderer/services/circles/record-opener';
import type {
  NetworkSettings,
  OpenRoom,
} from '../../src-renderer/services/circles/room-connection';
import { IceSettings } from '../../src-renderer/services/network/ice-settings';
import type { RoomOptions } from '../../src-renderer/services/sync/room';
import { CircleStore } from '../../src-renderer/services/storage/circle-store';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { waitFor } from '../support/devices';
import { FakeRooms } from '../support/fake-rooms';
import { quickDeriveKek } from '../support/quick-kdf';

beforeAll(loadSodium);

const TURN = { url: 'turn:127.0.0.1:3478', username: 'ana', credential: 'harbour-lantern' };
const RELAYED = [{ urls: TURN.url, username: 'ana', credential: 'harbour-lantern' }];

/** One device whose every opened room's options are kept, with its ICE settings unlocked. */
async function device(name: string, rooms: FakeRooms) {
  const db = new HearthDb(`${name}-${Math.random().toString(36).slice(2)}`);
  const vault = new Vault(db, quickDeriveKek);
  await vault.create('correct horse battery staple', () => {});
  const network: NetworkSettings = { signalingUrls: [], iceServers: [] };
  const ice = new IceSettings(db, vault, network, () => {});
  await ice.load();
  const opened: RoomOptions[] = [];
  const open: OpenRoom = (options, onChange) => {
    opened.push(options);
    return rooms.open(options, onChange);
  };
  const circles = new Circles(new CircleStore(db, vault), network, inlineOpener, open);
  return { circles, ice, opened };
}

describe('ICE settings in every room', () => {
  it('circle, handover, lobby and join rooms all go relay-only while hiding is on', async () => {
    const rooms = new FakeRooms();
    const ana = await device('ana', rooms);
    const bo = await device('bo', rooms);
    for (const { ice } of [ana, bo]) {
      await ice.add(TURN);
      await ice.setHideIp(true);
    }
    const id = await ana.circles.createCircle({
      name: 'Tuesday',
      description: '',
      displayName: 'Ana',
    });
    const { token } = await ana.circles.createInvite(id);
    const joined = bo.circles.join(token, 'Bo');
    if (!joined.ok) throw new Error(joined.message);
    await waitFor(() => (ana.circles.circleView(id)?.knocks.length ?? 0) > 0, 'knock queued');
    await ana.circles.approveKnock(id, ana.circles.circleView(id)!.knocks[0]!.requestId);
    await waitFor(() => bo.circles.circles().length === 1, 'Bo let in');

    const all = [...ana.opened, ...bo.opened];
    // Each kind of room was opened, by both paths that open them.
    for (const shape of [CIRCLE_LOG_SHAPE, HANDOVER_SHAPE, LOBBY_SHAPE])
      expect(all.some((o) => o.shape === shape)).toBe(true);
    expect(bo.opened.some((o) => o.shape === LOBBY_SHAPE)).toBe(true);
    for (const options of all) {
      expect(options.iceTransportPolicy).toBe('relay');
      expect(options.iceServers).toEqual(RELAYED);
    }
  });

  it('a change applies to rooms opened afterwards', async () => {
    const rooms = new FakeRooms();
    const ana = await device('ana', rooms);
    const first = await ana.circles.createCircle({
      name: 'One',
      description: '',
      displayName: 'A',
    });
    expect(ana.opened.at(-1)).toMatchObject({ iceTransportPolicy: 'all', iceServers: [] });
    await ana.ice.add(TURN);
    await ana.ice.setHideIp(true);
    const before = ana.opened.length;
    await ana.circles.createInvite(first);
    await ana.circles.createCircle({ name: 'Two', description: '', displayName: 'A' });
    await waitFor(() => ana.opened.length > before + 1, 'rooms opened');
    for (const options of ana.opened.slice(before))
      expect(options).toMatchObject({ iceTransportPolicy: 'relay', iceServers: RELAYED });
    await ana.ice.setHideIp(false);
    await ana.circles.createCircle({ name: 'Three', description: '', displayName: 'A' });
    expect(ana.opened.at(-1)).toMatchObject({ iceTransportPolicy: 'all' });
  });
});
