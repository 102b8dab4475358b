// The Network settings service over a real vault and (fake) IndexedDB: servers are added and
// removed, hiding without a TURN server is refused, the stored row is sealed (no credential
// readable in the database), and what rooms read follows the settings, closed while locked.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { NetworkSettings } from '../../src-renderer/services/circles/room-connection';
import type { ProbeResult } from '../../src-renderer/services/network/ice-probe';
import { ICE_ROW_KEY, IceSettings } from '../../src-renderer/services/network/ice-settings';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { quickDeriveKek } from '../support/quick-kdf';

beforeAll(loadSodium);

const PASS = 'correct horse battery staple';
const CREDENTIAL = 'lantern-harbour-credential';
const TURN = { url: 'turn:127.0.0.1:3478', username: 'ana-turn-user', credential: CREDENTIAL };
const STUN = { url: 'stun:stun.example.org:3478' };

async function setUp() {
  const db = new HearthDb(`ice-${Math.random().toString(36).slice(2)}`);
  const vault = new Vault(db, quickDeriveKek);
  await vault.create(PASS, () => {});
  const network: NetworkSettings = { signalingUrls: [], iceServers: [] };
  let changes = 0;
  const probed: string[] = [];
  const probe = (server: { url: string }): Promise<ProbeResult> => {
    probed.push(server.url);
    return Promise.resolve({ ok: true, message: 'answered' });
  };
  const ice = new IceSettings(db, vault, network, () => void changes++, probe);
  return { db, vault, network, ice, probed, changes: () => changes };
}

const rawBytes = async (db: HearthDb) =>
  (await db.journalPrefs.toArray()).map((r) => Buffer.from(r.enc).toString('latin1')).join('|');

describe('ICE settings', () => {
  it('nothing can connect before the settings are read, nor after a lock', async () => {
    const { ice, network } = await setUp();
    expect(network).toMatchObject({ iceServers: [], iceTransportPolicy: 'relay' });
    expect(ice.view()).toBeNull();
    await ice.load();
    expect(network).toMatchObject({ iceServers: [], iceTransportPolicy: 'all' });
    await ice.add(TURN);
    ice.forget();
    expect(network).toMatchObject({ iceServers: [], iceTransportPolicy: 'relay' });
    expect(ice.view()).toBeNull();
    await expect(ice.add(STUN)).rejects.toThrow(/Unlock/);
  });

  it('adds and removes servers, and refuses what is not one', async () => {
    const { ice, network, changes } = await setUp();
    await ice.load();
    await ice.add(STUN);
    await ice.add({ ...TURN, url: ` ${TURN.url} ` });
    expect(ice.view()!.servers).toEqual([
      { url: STUN.url, kind: 'stun', username: null },
      { url: TURN.url, kind: 'turn', username: TURN.username },
    ]);
    expect(network.iceServers).toEqual([
      { urls: STUN.url },
      { urls: TURN.url, username: TURN.username, credential: CREDENTIAL },
    ]);
    await expect(ice.add(STUN)).rejects.toThrow('That server is listed already.');
    await expect(ice.add({ url: 'javascript:alert(1)' })).rejects.toThrow(/address like/);
    await expect(ice.add({ url: 'turn:x.example.org', username: 'a' })).rejects.toThrow(
      /username and password/,
    );
    await ice.remove(STUN.url);
    expect(ice.view()!.servers.map((s) => s.url)).toEqual([TURN.url]);
    expect(changes()).toBeGreaterThan(3);
  });

  it('refuses hiding the IP address without a TURN server, calmly', async () => {
    const { ice, network } = await setUp();
    await ice.load();
    await ice.add(STUN);
    await expect(ice.setHideIp(true)).rejects.toThrow(
      'Hiding your IP address needs a TURN server to carry your connections.',
    );
    expect(ice.view()!.hideIp).toBe(false);
    expect(network.iceTransportPolicy).toBe('all');
    await ice.add(TURN);
    await ice.setHideIp(true);
    // Relay-only, through the TURN server alone.
    expect(network).toMatchObject({
      iceTransportPolicy: 'relay',
      iceServers: [{ urls: TURN.url, username: TURN.username, credential: CREDENTIAL }],
    });
    // Removing the last TURN server ends hiding; the screen then shows it off.
    await ice.remove(TURN.url);
    expect(ice.view()!.hideIp).toBe(false);
    expect(network.iceTransportPolicy).toBe('all');
  });

  it('keeps the settings in one sealed row: no credential or username readable in the database', async () => {
    const { db, vault, ice } = await setUp();
    await ice.load();
    await ice.add(TURN);
    await ice.setHideIp(true);
    const rows = await db.journalPrefs.toArray();
    expect(rows.map((r) => r.key)).toEqual([ICE_ROW_KEY]);
    const raw = await rawBytes(db);
    expect(raw).not.toContain(CREDENTIAL);
    expect(raw).not.toContain(TURN.username);
    expect(raw).not.toContain('127.0.0.1');
    // After a restart and unlock, the same settings come back.
    vault.lock();
    const again = new Vault(db, quickDeriveKek);
    await again.unlock(PASS, () => {});
    const network: NetworkSettings = { signalingUrls: [], iceServers: [] };
    const reopened = new IceSettings(db, again, network, () => {});
    await reopened.load();
    expect(reopened.view()).toMatchObject({ hideIp: true, unreadable: false });
    expect(network.iceTransportPolicy).toBe('relay');
  });

  it('a damaged or forged row leaves every connection closed until the person sets them again', async () => {
    const { db, vault, ice, network } = await setUp();
    // A row that opens but says "hide" with no TURN server, as a tampered copy might.
    await db.journalPrefs.put({
      key: ICE_ROW_KEY,
      enc: vault.sealJson({ servers: [], hideIp: true }, `journalPrefs:${ICE_ROW_KEY}`),
    });
    await ice.load();
    expect(ice.view()).toMatchObject({ unreadable: true });
    expect(network).toMatchObject({ iceServers: [], iceTransportPolicy: 'relay' });
    // A row sealed for another place does not open here either.
    await db.journalPrefs.put({ key: ICE_ROW_KEY, enc: vault.sealJson({}, 'journalPrefs:other') });
    await ice.load();
    expect(ice.view()!.unreadable).toBe(true);
    await ice.reset();
    expect(ice.view()).toEqual({ servers: [], hideIp: false, unreadable: false });
    expect(network.iceTransportPolicy).toBe('all');
  });

  it('tests only a server that is listed', async () => {
    const { ice, probed } = await setUp();
    await ice.load();
    await ice.add(TURN);
    await expect(ice.test(TURN.url)).resolves.toEqual({ ok: true, message: 'answered' });
    await expect(ice.test('turn:elsewhere.example.org')).rejects.toThrow(/no longer listed/);
    expect(probed).toEqual([TURN.url]);
  });
});
