// The blind relay as a process, with Node members and Hearth's signaling server on 127.0.0.1:
// a message sent while its reader is away reaches them from the relay alone; the relay's disk and
// log hold no plaintext, no content key, no member key and no room name; junk, oversized frames
// and floods get a peer cut off while the relay stays up; codes are added and removed while it runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEpochKeys, generateMemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import { utf8 } from '../../src-shared/bytes';
import { sealSigned } from '../../src-shared/records/seal';
import type { PlatformDataChannel } from '../../src-shared/sync/framed-channel';
import { RelayStore } from '../../src-server/relay/relay-store';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import { logContent } from '../support/bucket-docs';
import { flood, HostilePeer, sleep } from '../support/hostile-peer';
import { rawFrame, unfinishedMessages } from '../support/hostile-wire';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import { joinAsMember } from '../support/relay-peers';
import { makeRelayCode, relayDataDir, RelayProcess, runRelayCli } from '../support/relay-process';

const PLAINTEXT = 'I could not sleep again, and I am scared to tell anyone at home';

let signal: SignalingServer;
let relay: RelayProcess;
let data: ReturnType<typeof relayDataDir>;
let circle: ReturnType<typeof generateEpochKeys>;
let code: ReturnType<typeof makeRelayCode>;

beforeAll(async () => {
  await loadSodium();
  signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  circle = generateEpochKeys(1);
  code = makeRelayCode(signal.url, circle.roomSecret);
  data = relayDataDir();
  relay = await RelayProcess.start(data.dir, [code.token]);
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  await signal?.close();
  data?.remove();
}, 30_000);

/** Every file of the relay's data directory, as bytes. */
const rawFiles = () =>
  Buffer.concat(readdirSync(data.dir).map((f) => readFileSync(join(data.dir, f))));

describe('blind relay', () => {
  it('hands a message to a member who comes after its sender left, and cannot read it', async () => {
    const member = generateMemberKeys();
    const signed = sodium().crypto_sign(utf8(PLAINTEXT), member.signSecretKey);
    const sealed = sealSigned(signed, circle.epoch, circle.contentKey);

    const a = joinAsMember(code.room, signal.url, 'alice');
    let sent;
    try {
      a.log.append([sealed]);
      // "Delivered": the relay's signed claim covers what A wrote.
      await relay.explain(a.waitUntilRelayHolds());
      sent = logContent(a.doc);
    } finally {
      a.leave();
    }
    await sleep(300);

    const b = joinAsMember(code.room, signal.url, 'bob');
    try {
      await expect.poll(() => logContent(b.doc), { timeout: 45_000 }).toEqual(sent);
      expect(b.peerCount()).toBe(1); // the relay, and nobody else
    } finally {
      b.leave();
    }

    // The sealed record is on disk (so this looks in the right place); nothing readable is.
    const disk = rawFiles();
    expect(disk.includes(Buffer.from(sealed))).toBe(true);
    expect(disk.includes(Buffer.from(PLAINTEXT))).toBe(false);
    expect(disk.includes(Buffer.from(circle.contentKey))).toBe(false);
    expect(disk.includes(Buffer.from(member.signSecretKey))).toBe(false);
    expect(disk.includes(Buffer.from(member.signSecretKey.subarray(0, 32)))).toBe(false);
    // The log names no room, secret or address.
    const log = JSON.stringify(relay.log) + relay.stderrText;
    for (const secret of [code.room.name, code.room.password, '127.0.0.1', PLAINTEXT])
      expect(log).not.toContain(secret);
    expect(relay.log.some((l) => l.event === 'room-opened')).toBe(true);
  }, 120_000);

  it('cuts off a peer that sends junk, oversized frames or a flood, and stays up', async () => {
    const attacks: [string, (channel: PlatformDataChannel) => Promise<number>][] = [
      ['junk', async (c) => (c.send(rawFrame(7, 0, 1, 40)), 40)],
      [
        'a frame claiming more parts than any message',
        async (c) => (c.send(rawFrame(8, 0, 0xffff)), 1),
      ],
      ['a flood of messages that never finish', async () => 0],
    ];
    const room = { ...code.room, signalingUrl: signal.url, shape: CIRCLE_LOG_SHAPE };
    for (const [what, attack] of attacks) {
      const peer = new HostilePeer(room);
      try {
        await peer.waitForPeers(1);
        const [channel] = peer.rawChannels();
        let written = await attack(channel!);
        if (what.startsWith('a flood'))
          written = await flood([peer], () => unfinishedMessages(), Date.now() + 1_500);
        await expect.poll(() => channel!.readyState, { timeout: 10_000 }).toBe('closed');
        // The relay stopped reading long before the flood was over: two unfinished messages.
        expect(written).toBeLessThan(64 * 1024 * 1024);
      } finally {
        peer.destroy();
      }
    }
    expect(relay.running).toBe(true);
    await sleep(300);
    const member = joinAsMember(code.room, signal.url, 'carol');
    try {
      await expect
        .poll(() => Object.keys(logContent(member.doc)).length, { timeout: 20_000 })
        .toBe(1);
    } finally {
      member.leave();
    }
  }, 45_000);

  it('takes codes added and removed while it runs, and changes nothing for a bad one', async () => {
    const next = makeRelayCode(signal.url);
    const bad = await runRelayCli(['add', '--data', data.dir, '--code', next.token.slice(0, -3)]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('mistyped or cut short');

    const added = await runRelayCli(['add', '--data', data.dir, '--code', next.token]);
    expect(added.code).toBe(0);
    await relay.waitFor((l) => l.event === 'codes' && l.rooms === 2, 5_000);
    const d = joinAsMember(next.room, signal.url, 'dana');
    try {
      d.log.append([sodium().randombytes_buf(200)]);
      await relay.explain(d.waitUntilRelayHolds());
    } finally {
      d.leave();
    }

    // A code that names no signaling server, to a relay given none: kept, but no room is joined.
    const bare = makeRelayCode(null);
    expect((await runRelayCli(['add', '--data', data.dir, '--code', bare.token])).out).toContain(
      'names no signaling server',
    );
    await relay.waitFor((l) => l.event === 'code-without-signaling', 5_000);

    const removed = await runRelayCli(['remove', '--data', data.dir, '--code', code.token]);
    expect(removed.code).toBe(0);
    await relay.waitFor((l) => l.event === 'codes' && l.left === 1, 5_000);
    // The relay left the room and forgot what it held for it: a member there finds nobody.
    const e = joinAsMember(code.room, signal.url, 'erin');
    try {
      await sleep(3_000);
      expect(e.peerCount()).toBe(0);
      expect(Object.keys(logContent(e.doc))).toHaveLength(0);
    } finally {
      e.leave();
    }
    // (LMDB frees the pages; their old bytes stay in the file until reused: docs/relay.md.)
    const store = RelayStore.open(data.dir);
    try {
      expect(store.listCodes().has(code.room.name)).toBe(false);
      expect(store.loadRoom(code.room.name).updates).toHaveLength(0);
      expect(store.listCodes().has(next.room.name)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
