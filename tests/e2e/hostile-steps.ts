// What the hostile-peer tests read from the honest members' apps: what an attacker who holds the
// room secret knows (read from a member's own app, as the membership tests read keys), how long a
// member's message takes to show at another member during an attack, the renderer's heap, and
// the circle's document as stored on disk, rebuilt and counted item by item.
import type { CDPSession } from 'playwright-core';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { bytesEqual } from '../../src-shared/bytes';
import { CIRCLE_LOG_SHAPE, LOBBY_SHAPE } from '../../src-shared/circle/doc-shapes';
import { lobbyFor, roomFor, type EpochKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { contentKeyMap, openRecord } from '../../src-shared/records/seal';
import { decodeShareCode } from '../../src-shared/share-code';
import type { HearthApp } from '../../src-renderer/services/types';
import { JUNK_MARK } from '../support/hostile-doc';
import type { FlooderOrder } from '../support/hostile-flooder';
import type { HostileRoom } from '../support/hostile-peer';
import { startFlooders } from '../support/hostile-processes';
import type { Peer } from './harness';

/** The bound every attack is held to: the renderer's heap, JS objects and ArrayBuffers together. */
export const HEAP_BOUND_MB = 150;
/** A member's message reaches another member this soon during an attack. */
export const DELIVERY_BOUND_MS = 2_000;

/** What a member's app holds for its one circle that an attacker in the room would know. */
export interface CircleSecretsView {
  circleId: string;
  /** The writer id that names this device's buckets in the log. */
  writerId: string;
  /** base64url of the member's signing public key, as records name their author. */
  memberKey: string;
  epochs: EpochKeys[];
}

export async function circleSecrets(peer: Peer): Promise<CircleSecretsView> {
  const raw = await peer.page.evaluate(() => {
    type Secrets = {
      circleId: string;
      writerId: string;
      keys: { signPublicKey: Uint8Array };
      epochs: { epoch: number; roomSecret: Uint8Array; contentKey: Uint8Array }[];
    };
    type Internals = { circleSet: { sessions: Map<string, { secrets: Secrets }> } };
    const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
    const sessions = [...app.circleSet.sessions.values()];
    if (sessions.length !== 1)
      throw new Error(`expected one open circle, found ${sessions.length}`);
    const { secrets } = sessions[0]!;
    return {
      circleId: secrets.circleId,
      writerId: secrets.writerId,
      memberKey: [...secrets.keys.signPublicKey],
      epochs: secrets.epochs.map((e) => ({
        epoch: e.epoch,
        roomSecret: [...e.roomSecret],
        contentKey: [...e.contentKey],
      })),
    };
  });
  const b64 = Buffer.from(raw.memberKey).toString('base64url');
  return {
    circleId: raw.circleId,
    writerId: raw.writerId,
    memberKey: b64,
    epochs: raw.epochs.map((e) => ({
      epoch: e.epoch,
      roomSecret: new Uint8Array(e.roomSecret),
      contentKey: new Uint8Array(e.contentKey),
    })),
  };
}

/** The circle's room now (its newest epoch), as someone holding the room secret reaches it. */
export async function roomOf(
  secrets: CircleSecretsView,
  signalingUrl: string,
): Promise<HostileRoom> {
  await loadSodium();
  const newest = secrets.epochs.reduce((a, b) => (b.epoch > a.epoch ? b : a));
  return { ...roomFor(newest.roomSecret), signalingUrl, shape: CIRCLE_LOG_SHAPE };
}

/**
 * The lobby a share code leads to, as anyone holding the code reaches it: through the signaling
 * server the code names (or `signalingUrl` when it names none).
 */
export async function lobbyOf(token: string, signalingUrl: string): Promise<HostileRoom> {
  await loadSodium();
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error(`not a share code: ${decoded.error}`);
  const { inviteSecret, signalingHints } = decoded.code;
  return {
    ...lobbyFor(inviteSecret),
    signalingUrl: signalingHints[0] ?? signalingUrl,
    shape: LOBBY_SHAPE,
  };
}

/**
 * Samples the renderers' heaps (CDP Runtime.getHeapUsage: usedSize, the JS heap, plus
 * backingStorageSize, the ArrayBuffers that frames and updates sit in) every 200 ms until
 * stopped, after one garbage collection; `stop` returns the highest sample of any of them, in MB.
 * Garbage made during the attack counts: a renderer holds it until V8 collects it.
 */
export async function watchHeap(peers: readonly Peer[]): Promise<{ stop(): Promise<number> }> {
  const sessions: CDPSession[] = await Promise.all(
    peers.map((p) => p.context.newCDPSession(p.page)),
  );
  // Garbage an earlier attack left behind is not this attack's doing: each starts from a clean heap.
  await Promise.all(sessions.map((s) => s.send('HeapProfiler.collectGarbage')));
  let max = 0;
  let running = true;
  const sample = async () => {
    const usages = await Promise.all(
      sessions.map((s) => s.send('Runtime.getHeapUsage').catch(() => null)),
    );
    for (const u of usages)
      if (u) max = Math.max(max, (u.usedSize + u.backingStorageSize) / 1024 / 1024);
  };
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((done) => setTimeout(done, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample();
      await Promise.all(sessions.map((s) => s.detach().catch(() => {})));
      return Math.round(max * 10) / 10;
    },
  };
}

/**
 * Sends `text` from `from` and returns how long (ms, Node's clock) until it is rendered at `to`,
 * or Infinity if it is not there within `DELIVERY_BOUND_MS` times two. The watch in `to` is set up
 * before the send, so the time is the message's, not the harness's looking.
 */
export async function deliveryMs(from: Peer, to: Peer, text: string): Promise<number> {
  const limit = DELIVERY_BOUND_MS * 2;
  const watch = to.page.evaluate(
    ([text, limit]) =>
      new Promise<boolean>((resolve) => {
        const found = () =>
          [...document.querySelectorAll('[data-testid="message-text"]')].some(
            (e) => e.textContent === text,
          );
        if (found()) return resolve(true);
        const obs = new MutationObserver(() => found() && (obs.disconnect(), resolve(true)));
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => (obs.disconnect(), resolve(false)), limit);
      }),
    [text, limit] as const,
  );
  const started = Date.now();
  await from.page.evaluate(
    ([text]) => {
      const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
      return app.sendMessage(app.circles()[0]!.localId, text);
    },
    [text] as const,
  );
  const seen = await Promise.race([
    watch,
    new Promise<false>((done) => setTimeout(() => done(false), limit + 1_000)),
  ]);
  return seen ? Date.now() - started : Infinity;
}

