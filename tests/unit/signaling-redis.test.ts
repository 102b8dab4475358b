// Signaling servers sharing topics through a real redis-server (Debian's, on 127.0.0.1 and a free
// port): a publish reaches subscribers on the other server once and never comes back to its own;
// channels are keyed hashes, held only while a server has local subscribers; a frame on Redis that
// is not a JSON value is not relayed, and Redis sees no topic; and with Redis gone the servers go on
// serving their own clients, say so in the log and in /health, and bridge again once it is back.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingLogEntry } from '../../src-server/signaling/log';
import { channelName } from '../../src-server/signaling/redis-bridge';
import { closeAll, connect, httpUrl, serve } from '../support/signaling-clients';
import { startRedis, type RedisProcess } from '../support/redis-server';

let redis: RedisProcess;
let admin: Redis;
beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  admin.disconnect();
  await redis.stop();
});
afterEach(closeAll);

const SECRET = 'a-deployment-secret-of-some-length';
const numsub = async (channel: string): Promise<number> =>
  Number(((await admin.pubsub('NUMSUB', channel)) as [string, number])[1]);

describe('signaling servers bridged by Redis', () => {
  it('relay a publish to the other server once, and never back to their own clients', async () => {
    const [one, two] = await Promise.all([
      serve({ redis: { url: redis.url, secret: SECRET } }),
      serve({ redis: { url: redis.url, secret: SECRET } }),
    ]);
    const [a, b, c] = await Promise.all([connect(one), connect(two), connect(two)]);
    for (const client of [a, b, c]) client.send({ type: 'subscribe', topics: ['shared-room'] });
    await Promise.all([a.sync(), b.sync(), c.sync()]);
    await expect.poll(() => numsub(channelName('shared-room', SECRET))).toBe(2);

    a.send({ type: 'publish', topic: 'shared-room', data: 'from one' });
    // Each server counts only its own subscribers.
    expect(await a.next()).toMatchObject({ data: 'from one', clients: 1 });
    expect(await b.next()).toMatchObject({ data: 'from one', clients: 2 });
    expect(await c.next()).toMatchObject({ data: 'from one', clients: 2 });
    // Had the first server taken its own publish back from Redis, a would see it twice before
    // the sentinel from the other side.
    b.send({ type: 'publish', topic: 'shared-room', data: 'sentinel' });
    expect(await a.next()).toMatchObject({ data: 'sentinel' });
    expect(await b.next()).toMatchObject({ data: 'sentinel' });
    expect(await c.next()).toMatchObject({ data: 'sentinel' });
  });

  it('name channels by a keyed hash, and hold one only while a local client listens', async () => {
    const server = await serve({ redis: { url: redis.url, secret: SECRET } });
    const a = await connect(server);
    const channel = channelName('plain-room-name', SECRET);
    expect(channel).toMatch(/^hearth-signal:[0-9a-f]{64}$/);
    expect(channelName('plain-room-name', 'another-deployment')).not.toBe(channel);

    a.send({ type: 'subscribe', topics: ['plain-room-name'] });
    await a.sync();
    await expect.poll(() => numsub(channel)).toBe(1);
    const channels = (await admin.pubsub('CHANNELS', '*')) as string[];
    expect(channels).toContain(channel);
    expect(channels.join(' ')).not.toContain('plain-room-name');

    a.send({ type: 'unsubscribe', topics: ['plain-room-name'] });
    await a.sync();
    await expect.poll(() => numsub(channel)).toBe(0);
    a.send({ type: 'subscribe', topics: ['plain-room-name'] });
    await a.sync();
    await expect.poll(() => numsub(channel)).toBe(1);
    a.ws.close();
    await expect.poll(() => numsub(channel)).toBe(0);
  });

  it('relay from Redis only a JSON value as data, which cannot add a key of its own', async () => {
    const server = await serve({ redis: { url: redis.url, secret: SECRET } });
    const a = await connect(server);
    a.send({ type: 'subscribe', topics: ['guarded-room', 'other-room'] });
    await a.sync();
    const channel = channelName('guarded-room', SECRET);
    await expect.poll(() => numsub(channel)).toBe(1);
    const from = 'ffffffffffffffff';
    // Closing the data early to name another room the client is in, or to break the frame.
    await admin.publish(channel, `${from} 1,"topic":"other-room"`);
    await admin.publish(channel, `${from} {"a":1}}`);
    await admin.publish(channel, `${from} not json`);
    await admin.publish(channel, 'no-server-id');
    await admin.publish(channel, `${from} {"type":"announce","from":"peer"}`);
    expect(await a.next()).toEqual({
      type: 'publish',
      topic: 'guarded-room',
      data: { type: 'announce', from: 'peer' },
      clients: 1,
    });
  });

  it('put neither the topic nor anything but the data on Redis', async () => {
    const [one, two] = await Promise.all([
      serve({ redis: { url: redis.url, secret: SECRET } }),
      serve({ redis: { url: redis.url, secret: SECRET } }),
    ]);
    const [a, b] = await Promise.all([connect(one), connect(two)]);
    for (const client of [a, b]) client.send({ type: 'subscribe', topics: ['visible-name'] });
    await Promise.all([a.sync(), b.sync()]);
    await expect.poll(() => numsub(channelName('visible-name', SECRET))).toBe(2);
    // An onlooker with access to Redis, listening to every channel.
    const onlooker = new Redis(redis.url);
    const seen: string[] = [];
    onlooker.on('pmessage', (_p: string, channel: string, message: string) =>
      seen.push(`${channel} ${message}`),
    );
    await onlooker.psubscribe('*');
    try {
      a.send({ type: 'publish', topic: 'visible-name', data: { sealed: 'opaque' } });
      expect(await b.next()).toEqual({
        type: 'publish',
        topic: 'visible-name',
        data: { sealed: 'opaque' },
        clients: 1,
      });
      await expect.poll(() => seen.length).toBe(1);
      expect(seen[0]).toMatch(/^hearth-signal:[0-9a-f]{64} [0-9a-f]{16} \{"sealed":"opaque"\}$/);
      expect(seen[0]).not.toContain('visible-name');
    } finally {
      onlooker.disconnect();
    }
  });

  it("pass on a client's first words on a server that has only just started, and the answer to them", async () => {
    // y-webrtc announces a client once, on connecting: an announce the bridge drops, or one whose
    // answer comes back before this server listens on Redis, leaves two members who never meet.
    const rooms = Array.from({ length: 3 }, (_, i) => `early-room-${i}`);
    const two = await serve({ redis: { url: redis.url } });
    const b = await connect(two);
    b.send({ type: 'subscribe', topics: rooms });
    await b.sync();
    for (const room of rooms) await expect.poll(() => numsub(channelName(room, undefined))).toBe(1);

    // Each newcomer on a server of its own, started at that moment, speaking at once, while Redis
    // is slow to answer (as on a busy host): the servers are connected but not yet ready.
    await admin.client('PAUSE', 400, 'ALL');
    const newcomers = await Promise.all(
      rooms.map(async (room) => {
        const a = await connect(await serve({ redis: { url: redis.url } }));
        a.send({ type: 'subscribe', topics: [room] });
        a.send({ type: 'publish', topic: room, data: 'hello' });
        return a;
      }),
    );
    const heard = await Promise.all(rooms.map(() => b.next()));
    expect(heard.map((m) => m.topic).sort()).toEqual(rooms);
    for (const room of rooms) b.send({ type: 'publish', topic: room, data: 'welcome' });
    for (const a of newcomers) {
      expect(await a.next()).toMatchObject({ data: 'hello' }); // its own, from its server
      expect(await a.next()).toMatchObject({ data: 'welcome' });
    }
  });

  it("one client's burst while its server starts does not use up what another client's first words need", async () => {
    const two = await serve({ redis: { url: redis.url } });
    const b = await connect(two);
    b.send({ type: 'subscribe', topics: ['quiet-room'] });
    await b.sync();
    await expect.poll(() => numsub(channelName('quiet-room', undefined))).toBe(1);

    // A new server while Redis is slow to answer: Mallory fills a room of hers with 5 MiB of
    // signals (more than everything the server may hold), then Ann announces herself.
    await admin.client('PAUSE', 2_500, 'ALL');
    const one = await serve({ redis: { url: redis.url } });
    const [mallory, ann] = await Promise.all([connect(one), connect(one)]);
    mallory.send({ type: 'subscribe', topics: ['noisy-room'] });
    // Big signals, then smaller ones, until not even a short one more fits in 4 MiB.
    const sizes = [...Array(20).fill(200 * 1024), ...Array(100).fill(1024), ...Array(20).fill(100)];
    for (const size of sizes)
      mallory.send({ type: 'publish', topic: 'noisy-room', data: 'x'.repeat(size) });
    // Her server has taken them all: it relays each back to her, its one local subscriber.
    for (const _ of sizes) expect(await mallory.next()).toMatchObject({ topic: 'noisy-room' });
    const hello = `hello from ann ${'.'.repeat(300)}`;
    ann.send({ type: 'subscribe', topics: ['quiet-room'] });
    ann.send({ type: 'publish', topic: 'quiet-room', data: hello });
    expect(await b.next()).toMatchObject({ topic: 'quiet-room', data: hello });
  }, 20_000);

  it('go on serving their own clients while Redis is down, say so, and bridge again when it is back', async () => {
    const logs: SignalingLogEntry[] = [];
    const [one, two] = await Promise.all([
      serve({ redis: { url: redis.url }, log: (e) => logs.push(e) }),
      serve({ redis: { url: redis.url } }),
    ]);
    const [a, a2, b] = await Promise.all([connect(one), connect(one), connect(two)]);
    for (const client of [a, a2, b]) client.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([a.sync(), a2.sync(), b.sync()]);
    await expect.poll(() => numsub(channelName('room', undefined))).toBe(2);
    expect(await (await fetch(httpUrl(one, '/health'))).json()).toEqual({
      status: 'ok',
      redis: 'up',
    });

    await redis.stop();
    await expect.poll(() => logs.some((e) => e.event === 'redis_down')).toBe(true);
    const health = await fetch(httpUrl(one, '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'degraded', redis: 'down' });
    a.send({ type: 'publish', topic: 'room', data: 'local while down' });
    expect(await a2.next()).toMatchObject({ data: 'local while down' });
    expect(await a.next()).toMatchObject({ data: 'local while down' });

    await redis.restart();
    await expect
      .poll(() => logs.some((e) => e.event === 'redis_up'), { timeout: 20_000 })
      .toBe(true);
    // Both servers subscribed again to the channels of the moment.
    await expect.poll(() => numsub(channelName('room', undefined)), { timeout: 20_000 }).toBe(2);
    expect(await (await fetch(httpUrl(one, '/health'))).json()).toEqual({
      status: 'ok',
      redis: 'up',
    });
    a.send({ type: 'publish', topic: 'room', data: 'bridged again' });
    expect(await b.next()).toMatchObject({ data: 'bridged again' });
    const down = logs.find((e) => e.event === 'redis_down')!;
    expect(down.code).toMatch(/^[A-Z_]+$|^[A-Za-z]+Error$|^unknown$/);
  }, 40_000);
});
