// Signaling server, live, written as attacks: oversized messages, floods over the frame and byte
// budgets, sockets that never finish their request, too many connections (in all and from one
// address), unwanted origins and silent clients are refused or closed while others are served.
//
// Negative assertions ("X was not delivered") avoid sleeps: the server handles one
// connection's frames in order and writes to each socket in order, so when a later
// sentinel publish reaches a client first, the earlier message was never sent to it.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PACKAGED_ORIGIN } from '../../src-main/app-origin';
import { embeddedServerOptions } from '../../src-main/embedded-signaling';
import { clientAddress } from '../../src-server/signaling/server';
import type { SignalingLogEntry } from '../../src-server/signaling/log';
import {
  closeAll,
  connect,
  httpUrl,
  serve,
  upgradeStatus,
  waitFor,
} from '../support/signaling-clients';

afterEach(closeAll);

describe('signaling server', () => {
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

  it('closes a connection over its frame budget, once, and serves the others as before', async () => {
    const lines: SignalingLogEntry[] = [];
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
    expect(lines.filter((l) => l.event === 'rate_limited')).toHaveLength(1);
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
    // One machine holds its share of connections (one per circle and join), not all of them.
    const options = embeddedServerOptions(PACKAGED_ORIGIN);
    expect(options.maxConnectionsPerAddress).toBeLessThan(options.maxConnections);
    const lan = await serve(options);
    await Promise.all(Array.from({ length: options.maxConnectionsPerAddress }, () => connect(lan)));
    expect(await upgradeStatus(lan.url)).toBe(429);
    const dev = await serve(embeddedServerOptions({ protocol: 'http:', host: 'localhost:5173' }));
    expect(await upgradeStatus(dev.url, { origin: 'http://localhost:5173' })).toBe(101);
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
});
