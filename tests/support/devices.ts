// Several people's devices in one test: each its own vault, store and Circles service, all on
// one stand-in network (fake-rooms.ts), so joining, approval, removal and key rotation run end
// to end through the real services, with real Yjs, libsodium and (fake) IndexedDB.
import 'fake-indexeddb/auto';
import { quickDeriveKek } from './quick-kdf';
import { Circles } from '../../src-renderer/services/circles/circles';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { inlineOpener } from '../../src-renderer/services/circles/record-opener';
import { CircleStore } from '../../src-renderer/services/storage/circle-store';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import type { JoinAttempt } from '../../src-renderer/services/types';
import { FakeRooms } from './fake-rooms';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(cond: () => boolean, what = 'condition', ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what}: not met in time`);
    await sleep(5);
  }
}

export class Device {
  circles: Circles;
  constructor(
    readonly name: string,
    readonly store: CircleStore,
    readonly db: HearthDb,
    private readonly rooms: FakeRooms,
  ) {
    this.circles = this.fresh();
  }

  private fresh(): Circles {
    return new Circles(
      this.store,
      { signalingUrls: [], iceServers: [] },
      inlineOpener,
      this.rooms.open,
    );
  }

  /** The device goes offline (Hearth locked or closed). */
  async goOffline(): Promise<void> {
    await this.circles.closeAll();
  }

  /** The device comes back: circles reopen from its store and rejoin their rooms. */
  async comeBack(): Promise<void> {
    this.circles = this.fresh();
    await this.circles.openAll();
  }

  session(localId: string): CircleSession {
    const s = (this.circles as unknown as { sessions: Map<string, CircleSession> }).sessions.get(
      localId,
    );
    if (!s) throw new Error(`${this.name}: circle not open`);
    return s;
  }

  /** The local id of the one circle this device is in. */
  only(): string {
    const list = this.circles.circles();
    if (list.length !== 1) throw new Error(`${this.name}: ${list.length} circles`);
    return list[0]!.localId;
  }

  join(code: string, displayName = this.name): JoinAttempt {
    const r = this.circles.join(code, displayName);
    if (!r.ok) throw new Error(r.message);
    return r.attempt;
  }
}

/** Devices on one fake network; each vault's key derivation is the quick stand-in (quick-kdf.ts). */
export function devices(...names: string[]): Promise<{ rooms: FakeRooms; all: Device[] }> {
  return devicesOn(new FakeRooms(), ...names);
}

/** Devices on the fake network `rooms` (one that shares awareness, for instance). */
export async function devicesOn(
  rooms: FakeRooms,
  ...names: string[]
): Promise<{ rooms: FakeRooms; all: Device[] }> {
  const all = await Promise.all(
    names.map(async (name) => {
      const db = new HearthDb(`${name}-${Math.random().toString(36).slice(2)}`);
      const vault = new Vault(db, quickDeriveKek);
      await vault.create('correct horse battery staple', () => {});
      return new Device(name, new CircleStore(db, vault), db, rooms);
    }),
  );
  return { rooms, all };
}
