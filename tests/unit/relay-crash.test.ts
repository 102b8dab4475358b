// kill -9 at any moment loses nothing the relay acknowledged: a member streams records into the
// relay, the relay is killed with SIGKILL at a random moment, and everything its last signed claim
// (made before it died, as the member saw it) covers is on disk; restarted with only its data
// directory, it serves the room again and catches up with the member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { VerifiedRelayClaim } from '../../src-shared/circle/relay-claim';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { RelayStore } from '../../src-server/relay/relay-store';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import { patterned } from '../support/patterned-bytes';
import { joinAsMember } from '../support/relay-peers';
import { makeRelayCode, relayDataDir, RelayProcess } from '../support/relay-process';

let signal: SignalingServer;
beforeAll(async () => {
  await loadSodium();
  signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await signal?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('relay killed with -9', () => {
  it('keeps every update covered by a claim it made before dying', async () => {
    // A code that names no signaling server: the relay is given one with --signal.
    const code = makeRelayCode(null);
    const signalArgs = ['--signal', signal.url];
    const data = relayDataDir();
    let relay = await RelayProcess.start(data.dir, [code.token], signalArgs);
    const a = joinAsMember(code.room, signal.url, 'alice');
    const claims: VerifiedRelayClaim[] = [];
    let stream: ReturnType<typeof setInterval> | undefined;
    let watch: ReturnType<typeof setInterval> | undefined;
    try {
      await relay.explain(a.waitUntilRelayHolds());
      watch = setInterval(() => {
        const claim = a.relayClaim();
        if (claim && claim.at !== claims.at(-1)?.at) claims.push(claim);
      }, 10);
      let n = 0;
      stream = setInterval(() => {
        a.log.append(Array.from({ length: 5 }, () => patterned(200 + (n % 400), ++n)));
      }, 10);
      const killAfter = 1_500 + Math.floor(Math.random() * 1_500);
      console.log(`relay-crash: kill -9 after ${killAfter} ms of streaming`);
      await sleep(killAfter);
      await relay.kill9();
      clearInterval(stream);
      clearInterval(watch);

      const last = claims.at(-1)!;
      const alice = a.doc.clientID;
      expect(claims.length).toBeGreaterThan(2);
      expect(last.held.get(alice)).toBeGreaterThan(0);

      // What the relay left on disk, read as the next relay will read it.
      const store = RelayStore.open(data.dir);
      const onDisk = new Y.Doc();
      try {
        for (const u of store.loadRoom(code.room.name).updates) Y.applyUpdate(onDisk, u);
      } finally {
        await store.close();
      }
      for (const [client, clock] of last.held)
        expect(Y.getState(onDisk.store, client)).toBeGreaterThanOrEqual(clock);
      // And it is the member's own records, in order, not just clocks.
      const mine = a.doc.getMap<Y.Array<Uint8Array>>('buckets').get('alice:0')!.toArray();
      const kept = onDisk.getMap<Y.Array<Uint8Array>>('buckets').get('alice:0')!.toArray();
      expect(kept.length).toBeGreaterThan(0);
      expect(kept).toEqual(mine.slice(0, kept.length));

      // Restarted with only its data directory, it rejoins and takes the rest from the member.
      relay = await RelayProcess.start(data.dir, [], signalArgs);
      expect(relay.log.find((l) => l.event === 'room-opened')?.rows).toBeGreaterThan(0);
      await relay.explain(a.waitUntilRelayHolds());
    } finally {
      clearInterval(stream);
      clearInterval(watch);
      a.leave();
      await relay.stop();
      data.remove();
    }
  }, 150_000);
});
