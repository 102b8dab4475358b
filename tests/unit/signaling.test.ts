// Signaling server: pure parts (topics.ts, cli-args.ts) tested directly, then a real
// server on 127.0.0.1:0 driven by real `ws` clients, and finally the CLI as a process.
//
// Negative assertions ("X was not delivered") avoid sleeps: the server handles one
// connection's frames in order and writes to each socket in order, so when a later
// sentinel publish reaches a client first, the earlier message was never sent to it.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { WebsocketClient } from 'lib0/websocket';
import {
  CLI_DEFAULT_HOST,
  CLI_DEFAULT_PORT,
  parseCliArgs,
} from '../../src-server/signaling/cli-args';
import {
  SIGNALING_DEFAULTS,
  clientAddress,
  startSignalingServer,
  type SignalingServer,
  type SignalingServerOptions,
} from '../../src-server/signaling/server';
import { PACKAGED_ORIGIN } from '../../src-main/app-origin';
import { embeddedServerOptions } from '../../src-main/embedded-signaling';
import { ConnectionBudget, TokenBucket } from '../../src-server/signaling/rate-limit';
import {
  PONG_PAYLOAD,
  TopicRegistry,
  parseCommand,
  relayPayload,
} from '../../src-server/signaling/topics';

// ---------------------------------------------------------------------------------------
// topics.ts

describe('parseCommand', () => {
  const parse = (text: string) => parseCommand(text, 8);

  it('decodes the four protocol messages', () => {
    expect(parse('{"type":"subscribe","topics":["a","b"]}')).toEqual({
      type: 'subscribe',
      topics: ['a', 'b'],
    });
    expect(parse('{"type":"unsubscribe","topics":["a"]}')).toEqual({
      type: 'unsubscribe',
      topics: ['a'],
    });
    expect(parse('{"type":"ping"}')).toEqual({ type: 'ping' });
    const publish = '{"type":"publish","topic":"a","data":{"x":1}}';
    expect(parse(publish)).toEqual({ type: 'publish', topic: 'a', text: publish });
  });

  it('returns null for malformed JSON and wrong shapes', () => {
    for (const text of [
      '',
      'not json',
      '{"type":"subscribe"',
      'null',
      '42',
      '"ping"',
      '[{"type":"ping"}]',
      '{}',
      '{"type":"pong"}',
      '{"type":"PING"}',
      '{"type":"subscribe"}',
      '{"type":"subscribe","topics":"a"}',
      '{"type":"unsubscribe","topics":{"0":"a"}}',
      '{"type":"publish"}',
      '{"type":"publish","topic":5}',
      '{"type":"publish","topic":""}',
      '{"type":"publish","topic":"123456789"}',
    ]) {
      expect(parse(text), text).toBeNull();
    }
  });

  it('drops invalid topics individually and de-duplicates', () => {
    expect(
      parse('{"type":"subscribe","topics":["a",1,null,"","123456789","12345678","a"]}'),
    ).toEqual({
      type: 'subscribe',
      topics: ['a', '12345678'],
    });
  });
});

