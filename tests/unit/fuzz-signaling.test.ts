// Fuzzing the signaling server (issue 16), live on 127.0.0.1: hostile connections send random
// binary and text frames, valid commands changed byte by byte, and JSON of the wrong shape (odd
// topics, hundreds of them, nested data) while two honest clients keep talking. The server never
// lets a frame throw in its handler (it would log "frame dropped"), answers the honest clients
// throughout, and holds no more topics per connection than its cap. Its state is read from the
// outside, since it exposes none: a prober publishes to every topic the fuzzing uses, and the
// relays say who is subscribed (each names its number of `clients`). After 2,000 cases and after
// 10,000 the subscriptions are within the same cap, and once the hostile connections are gone,
// none of theirs is left. Seeded: a failure names its seed; HEARTH_SEED=<n> sends that one frame.
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNALING_DEFAULTS, startSignalingServer } from '../../src-server/signaling/server';
import type { SignalingServer } from '../../src-server/signaling/server';
import type { SignalingLogEntry } from '../../src-server/signaling/log';
import {
  expectEveryKind,
  FUZZ_TIMEOUT_MS,
  fuzzTitle,
  replaySeed,
  runCasesAsync,
} from '../support/fuzz-cases';
import { below } from '../support/fuzz-mutate';
import { hostileFrame, RawClient, TOPIC_POOL } from '../support/fuzz-signaling';
import { waitFor } from '../support/signaling-clients';

const HOSTILE_CONNECTIONS = 4;
const HONEST_ROOM = 'honest-room';
const CAP = SIGNALING_DEFAULTS.maxTopicsPerConnection;

let server: SignalingServer | null = null;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
});

async function open(): Promise<RawClient> {
  const client = await RawClient.open(server!.url);
  clients.push(client);
  return client;
}

/** Two ping rounds on every client: all they sent is handled and all relays it caused arrived. */
async function settle(of: readonly RawClient[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const marks = of.map((c) => c.received.length);
    for (const c of of) c.send('{"type":"ping"}');
    await waitFor(() =>
      of.every((c, i) => !c.open || c.received.slice(marks[i]).includes('{"type":"pong"}')),
    );
  }
}

/** Who is subscribed to each pool topic, as the relays of a prober's publishes tell. */
async function probe(hostile: readonly RawClient[]) {
  const prober = await open();
  await settle([...hostile, prober]);
  for (const c of hostile) c.received.length = 0;
  for (const topic of TOPIC_POOL) prober.send(JSON.stringify({ type: 'publish', topic, probe: 1 }));
  await settle([...hostile, prober]);
  const perConnection = hostile.map((c) => {
    const topics = new Set<unknown>();
    for (const m of c.takeJson()) if (m.probe === 1) topics.add(m.topic);
    return topics.size;
  });
  prober.close();
  return { perConnection, subscriptions: perConnection.reduce((a, b) => a + b, 0) };
}

describe('fuzzing the signaling server', () => {
  it(
    fuzzTitle('no frame throws, honest clients are served, topics stay within the cap'),
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const lines: SignalingLogEntry[] = [];
      server = await startSignalingServer({
        host: '127.0.0.1',
        port: 0,
        log: (l) => lines.push(l),
      });
      const [listener, speaker] = [await open(), await open()];
      listener.send(JSON.stringify({ type: 'subscribe', topics: [HONEST_ROOM] }));
      await settle([listener]);
      const hostile = await Promise.all(Array.from({ length: HOSTILE_CONNECTIONS }, open));
      const closedWith: Record<string, number> = {};
      const checkpoints: { cases: number; subscriptions: number; most: number; heapMB: number }[] =
        [];
      let sentinel = 0;

      /** The speaker's message reaches the listener, whatever else the room carries. */
      const honestStillServed = async () => {
        const n = ++sentinel;
        speaker.send(JSON.stringify({ type: 'publish', topic: HONEST_ROOM, sentinel: n }));
        await waitFor(() => listener.received.some((t) => t.includes(`"sentinel":${n}`)), 5_000);
        // Whatever a hostile client published there arrives as JSON with the subscriber count.
        for (const m of listener.takeJson())
          if (m.type !== 'pong') expect(typeof m.clients).toBe('number');
        for (const c of hostile) c.received.length = 0;
      };

      const checkpoint = async (cases: number) => {
        const seen = await probe(hostile);
        for (const n of seen.perConnection) expect(n).toBeLessThanOrEqual(CAP);
        // The heap is logged, not judged: without a forced collection it is noise.
        const heapMB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
        const most = Math.max(...seen.perConnection);
        checkpoints.push({ cases, subscriptions: seen.subscriptions, most, heapMB });
      };

      const tally = await runCasesAsync('signaling frames', async (rand, seed) => {
        const i = below(rand, HOSTILE_CONNECTIONS);
        if (!hostile[i]!.open || seed % 1000 === 0) {
          // Closed by the server (over a limit), or churned: its state must go with it.
          const code = hostile[i]!.closedWith ?? (hostile[i]!.open ? 'churned' : 'closing');
          closedWith[code] = (closedWith[code] ?? 0) + 1;
          hostile[i]!.close();
          hostile[i] = await open();
        }
        const { frame, kind } = hostileFrame(rand, SIGNALING_DEFAULTS.maxMessageBytes);
        hostile[i]!.send(frame);
        if (seed % 50 === 0) await honestStillServed();
        if (seed === 2_000) await checkpoint(seed);
        return kind;
      });
      await honestStillServed();
      await checkpoint(replaySeed ?? 10_000);
      console.log(`signaling: ${JSON.stringify({ closedWith, checkpoints })}`);

      // No frame made the handler throw, and the honest clients were never cut off.
      expect(
        lines.filter((l) => l.event === 'frame_dropped' || l.event === 'server_error'),
      ).toEqual([]);
      expect([listener.closedWith, speaker.closedWith]).toEqual([null, null]);
      // The subscriptions the fuzzing left are within the cap, after 2,000 cases as after 10,000.
      for (const { subscriptions } of checkpoints)
        expect(subscriptions).toBeLessThanOrEqual(CAP * HOSTILE_CONNECTIONS);
      // Once the hostile connections are gone, none of their subscriptions is left: fresh
      // clients covering the pool are each topic's only subscriber. The first also asks for more
      // topics than the cap, and gets none past it.
      for (const c of hostile) c.close();
      await waitFor(() => server!.connections() === 2);
      const chunks = [0, CAP, 2 * CAP].map((at) => TOPIC_POOL.slice(at, at + CAP));
      const fresh = await Promise.all(chunks.map(open));
      chunks.forEach((topics, i) => fresh[i]!.send(JSON.stringify({ type: 'subscribe', topics })));
      fresh[0]!.send(JSON.stringify({ type: 'subscribe', topics: TOPIC_POOL.slice(CAP) }));
      await settle(fresh);
      const prober = await open();
      for (const topic of TOPIC_POOL)
        prober.send(JSON.stringify({ type: 'publish', topic, probe: 1 }));
      await settle([...fresh, prober]);
      fresh.forEach((c, i) => {
        const relays = c.takeJson().filter((m) => m.probe === 1);
        expect(relays.map((m) => m.topic)).toEqual(chunks[i]);
        for (const m of relays) expect(m.clients).toBe(1);
      });
      if (replaySeed === null) {
        expectEveryKind(tally, ['random-binary', 'random-text', 'mutated', 'shaped', 'command']);
        expectEveryKind(tally, ['oversized'], 20);
        expect(closedWith['1009']).toBeGreaterThan(20);
      }
    },
  );
});
