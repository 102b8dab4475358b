// `floodHeapMB` and `floodDeliveryP95Ms`: two members talk while a hostile peer in their room (a
// Node peer over @roamhq/wrtc holding the room secret, tests/support/hostile-peer.ts) floods them
// for 20 s with frames that claim 65,535 parts and never finish, written beneath the framing, and
// with junk Yjs updates (600 KiB of random bytes as records four times a second; now and then
// non-records, empty buckets, other roots and a 1 MiB item). A sends one message at a time, each
// timed as `deliveryP95Ms` is (bench/peers.ts), and B's renderer heap is sampled every 200 ms
// (CDP Runtime.getHeapUsage: the JS heap plus ArrayBuffers). Real Chromium peers, each its own
// process. Called from bench/run.ts.
import type { Page } from 'playwright-core';
import { CIRCLE_LOG_SHAPE } from '../src-shared/circle/doc-shapes';
import { roomFor } from '../src-shared/crypto/keys';
import { loadSodium } from '../src-shared/crypto/sodium';
import { writeBigItem, writeJunk, writeRandomRecords } from '../tests/support/hostile-doc';
import { flood, HostilePeer, sleep } from '../tests/support/hostile-peer';
import { unfinishedMessages } from '../tests/support/hostile-wire';
import {
  api,
  closePeer,
  formCircle as formBenchCircle,
  launch,
  percentile,
  round,
  SEND_DELAY_MS,
  watchFor,
  type BenchPeer,
} from './peers';

export const FLOOD_TARGETS = { floodHeapMB: '≤ 150', floodDeliveryP95Ms: '≤ 50' };

const FLOOD_MS = 20_000;
/** A timed message not shown by then is taken as lost. */
const LOST_AFTER_MS = 10_000;
/** Between two timed messages, so the flood has the floor most of the time. */
const PAUSE_MS = 100;

/** A's circle with B in it, both showing it; returns the circle's id in A and its room secret. */
async function formCircle(a: BenchPeer, b: BenchPeer): Promise<{ id: string; secret: number[] }> {
  const id = await formBenchCircle(a, b, 'Flood');
  // The room secret of the circle's one epoch, as a member (or anyone it was given to) holds it.
  const secret = await a.page.evaluate(() => {
    type Internals = {
      circleSet: { sessions: Map<string, { secrets: { epochs: { roomSecret: Uint8Array }[] } }> };
    };
    const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
    const [session] = app.circleSet.sessions.values();
    return [...session!.secrets.epochs.at(-1)!.roomSecret];
  });
  return { id, secret };
}

/**
 * The page's highest heap in MB from now until the returned function is called: the JS heap and
 * the ArrayBuffers' backing stores, sampled every 200 ms after one garbage collection.
 */
async function heapWatch(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const u = await cdp.send('Runtime.getHeapUsage');
      max = Math.max(max, (u.usedSize + u.backingStorageSize) / 1024 / 1024);
      await sleep(200);
    }
  })();
  return async () => {
    running = false;
    await loop;
    await cdp.detach();
    return max;
  };
}

export async function benchFlood(
  url: string,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  log('Delivery under a hostile flood…');
  const a = await launch(url);
  const b = await launch(url).catch(async (e: unknown) => {
    await closePeer(a);
    throw e;
  });
  let hostile: HostilePeer | undefined;
  try {
    const { id, secret } = await formCircle(a, b);
    await api(a.page).run((app, id) => app.sendMessage(id, 'before the flood'), id);
    await watchFor(b.page, 'before the flood').then((seen) => seen());
    await loadSodium();
    const signal = new URL(url).searchParams.get('signal')!;
    hostile = new HostilePeer({
      ...roomFor(new Uint8Array(secret)),
      signalingUrl: signal,
      shape: CIRCLE_LOG_SHAPE,
    });
    await hostile.waitForPeers(2);
    const stopHeap = await heapWatch(b.page);
    const until = Date.now() + FLOOD_MS;
    const frames = flood([hostile], () => unfinishedMessages(), until);
    const junk = (async () => {
      for (let round = 0; Date.now() < until; round++) {
        // Junk in the log's shape (random bytes as records), which no shape check refuses; now
        // and then junk beside it, which cuts the peer off until it connects again.
        writeRandomRecords(hostile.doc, 40, 15 * 1024, round);
        if (round % 8 === 7) {
          writeJunk(hostile.doc, round);
          writeBigItem(hostile.doc, 1024 * 1024 - 4096, round);
        }
        await sleep(250);
      }
    })();
    const times: number[] = [];
    for (let i = 0; Date.now() < until - 1_000; i++) {
      const seen = await watchFor(b.page, `flood ${i}`, LOST_AFTER_MS);
      await api(a.page).run(
        (app, [id, i, delay]) => {
          (window as unknown as { benchSent: Promise<number> }).benchSent = new Promise(
            (resolve, reject) => {
              setTimeout(() => {
                const t = performance.timeOrigin + performance.now();
                app.sendMessage(id, `flood ${i}`).then(() => resolve(t), reject);
              }, delay);
            },
          );
        },
        [id, i, SEND_DELAY_MS] as const,
      );
      // A message that never shows counts as the whole wait: the figure must show it.
      const seenAt = await seen().catch(() => NaN);
      const sentAt = await a.page.evaluate(
        () => (window as unknown as { benchSent: Promise<number> }).benchSent,
      );
      times.push(Number.isNaN(seenAt) ? LOST_AFTER_MS : seenAt - sentAt);
      await sleep(PAUSE_MS);
    }
    const written = await frames;
    await junk;
    const heapMB = await stopHeap();
    const mib = Math.round(written / 1024 / 1024);
    log(
      `  ${times.length} messages; ${mib} MiB of frames written on ${hostile.channelsSeen} connections`,
    );
    return {
      floodHeapMB: round(heapMB),
      floodDeliveryP95Ms: round(percentile(times, 95)),
    };
  } finally {
    hostile?.destroy();
    await Promise.all([closePeer(a), closePeer(b)]);
  }
}
