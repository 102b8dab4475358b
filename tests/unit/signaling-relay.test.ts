// Signaling server, live: a real server on 127.0.0.1:0 driven by real `ws` clients (and by the
// lib0 client y-webrtc uses) relays, ignores junk, answers /health, logs nothing it should not,
// and closes cleanly.
//
// Negative assertions ("X was not delivered") avoid sleeps: the server handles one
// connection's frames in order and writes to each socket in order, so when a later
// sentinel publish reaches a client first, the earlier message was never sent to it.
import { createServer as createNetServer } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketClient } from 'lib0/websocket';
import { SIGNALING_DEFAULTS, startSignalingServer } from '../../src-server/signaling/server';
import type { SignalingLogEntry } from '../../src-server/signaling/log';
import { closeAll, connect, httpUrl, serve, type Msg } from '../support/signaling-clients';

afterEach(closeAll);

describe('signaling server', () => {
  it('binds the requested loopback host and a random port', async () => {
    const server = await serve();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
    expect(SIGNALING_DEFAULTS.host).toBe('127.0.0.1');
  });

  // Linux routes all of 127.0.0.0/8 to loopback, so a server on 127.0.0.2 can share its port
  // number with a listener on 127.0.0.1 only if it listens on 127.0.0.2 alone (a wildcard bind
  // would fail with EADDRINUSE). The test holds 127.0.0.1's port itself first: probing that
  // address with a request instead could reach another test file's server on the same port.
  it.skipIf(process.platform !== 'linux')('listens only on the given host', async () => {
    const holder = createNetServer((socket) => socket.destroy());
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    try {
      const { port } = holder.address() as { port: number };
      const server = await serve({ host: '127.0.0.2', port });
      expect(server.url).toBe(`ws://127.0.0.2:${port}`);
      expect((await fetch(`http://127.0.0.2:${port}/health`)).status).toBe(200);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      holder.close();
    }
  });

  it('relays a publish to every subscriber, sender included, with the clients count', async () => {
    const server = await serve();
    const [a, b, c] = await Promise.all([connect(server), connect(server), connect(server)]);
    a.send({ type: 'subscribe', topics: ['room'] });
    b.send({ type: 'subscribe', topics: ['room'] });
    c.send({ type: 'subscribe', topics: ['elsewhere'] });
    await Promise.all([a.sync(), b.sync(), c.sync()]);
    expect(server.connections()).toBe(3);

    a.send({ type: 'publish', topic: 'room', data: { type: 'announce', from: 'peer-a' } });
    const expected = {
      type: 'publish',
      topic: 'room',
      data: { type: 'announce', from: 'peer-a' },
      clients: 2,
    };
    expect(await b.next()).toEqual(expected);
    expect(await a.next()).toEqual(expected);

    // c is not in 'room': the first thing it sees must be the later sentinel.
    a.send({ type: 'publish', topic: 'elsewhere', data: 'sentinel' });
    expect(await c.next()).toMatchObject({ topic: 'elsewhere', data: 'sentinel', clients: 1 });
  });

  it('unsubscribe stops delivery and lowers the clients count', async () => {
    const server = await serve();
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    a.send({ type: 'subscribe', topics: ['room'] });
    b.send({ type: 'subscribe', topics: ['room', 'sentinel'] });
    await Promise.all([a.sync(), b.sync()]);

    b.send({ type: 'unsubscribe', topics: ['room'] });
    await b.sync();
    a.send({ type: 'publish', topic: 'room', data: 'after-unsubscribe' });
    expect(await a.next()).toMatchObject({ data: 'after-unsubscribe', clients: 1 });
    a.send({ type: 'publish', topic: 'sentinel', data: 'sentinel' });
    expect(await b.next()).toMatchObject({ topic: 'sentinel', data: 'sentinel' });
  });

  it('answers an application ping with a pong', async () => {
    const server = await serve();
    const a = await connect(server);
    a.send({ type: 'ping' });
    expect(await a.next()).toEqual({ type: 'pong' });
  });

  it('ignores subscriptions beyond the per-connection topic limit and over-long topics', async () => {
    const server = await serve({ maxTopicsPerConnection: 2, maxTopicLength: 8 });
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    a.send({ type: 'subscribe', topics: ['t1', 'x'.repeat(9), 't2'] });
    a.send({ type: 'subscribe', topics: ['t3'] });
    await a.sync();

    b.send({ type: 'publish', topic: 't3', data: 'over the limit' });
    b.send({ type: 'publish', topic: 'x'.repeat(9), data: 'too long' });
    b.send({ type: 'publish', topic: 't2', data: 'within the limit' });
    expect(await a.next()).toMatchObject({ topic: 't2', data: 'within the limit', clients: 1 });

    // Unsubscribing frees a slot.
    a.send({ type: 'unsubscribe', topics: ['t1'] });
    a.send({ type: 'subscribe', topics: ['t3'] });
    await a.sync();
    b.send({ type: 'publish', topic: 't3', data: 'now subscribed' });
    expect(await a.next()).toMatchObject({ topic: 't3', data: 'now subscribed' });
  });

  it('relays a deeply nested publish without falling over', async () => {
    const server = await serve();
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    a.send({ type: 'subscribe', topics: ['room'] });
    await a.sync();
    b.send(`{"type":"publish","topic":"room","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(await a.next()).toMatchObject({ topic: 'room', clients: 1 });
    b.send({ type: 'publish', topic: 'room', data: 'still here' });
    expect(await a.next()).toMatchObject({ data: 'still here' });
  });

  it('ignores malformed JSON and wrong shapes without dropping the connection', async () => {
    const server = await serve();
    const a = await connect(server);
    for (const junk of [
      'not json',
      '{"type":',
      'null',
      '[]',
      '{"type":"subscribe","topics":"room"}',
      '{"type":"subscribe","topics":[1,{"a":1}]}',
      '{"type":"publish"}',
      '{"type":"publish","topic":{"x":1}}',
      '{"type":"unknown"}',
    ]) {
      a.send(junk);
    }
    a.ws.send(Buffer.from([0xff, 0xfe, 0x00, 0x01])); // binary garbage
    await a.sync();
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    expect(server.connections()).toBe(1);
  });

  it('answers GET /health with its status and everything else with 404', async () => {
    const server = await serve();
    const health = await fetch(httpUrl(server, '/health'));
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(httpUrl(server, '/health?probe=1'))).status).toBe(200);
    expect((await fetch(httpUrl(server, '/'))).status).toBe(404);
    expect((await fetch(httpUrl(server, '/healthz'))).status).toBe(404);
    expect((await fetch(httpUrl(server, '/health'), { method: 'POST' })).status).toBe(404);
  });

  it('logs nothing by default and never logs message contents', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const lines: SignalingLogEntry[] = [];
    try {
      const quiet = await serve();
      const q = await connect(quiet);
      q.send({ type: 'subscribe', topics: ['quiet-room'] });
      q.send({ type: 'publish', topic: 'quiet-room', data: 'quiet' });
      await q.next();
      for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of consoleSpies) spy.mockRestore();
    }

    const server = await serve({ log: (line) => lines.push(line), maxMessageBytes: 512 });
    const a = await connect(server);
    a.send({ type: 'subscribe', topics: ['secret-topic-name'] });
    a.send({ type: 'publish', topic: 'secret-topic-name', data: 'secret-payload' });
    await a.next();
    a.send('{"secret-malformed"');
    a.send({
      type: 'publish',
      topic: 'secret-topic-name',
      data: `secret-oversized-${'z'.repeat(600)}`,
    });
    await a.closed;
    await server.close();
    expect(lines.some((l) => l.event === 'listening' && l.url?.startsWith('ws://127.0.0.1:'))).toBe(
      true,
    );
    expect(lines.some((l) => l.event === 'connection_opened')).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/secret/);
  });

  it('close() terminates clients, resolves, and frees the port', async () => {
    const server = await serve();
    const a = await connect(server);
    a.send({ type: 'subscribe', topics: ['room'] });
    await a.sync();
    // A keep-alive HTTP connection must not hold close() up either.
    expect((await fetch(httpUrl(server, '/health'))).status).toBe(200);

    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3_000); // a held keep-alive socket would take 5 s
    await a.closed;
    expect(server.connections()).toBe(0);
    await expect(server.close()).resolves.toBeUndefined(); // idempotent

    // The same port can be bound again right away.
    const probe = createNetServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(server.port, '127.0.0.1', resolve);
    });
    await new Promise((r) => probe.close(r));
  });

  it('rejects on a port that is already in use', async () => {
    const server = await serve();
    await expect(startSignalingServer({ port: server.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('works with the lib0 WebsocketClient that y-webrtc uses for signaling', async () => {
    const server = await serve();
    // lib0's client expects a browser-style global WebSocket; ws provides a compatible one.
    const g = globalThis as { WebSocket?: unknown };
    const previous = g.WebSocket;
    g.WebSocket = WebSocket;
    const peers = [new WebsocketClient(server.url), new WebsocketClient(server.url)];
    const nextOfType = (peer: WebsocketClient, type: string) =>
      new Promise<Msg>((resolve) => {
        const handler = (m: Msg) => {
          if (m.type !== type) return;
          peer.off('message', handler);
          resolve(m);
        };
        peer.on('message', handler);
      });
    try {
      await Promise.all(peers.map((p) => new Promise((r) => p.on('connect', r))));
      // The frames y-webrtc's SignalingConn sends on connect, then a ping as barrier.
      for (const p of peers) {
        const pong = nextOfType(p, 'pong');
        p.send({ type: 'subscribe', topics: ['hearth-room'] });
        p.send({ type: 'ping' });
        await pong;
      }
      const received = nextOfType(peers[1]!, 'publish');
      peers[0]!.send({
        type: 'publish',
        topic: 'hearth-room',
        data: { type: 'announce', from: 'peer-0' },
      });
      expect(await received).toEqual({
        type: 'publish',
        topic: 'hearth-room',
        data: { type: 'announce', from: 'peer-0' },
        clients: 2,
      });
    } finally {
      for (const p of peers) p.destroy();
      g.WebSocket = previous;
    }
  });
});
