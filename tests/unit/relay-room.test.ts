// One room of the blind relay (src-server/relay/relay-room.ts) with a stand-in for the network:
// what it claims is on disk, a restart finds what it stored, the list is compacted as it grows,
// and past its cap it stores nothing more, claims nothing more, and lets go of what it holds.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RELAY_CLAIM_FIELD, verifyRelayClaim } from '../../src-shared/circle/relay-claim';
import { randomBytes } from '../../src-shared/crypto/random';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RelayLogFields } from '../../src-server/relay/relay-log';
import { COMPACT_AFTER_ROWS, RelayRoom } from '../../src-server/relay/relay-room';
import { RelayStore } from '../../src-server/relay/relay-store';
import { appendRecords, honestWriter, logContent } from '../support/bucket-docs';
import { relayDataDir } from '../support/relay-process';

beforeAll(loadSodium);

const ROOM = 'c'.repeat(64);
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A room on a fresh store whose transport records the claims it is given. */
function openRoom(dir: string, maxBytes = 64 * 1024 * 1024, reloadAfterFullMs?: number) {
  const store = RelayStore.open(dir);
  const claims: unknown[] = [];
  const lines: RelayLogFields[] = [];
  let transports = 0;
  let peersHeard: (count: number) => void = () => {};
  const seed = randomBytes(32);
  const room = new RelayRoom({
    store,
    room: ROOM,
    logId: 1,
    relaySeed: seed,
    maxBytes,
    reloadAfterFullMs,
    log: (l) => lines.push(l),
    openTransport: (_doc, onPeers) => {
      transports++;
      peersHeard = onPeers;
      return { setClaim: (s) => claims.push(s[RELAY_CLAIM_FIELD]), destroy: () => {} };
    },
  });
  const close = async () => {
    await room.close();
    await store.close();
  };
  return {
    store,
    room,
    claims,
    lines,
    close,
    transports: () => transports,
    peers: (count: number) => peersHeard(count),
  };
}

function tempDir() {
  const data = relayDataDir();
  cleanups.push(data.remove);
  return data.dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PEER = 'peer';

describe('relay room', () => {
  it('logs how many peers it has a second after a change, once for changes close together', async () => {
    const a = openRoom(tempDir());
    cleanups.push(a.close);
    const peerLines = () => a.lines.filter((l) => l.event === 'peers');
    a.peers(1);
    a.peers(2);
    a.peers(1);
    expect(peerLines()).toEqual([]);
    await sleep(1_200);
    expect(peerLines()).toEqual([{ event: 'peers', room: 1, peers: 1 }]);
    // A change undone within the second is no change.
    a.peers(0);
    a.peers(1);
    await sleep(1_200);
    expect(peerLines()).toHaveLength(1);
    a.peers(0);
    await sleep(1_200);
    expect(peerLines().at(-1)).toEqual({ event: 'peers', room: 1, peers: 0 });
  });

  it('claims only what is on disk, and a restart finds it all', async () => {
    const dir = tempDir();
    const a = openRoom(dir);
    const writer = honestWriter('w', 100);
    for (let i = 0; i < 30; i++)
      Y.applyUpdate(
        a.room.document,
        appendRecords(writer, 2, () => 300, i + 1),
        PEER,
      );
    // Taken into the document, not yet acknowledged: the claim waits for the disk.
    const client = writer.doc.clientID;
    expect(a.room.heldClocks.get(client) ?? 0).toBe(0);
    await a.room.settled();
    expect(a.room.heldClocks.get(client)).toBe(Y.getState(writer.doc.store, client));

    // Within a second of the write, a claim that members can check says so.
    await sleep(400);
    const claim = verifyRelayClaim(a.claims.at(-1), ROOM, a.room.document.clientID);
    expect(claim?.held.get(client)).toBe(Y.getState(writer.doc.store, client));
    await a.close();

    const b = openRoom(dir);
    cleanups.push(b.close);
    expect(logContent(b.room.document)).toEqual(logContent(writer.doc));
    expect(b.room.heldClocks.get(client)).toBe(Y.getState(writer.doc.store, client));
  });

  it('compacts as the list grows and at start, so a restart reads one row', async () => {
    const dir = tempDir();
    const a = openRoom(dir);
    const writer = honestWriter('w', 1000);
    for (let i = 0; i < COMPACT_AFTER_ROWS + 10; i++) {
      Y.applyUpdate(
        a.room.document,
        appendRecords(writer, 1, () => 150, i + 1),
        PEER,
      );
      if (i % 100 === 0) await sleep(0); // writes of one event turn share a commit
    }
    await a.room.settled();
    await a.room.settled(); // a compaction started by the last writes
    expect(a.lines.some((l) => l.event === 'room-compacted')).toBe(true);
    expect(a.store.loadRoom(ROOM).updates.length).toBeLessThan(100);
    await a.close();

    const b = openRoom(dir);
    cleanups.push(b.close);
    await b.room.settled();
    expect(b.store.loadRoom(ROOM).updates).toHaveLength(1);
    expect(logContent(b.room.document)).toEqual(logContent(writer.doc));
  });

  it('past its cap stores nothing more, claims nothing more, and lets go of it in memory', async () => {
    const dir = tempDir();
    const cap = 64 * 1024;
    const a = openRoom(dir, cap, 300);
    cleanups.push(a.close);
    const early = honestWriter('early', 100);
    const late = honestWriter('late', 100);
    for (let i = 0; i < 20; i++)
      Y.applyUpdate(
        a.room.document,
        appendRecords(early, 1, () => 2_000, i + 1),
        PEER,
      );
    await a.room.settled();
    const storedBefore = a.room.storedBytes;
    expect(storedBefore).toBeLessThanOrEqual(cap);

    // A flood of 1 MiB: taken by the document (y-webrtc applies it), never stored or claimed.
    for (let i = 0; i < 64; i++)
      Y.applyUpdate(
        a.room.document,
        appendRecords(late, 1, () => 16_000, i + 1),
        PEER,
      );
    await a.room.settled();
    expect(a.room.storedBytes).toBeLessThanOrEqual(cap);
    expect(a.lines.filter((l) => l.event === 'room-full')).toHaveLength(1);
    expect(a.room.heldClocks.get(late.doc.clientID) ?? 0).toBeLessThan(
      Y.getState(late.doc.store, late.doc.clientID),
    );
    const onDisk = new Y.Doc();
    for (const u of a.store.loadRoom(ROOM).updates) Y.applyUpdate(onDisk, u);
    expect(Y.getState(onDisk.store, late.doc.clientID)).toBe(
      a.room.heldClocks.get(late.doc.clientID) ?? 0,
    );

    // The room reloads from disk and rejoins: the flood is gone from memory too.
    await expect.poll(() => a.lines.some((l) => l.event === 'room-reloaded')).toBe(true);
    expect(a.transports()).toBe(2);
    expect(Y.encodeStateAsUpdate(a.room.document).length).toBeLessThanOrEqual(cap);
    expect(logContent(a.room.document)).toEqual(logContent(onDisk));
  });
});