/** The texts of every message the app shows in its one circle (not just the visible rows). */
export async function messageTexts(peer: Peer): Promise<string[]> {
  return peer.page.evaluate(() => {
    const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
    const view = app.circleView(app.circles()[0]!.localId);
    if (!view) return [];
    return Array.from({ length: view.messages.length }, (_, i) => view.messages.at(i)!.text);
  });
}

/**
 * The circle's document as this app stored it in IndexedDB (every update row, opened with the
 * vault key through the app's own store, after writing out anything pending), rebuilt in Node.
 */
export async function storedDoc(peer: Peer): Promise<Y.Doc> {
  const rows = await peer.page.evaluate(async () => {
    type Internals = {
      circleSet: {
        persistAll(): Promise<void>;
        store: { loadUpdates(circle: string): Promise<{ updates: Uint8Array[] }> };
      };
      circles(): { localId: string }[];
    };
    const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
    await app.circleSet.persistAll();
    const { updates } = await app.circleSet.store.loadUpdates(app.circles()[0]!.localId);
    // base64 in chunks: a spread of a large array overflows the call stack.
    return updates.map((u) => {
      let s = '';
      for (let i = 0; i < u.length; i += 0x8000)
        s += String.fromCharCode(...u.subarray(i, i + 0x8000));
      return btoa(s);
    });
  });
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(Buffer.from(row, 'base64')));
  return doc;
}

/** What a circle document holds, counted as a judge would: only members' records are wanted. */
export interface DocCensus {
  /** Sealed records that open and were written by one of the members. */
  memberRecords: number;
  /** Author keys of the members' records, with how many each wrote. */
  byAuthor: Record<string, number>;
  /** Everything else: items, buckets and roots no member wrote. */
  junk: {
    otherRoots: string[];
    bucketsNotArrays: number;
    emptyBuckets: number;
    itemsNotBytes: number;
    itemsWithJunkMark: number;
    itemsNotMemberRecords: number;
  };
}

const hasMark = (bytes: Uint8Array) =>
  bytes.length >= JUNK_MARK.length && bytesEqual(bytes.subarray(0, JUNK_MARK.length), JUNK_MARK);

