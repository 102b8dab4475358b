// Stock y-webrtc clients (y-webrtc's own WebrtcProvider with @roamhq/wrtc, each in a process of its
// own, not Hearth's code) meet through Hearth's signaling server and sync a Y.Doc: on one server,
// on two servers bridged by a real Redis, and across a server going down while another is listed.
// Each test starts its clients one after the other (startPeer resolves once a client has announced
// itself): two stock clients announcing at once can both offer and end up with a connection that
// opens and stays silent (offer glare, yjs/y-webrtc#39), which stock y-webrtc never gives up on;
// seen twice on CI. Hearth's own provider recovers from that (offer-guard.ts,
// stalled-connections.ts); these tests are about the servers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, serve } from '../support/signaling-clients';
import { startRedis, type RedisProcess } from '../support/redis-server';
import { startPeer, stopPeers } from '../support/ywebrtc-peers';

let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());
afterEach(async () => {
  await stopPeers();
  await closeAll();
});

describe('stock y-webrtc clients and Hearth signaling servers', () => {
  it('meet through one server and sync a document both ways', async () => {
    const server = await serve();
    const a = await startPeer('stock-room', 'pw', [server.url]);
    const b = await startPeer('stock-room', 'pw', [server.url]);
    a.set('from-a', 'hello');
    await b.holds('from-a', 'hello');
    b.set('from-b', 'hi back');
    await a.holds('from-b', 'hi back');
    expect(a.peers()).toBe(1);
  }, 90_000);

  it('meet across two servers bridged by Redis, each client knowing only its own server', async () => {
    const [one, two] = await Promise.all([
      serve({ redis: { url: redis.url } }),
      serve({ redis: { url: redis.url } }),
    ]);
    const a = await startPeer('bridged-room', 'pw', [one.url]);
    const b = await startPeer('bridged-room', 'pw', [two.url]);
    a.set('from-a', 'over the bridge');
    await b.holds('from-a', 'over the bridge');
    b.set('from-b', 'and back');
    await a.holds('from-b', 'and back');
  }, 90_000);

  it('lose no client when one of two listed servers goes down: a newcomer still meets them', async () => {
    const [one, two] = await Promise.all([serve(), serve()]);
    const urls = [one.url, two.url];
    const a = await startPeer('failover-room', 'pw', urls);
    const b = await startPeer('failover-room', 'pw', urls);
    a.set('from-a', 'before');
    await b.holds('from-a', 'before');

    await one.close();
    b.set('from-b', 'after the first server went down');
    const c = await startPeer('failover-room', 'pw', urls);
    // Only the second server can have introduced the newcomer to both.
    await c.holds('from-a', 'before');
    await c.holds('from-b', 'after the first server went down');
    c.set('from-c', 'newcomer');
    await Promise.all([a.holds('from-c', 'newcomer'), b.holds('from-c', 'newcomer')]);
  }, 90_000);
});