describe('relayPayload', () => {
  it('adds the subscriber count and overrides a client-supplied one', () => {
    expect(JSON.parse(relayPayload('{"type":"publish","topic":"t","data":"x"}', 3))).toEqual({
      type: 'publish',
      topic: 't',
      data: 'x',
      clients: 3,
    });
    expect(
      JSON.parse(relayPayload('{"type":"publish","topic":"t","clients":999}', 1)).clients,
    ).toBe(1);
    expect(JSON.parse(relayPayload(' { "type": "publish", "topic": "t" } \n', 2))).toEqual({
      type: 'publish',
      topic: 't',
      clients: 2,
    });
    expect(JSON.parse(PONG_PAYLOAD)).toEqual({ type: 'pong' });
  });

  it('relays deeply nested data that JSON.stringify could not encode again', () => {
    const deep = `{"type":"publish","topic":"t","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const command = parseCommand(deep, 8);
    expect(command).toMatchObject({ type: 'publish', topic: 't' });
    expect(() => JSON.stringify(JSON.parse(deep))).toThrow(RangeError);
    expect(relayPayload(deep, 1).endsWith(',"clients":1}')).toBe(true);
  });
});

describe('rate limits', () => {
  it('a token bucket allows a burst, then the refill rate, and refuses without taking', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(1, 0))).toEqual([true, true, true, false]);
    expect(bucket.take(1, 50)).toBe(false); // half a token so far
    expect(bucket.take(1, 100)).toBe(true);
    expect(bucket.take(5, 10_000)).toBe(false); // never more than the burst
    expect(bucket.take(3, 10_000)).toBe(true);
    expect(bucket.take(1, 9_000)).toBe(false); // a clock going back adds nothing
  });

  it('a connection budget counts frames, and relayed bytes times receivers', () => {
    const budget = new ConnectionBudget(
      { framesPerSecond: 1, frameBurst: 2, relayBytesPerSecond: 1_000, relayByteBurst: 10_000 },
      0,
    );
    expect([budget.frame(0), budget.frame(0), budget.frame(0)]).toEqual([true, true, false]);
    expect(budget.frame(1_000)).toBe(true);
    expect(budget.relay(1_000, 10, 0)).toBe(true);
    expect(budget.relay(1, 1, 0)).toBe(false);
    expect(budget.relay(500, 2, 1_000)).toBe(true);
  });
});

describe('TopicRegistry', () => {
  it('indexes subscribers per topic and topics per connection', () => {
    const reg = new TopicRegistry<string>(10);
    expect(reg.subscribe('c1', ['a', 'b'])).toEqual(['a', 'b']);
    reg.subscribe('c2', ['a']);
    expect(reg.subscribers('a').sort()).toEqual(['c1', 'c2']);
    expect(reg.subscribers('b')).toEqual(['c1']);
    expect(reg.subscribers('nope')).toEqual([]);
    expect(reg.topicsOf('c1').sort()).toEqual(['a', 'b']);
  });

  it('caps topics per connection, ignoring the extras, and does not count repeats', () => {
    const reg = new TopicRegistry<string>(2);
    expect(reg.subscribe('c', ['a', 'a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(reg.subscribe('c', ['a', 'd'])).toEqual([]);
    expect(reg.subscribers('c')).toEqual([]);
    expect(reg.topicsOf('c')).toEqual(['a', 'b']);
    // The cap is per connection, not global.
    expect(reg.subscribe('other', ['c', 'd'])).toEqual(['c', 'd']);
  });

  it('unsubscribe frees the slot and deletes empty topics', () => {
    const reg = new TopicRegistry<string>(1);
    reg.subscribe('c', ['a']);
    reg.unsubscribe('c', ['a', 'never-subscribed']);
    expect(reg.subscribers('a')).toEqual([]);
    expect(reg.topicCount()).toBe(0);
    expect(reg.subscribe('c', ['b'])).toEqual(['b']);
  });

  it('remove forgets a connection everywhere but keeps other subscribers', () => {
    const reg = new TopicRegistry<string>(5);
    reg.subscribe('c1', ['a', 'b']);
    reg.subscribe('c2', ['b']);
    reg.remove('c1');
    expect(reg.topicsOf('c1')).toEqual([]);
    expect(reg.subscribers('a')).toEqual([]);
    expect(reg.subscribers('b')).toEqual(['c2']);
    expect(reg.topicCount()).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------
// cli-args.ts

describe('parseCliArgs', () => {
  it('uses loopback and the y-webrtc port by default', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: { host: CLI_DEFAULT_HOST, port: CLI_DEFAULT_PORT },
    });
    expect(CLI_DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('parses every option in both --flag value and --flag=value form', () => {
    expect(
      parseCliArgs([
        '--host',
        '0.0.0.0',
        '--port=0',
        '--max-message-bytes',
        '1024',
        '--allowed-origin',
        'https://hearth.example',
        '--allowed-origin=http://localhost:5173',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        host: '0.0.0.0',
        port: 0,
        maxMessageBytes: 1024,
        allowedOrigins: ['https://hearth.example', 'http://localhost:5173'],
      },
    });
  });

  it('returns help for --help or -h, even next to other arguments', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--port', 'x', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '65536'], /--port must be an integer/],
    [['--port', '-1'], /--port must be an integer/],
    [['--port', '80.5'], /--port must be an integer/],
    [['--port'], /--port needs a value/],
    [['--port', '--host', 'x'], /--port needs a value/],
    [['--host='], /--host must be/],
    [['--max-message-bytes', '0'], /--max-message-bytes/],
    [['--max-message-bytes', '1e6'], /--max-message-bytes/],
    [['--max-message-bytes', String(65 * 1024 * 1024)], /--max-message-bytes/],
    [['--allowed-origin', 'https://hearth.example/'], /--allowed-origin/],
    [['--allowed-origin', 'hearth.example'], /--allowed-origin/],
    [['--verbose'], /unknown option --verbose/],
    [['4444'], /unexpected argument/],
  ])('rejects %j', (argv, message) => {
    const result = parseCliArgs(argv);
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.message).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------------
// Live server

type Msg = Record<string, unknown>;

/** A ws client that queues parsed incoming messages for awaiting in order. */
interface Client {
  ws: WebSocket;
  send(message: unknown): void;
  next(timeoutMs?: number): Promise<Msg>;
  /** Round-trips an application ping: everything sent before it has been processed. */
  sync(): Promise<void>;
  closed: Promise<{ code: number }>;
}

const servers: SignalingServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(opts: SignalingServerOptions = {}): Promise<SignalingServer> {
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, ...opts });
  servers.push(server);
  return server;
}

function openSocket(url: string, options?: ClientOptions): WebSocket {
  const ws = new WebSocket(url, options);
  sockets.push(ws);
  return ws;
}

async function connect(server: SignalingServer, options?: ClientOptions): Promise<Client> {
  const ws = openSocket(server.url, options);
  const queue: Msg[] = [];
  const waiters: Array<(m: Msg) => void> = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as Msg;
    const waiter = waiters.shift();
    if (waiter) waiter(msg);
    else queue.push(msg);
  });
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.on('close', (code) => resolve({ code })),
  );
  await once(ws, 'open');
  const client: Client = {
    ws,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (timeoutMs = 10_000) =>
      new Promise<Msg>((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => reject(new Error('no message within timeout')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      }),
    sync: async () => {
      client.send({ type: 'ping' });
      expect(await client.next()).toEqual({ type: 'pong' });
    },
  };
  return client;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 if it was accepted. */
function upgradeStatus(url: string, options?: ClientOptions): Promise<number> {
  const ws = openSocket(url, options);
  return new Promise((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
}

const httpUrl = (server: SignalingServer, path: string) => `http://127.0.0.1:${server.port}${path}`;

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

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

  it('closes a connection that sends an oversized message and keeps serving the others', async () => {
    const server = await serve({ maxMessageBytes: 1024 });
    const [big, other] = await Promise.all([connect(server), connect(server)]);
    big.send({ type: 'publish', topic: 'room', data: 'x'.repeat(2048) });
    expect((await big.closed).code).toBe(1009);

    await other.sync();
    // A message just under the limit still goes through.
    other.send({ type: 'subscribe', topics: ['room'] });
    other.send({ type: 'publish', topic: 'room', data: 'y'.repeat(900) });
    expect(await other.next()).toMatchObject({ topic: 'room', clients: 1 });
    const fresh = await connect(server);
    await fresh.sync();
    await waitFor(() => server.connections() === 2);
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

  it('closes a connection over its frame budget, once, and serves the others as before', async () => {
    const lines: string[] = [];
    const rateLimits = {
      framesPerSecond: 1,
      frameBurst: 5,
      relayBytesPerSecond: 1e9,
      relayByteBurst: 1e9,
    };
    const server = await serve({ rateLimits, log: (line) => lines.push(line) });
    const [a, flood, other] = await Promise.all([
      connect(server),
      connect(server),
      connect(server),
    ]);
    a.send({ type: 'subscribe', topics: ['room'] });
    await a.sync();
    for (let i = 0; i < 20; i++) flood.send({ type: 'publish', topic: 'room', data: i });
    // Closed rather than thinned out: a dropped offer or answer would leave a peer stuck, while
    // a closed socket makes the client reconnect and announce itself again.
    expect((await flood.closed).code).toBe(1008);
    other.send({ type: 'publish', topic: 'room', data: 'from another connection' });
    const got: unknown[] = [];
    for (let m = await a.next(); ; m = await a.next()) {
      got.push(m.data);
      if (m.data === 'from another connection') break;
    }
    expect(got).toEqual([0, 1, 2, 3, 4, 'from another connection']);
    expect(lines.filter((l) => l.includes('rate limit'))).toHaveLength(1);
  });

  it('closes a connection whose publishes fan out more bytes than its budget', async () => {
    const rateLimits = {
      framesPerSecond: 1e6,
      frameBurst: 1e6,
      relayBytesPerSecond: 1,
      relayByteBurst: 300,
    };
    const server = await serve({ rateLimits });
    const [a, b, sender, other] = await Promise.all([
      connect(server),
      connect(server),
      connect(server),
      connect(server),
    ]);
    a.send({ type: 'subscribe', topics: ['room'] });
    b.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([a.sync(), b.sync()]);
    // 93 bytes to two receivers: 186 of the 300 the sender may make the relay send. Then 53
    // characters, but 63 bytes ('é' is two), to two: over what is left.
    sender.send({ type: 'publish', topic: 'room', data: 'x'.repeat(50) });
    sender.send({ type: 'publish', topic: 'room', data: 'é'.repeat(10) });
    expect((await sender.closed).code).toBe(1008);
    other.send({ type: 'publish', topic: 'room', data: 'still relayed' });
    expect(await a.next()).toMatchObject({ data: 'x'.repeat(50) });
    expect(await a.next()).toMatchObject({ data: 'still relayed' });
  });

  it('caps plain sockets too, and closes those that never finish their request', async () => {
    const server = await serve({ maxConnections: 2, handshakeTimeoutMs: 2_000 });
    const { connect: tcp } = await import('node:net');
    const order: string[] = [];
    /** Resolves once connected, with a promise of the socket closing. */
    const open = (name: string): Promise<{ closed: Promise<void> }> =>
      new Promise((resolve) => {
        const socket = tcp(server.port, '127.0.0.1', () => {
          socket.write('GET / HTTP/1.1\r\nHost: x\r\n'); // never finished
          resolve({ closed });
        });
        const closed = new Promise<void>((done) =>
          socket.on('close', () => (order.push(name), done())),
        );
        socket.on('error', () => {});
        socket.resume(); // read the server's 408 and end, so 'close' comes
      });
    // 2 WebSockets + 32 others may be open: these 34 are let in...
    const first = await Promise.all(Array.from({ length: 34 }, (_, i) => open(`first ${i}`)));
    // ...and the next ones are closed at once, while the first still wait for their timeout.
    const extra = await Promise.all(Array.from({ length: 6 }, (_, i) => open(`extra ${i}`)));
    await Promise.all([...first, ...extra].map((s) => s.closed)); // the first close after the timeout
    expect(
      order.slice(0, 6).every((name) => name.startsWith('extra')),
      order.join(),
    ).toBe(true);
    expect((await fetch(httpUrl(server, '/health'))).status).toBe(200);
  });

  it("as the desktop app's LAN server, lets in Hearth's pages and programs, not other web pages, and has no /health", async () => {
    const server = await serve(embeddedServerOptions(PACKAGED_ORIGIN));
    expect(await upgradeStatus(server.url, { origin: 'app://hearth' })).toBe(101);
    expect(await upgradeStatus(server.url)).toBe(101); // a program: no Origin header
    expect(await upgradeStatus(server.url, { origin: 'https://any-site.example' })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: 'null' })).toBe(403); // a sandboxed frame
    expect((await fetch(httpUrl(server, '/health'))).status).toBe(404);
    // One machine holds a few connections, not all of them.
    const lan = await serve(embeddedServerOptions(PACKAGED_ORIGIN));
    await Promise.all(Array.from({ length: 16 }, () => connect(lan)));
    expect(await upgradeStatus(lan.url)).toBe(429);
    const dev = await serve(embeddedServerOptions({ protocol: 'http:', host: 'localhost:5173' }));
    expect(await upgradeStatus(dev.url, { origin: 'http://localhost:5173' })).toBe(101);
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

  it('pings clients and terminates those that do not answer', async () => {
    // Rounds far enough apart that a busy test process still answers in time.
    const server = await serve({ pingIntervalMs: 300 });
    const silent = await connect(server, { autoPong: false });
    const healthy = await connect(server);
    // Dropped after one unanswered round: between 300 and ~900 ms.
    await silent.closed;
    await new Promise((r) => setTimeout(r, 700));
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    await healthy.sync();
    expect(server.connections()).toBe(1);
  });

  it('answers GET /health with ok and everything else with 404', async () => {
    const server = await serve();
    const health = await fetch(httpUrl(server, '/health'));
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await health.text()).toBe('ok');
    expect((await fetch(httpUrl(server, '/health?probe=1'))).status).toBe(200);
    expect((await fetch(httpUrl(server, '/'))).status).toBe(404);
    expect((await fetch(httpUrl(server, '/healthz'))).status).toBe(404);
    expect((await fetch(httpUrl(server, '/health'), { method: 'POST' })).status).toBe(404);
  });

  it('refuses upgrades whose Origin is not allowed', async () => {
    const server = await serve({ allowedOrigins: ['https://hearth.example'] });
    expect(await upgradeStatus(server.url, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(server.url)).toBe(403); // no Origin header at all
    expect(await upgradeStatus(server.url, { origin: 'https://hearth.example' })).toBe(101);
    // Without a list, any origin is accepted.
    const open = await serve();
    expect(await upgradeStatus(open.url, { origin: 'https://evil.example' })).toBe(101);
  });

  it('refuses connections beyond maxConnections until one closes', async () => {
    const server = await serve({ maxConnections: 2 });
    const [a] = await Promise.all([connect(server), connect(server)]);
    expect(await upgradeStatus(server.url)).toBe(503);
    a.ws.close();
    await waitFor(() => server.connections() === 1);
    expect(await upgradeStatus(server.url)).toBe(101);
  });

  it('refuses connections beyond maxConnectionsPerAddress from one address, not from others', async () => {
    const server = await serve({ maxConnectionsPerAddress: 2 });
    const [a] = await Promise.all([connect(server), connect(server)]);
    expect(await upgradeStatus(server.url)).toBe(429);
    // Linux routes all of 127.0.0.0/8 to loopback, so 127.0.0.2 is another machine here.
    if (process.platform === 'linux')
      expect(await upgradeStatus(server.url, { localAddress: '127.0.0.2' })).toBe(101);
    a.ws.close();
    await waitFor(() => server.connections() === (process.platform === 'linux' ? 2 : 1));
    expect(await upgradeStatus(server.url)).toBe(101);
  });

  it('counts an IPv4 client on a dual-stack socket as its IPv4 address', () => {
    expect(clientAddress('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(clientAddress('192.168.1.20')).toBe('192.168.1.20');
    expect(clientAddress('fe80::1')).toBe('fe80::1');
    expect(clientAddress('::ffff:abcd')).toBe('::ffff:abcd');
    expect(clientAddress(undefined)).toBe('');
  });

  it('logs nothing by default and never logs message contents', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const lines: string[] = [];
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
    expect(lines.some((l) => l.startsWith('listening on ws://127.0.0.1:'))).toBe(true);
    expect(lines.some((l) => l.includes('connection opened'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/secret/);
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

// ---------------------------------------------------------------------------------------
// CLI process

// Each spawn pays tsx start-up (~1 s), so the two run side by side.
describe.concurrent('signal CLI', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // `node --import tsx` rather than the tsx CLI: one process, so killing it cannot leave
  // an orphaned server behind (the tsx CLI runs the script in a child process).
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'src-server/signaling/cli.ts', ...args], {
      cwd: root,
      stdio: 'pipe',
    });

  it('prints the listening line, serves, and exits 0 on SIGTERM', async ({ expect }) => {
    const child = run(['--host', '127.0.0.1', '--port', '0']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      await waitFor(() => stdout.includes('\n'), 20_000);
      const match = /^Hearth signaling server listening on ws:\/\/127\.0\.0\.1:(\d+)\n$/.exec(
        stdout,
      );
      expect(match, stdout).not.toBeNull();
      const health = await fetch(`http://127.0.0.1:${match![1]}/health`);
      expect(await health.text()).toBe('ok');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits 2 with a clear message on invalid arguments', async ({ expect }) => {
    const child = run(['--port', 'seventy']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be an integer from 0 to 65535, got "seventy"/);
  }, 30_000);
});