export async function census(
  doc: Y.Doc,
  secrets: CircleSecretsView,
  members: readonly string[],
): Promise<DocCensus> {
  await loadSodium();
  const keys = contentKeyMap(secrets.epochs.map((e) => [e.epoch, e.contentKey] as const));
  const out: DocCensus = {
    memberRecords: 0,
    byAuthor: {},
    junk: {
      otherRoots: [],
      bucketsNotArrays: 0,
      emptyBuckets: 0,
      itemsNotBytes: 0,
      itemsWithJunkMark: 0,
      itemsNotMemberRecords: 0,
    },
  };
  for (const [name, type] of doc.share)
    if (name !== 'buckets' && (type._start !== null || type._map.size > 0))
      out.junk.otherRoots.push(name);
  doc.getMap<unknown>('buckets').forEach((bucket) => {
    if (!(bucket instanceof Y.Array)) return void out.junk.bucketsNotArrays++;
    if (bucket.length === 0) out.junk.emptyBuckets++;
    for (const item of bucket.toArray() as unknown[]) {
      if (!(item instanceof Uint8Array)) {
        out.junk.itemsNotBytes++;
        continue;
      }
      if (hasMark(item)) out.junk.itemsWithJunkMark++;
      const opened = openRecord(item, secrets.circleId, keys);
      if (opened.ok && members.includes(opened.record.author)) {
        out.memberRecords++;
        out.byAuthor[opened.record.author] = (out.byAuthor[opened.record.author] ?? 0) + 1;
      } else out.junk.itemsNotMemberRecords++;
    }
  });
  return out;
}

/** A census's junk with nothing in it: what every stored document must show. */
export const NO_JUNK: DocCensus['junk'] = {
  otherRoots: [],
  bucketsNotArrays: 0,
  emptyBuckets: 0,
  itemsNotBytes: 0,
  itemsWithJunkMark: 0,
  itemsNotMemberRecords: 0,
};

/** How the honest members fared during one attack. */
export interface AttackOutcome {
  aliceToBobMs: number;
  bobToAliceMs: number;
  heapMB: number;
}

/**
 * Runs `attack` (which keeps going until the time it is given) for `ms`, and halfway through has
 * each member send a message to the other, timed; the renderers' heaps are watched throughout.
 */
export async function duringAttack(
  [alice, bob]: readonly [Peer, Peer],
  label: string,
  attack: (untilMs: number) => Promise<unknown>,
  ms = 8_000,
): Promise<AttackOutcome> {
  const heap = await watchHeap([alice, bob]);
  const running = attack(Date.now() + ms);
  running.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
  await new Promise((done) => setTimeout(done, ms / 2));
  const [fromAlice, fromBob] = sentDuring(label);
  const aliceToBobMs = await deliveryMs(alice, bob, fromAlice!);
  const bobToAliceMs = await deliveryMs(bob, alice, fromBob!);
  const result = await running;
  const outcome = { aliceToBobMs, bobToAliceMs, heapMB: await heap.stop() };
  console.info(`[hostile] ${label}:`, JSON.stringify(outcome), result ?? '');
  return outcome;
}

/** The two messages duringAttack sends: every later check expects them kept. */
export const sentDuring = (label: string): string[] => [
  `${label}: from Alice, during the attack`,
  `${label}: from Bob, during the attack`,
];

/** Both messages arrived within DELIVERY_BOUND_MS, and no heap passed HEAP_BOUND_MB. */
export function expectHeld(outcome: AttackOutcome): void {
  expect(outcome.aliceToBobMs, 'Alice to Bob during the attack (ms)').toBeLessThan(
    DELIVERY_BOUND_MS,
  );
  expect(outcome.bobToAliceMs, 'Bob to Alice during the attack (ms)').toBeLessThan(
    DELIVERY_BOUND_MS,
  );
  expect(outcome.heapMB, 'the highest renderer heap during the attack (MB)').toBeLessThan(
    HEAP_BOUND_MB,
  );
}

/** Every message `peer`'s app shows, once it includes `expected` (polled). */
export async function expectMessages(peer: Peer, expected: readonly string[]): Promise<string[]> {
  let texts: string[] = [];
  await expect
    .poll(
      async () => {
        texts = await messageTexts(peer);
        return expected.filter((t) => !texts.includes(t));
      },
      { message: `${peer.name} is missing messages`, timeout: 20_000 },
    )
    .toEqual([]);
  return texts;
}

/**
 * How long a frames attack lasts: long enough, on this loaded machine, to fill what framing held
 * per connection before issue 16 (about 170 MiB were written in 8 s with load 15).
 */
const FRAMES_ATTACK_MS = 12_000;

/**
 * duringAttack with `count` hostile connections, each from a process of its own, writing raw
 * `frames` into `room` (whose document is of `shape`) as fast as the channels drain.
 */
export async function framesAttack(
  members: readonly [Peer, Peer],
  label: string,
  room: HostileRoom,
  order: Omit<FlooderOrder, 'room' | 'allies'>,
  count: number,
): Promise<AttackOutcome> {
  const { name, password, signalingUrl } = room;
  const flooders = await startFlooders({ ...order, room: { name, password, signalingUrl } }, count);
  try {
    return await duringAttack(
      members,
      label,
      async (until) => {
        const bytes = await flooders.floodUntil(until);
        return `${Math.round(bytes / 1024 / 1024)} MiB of frames written`;
      },
      FRAMES_ATTACK_MS,
    );
  } finally {
    flooders.stop();
  }
}
