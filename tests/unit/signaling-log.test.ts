// What the signaling server logs, as an operator's log collector would keep it: one JSON object per
// line with an event, counts and durations; never a topic, never a payload, never a client's
// address in full. The server is driven through everything that logs (connections, refusals, rate
// limits, oversized and malformed frames, a shutdown) with secret-looking topics and payloads, from
// a client whose proxy names its address.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  addressPrefix,
  formatLogLine,
  type SignalingLogEntry,
} from '../../src-server/signaling/log';
import { closeAll, connect, serve, upgradeStatus, waitFor } from '../support/signaling-clients';

describe('addressPrefix', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:203.0.113.77', '203.0.113.0/24'],
    ['2001:db8:5:1234::99', '2001:db8:5::/48'],
    ['2001:0db8:0005:ffff:0:0:0:1', '2001:db8:5::/48'],
    ['::1', '0:0:0::/48'],
    ['fe80::1%eth0', 'fe80:0:0::/48'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
    ['203.0.113.777', 'unknown'],
  ])('keeps only the network of %j', (address, prefix) => {
    expect(addressPrefix(address)).toBe(prefix);
  });
});

describe('formatLogLine', () => {
  it('writes one JSON object on one line, the time first', () => {
    const line = formatLogLine(
      { event: 'connection_closed', level: 'info', connections: 3, durationMs: 1200 },
      new Date('2026-12-07T12:00:00Z'),
    );
    expect(line).toBe(
      '{"time":"2026-12-07T12:00:00.000Z","event":"connection_closed","level":"info","connections":3,"durationMs":1200}',
    );
  });
});

describe('signaling server log', () => {
  it('names no topic, no payload and no full address, whatever a client does', async () => {
    const entries: SignalingLogEntry[] = [];
    const server = await serve({
      log: (e) => entries.push(e),
      trustProxy: true,
      maxConnectionsPerAddress: 2,
      maxMessageBytes: 4096,
      rateLimits: {
        framesPerSecond: 1,
        frameBurst: 8,
        relayBytesPerSecond: 1e9,
        relayByteBurst: 1e9,
      },
    });
    const client = { headers: { 'X-Forwarded-For': '203.0.113.77' } };
    const [a, b] = await Promise.all([connect(server, client), connect(server, client)]);
    expect(await upgradeStatus(server.url, client)).toBe(429); // per address
    a.send({ type: 'subscribe', topics: ['secret-room-name'] });
    b.send({ type: 'subscribe', topics: ['secret-room-name'] });
    a.send({ type: 'publish', topic: 'secret-room-name', data: 'secret-payload' });
    a.send('{"secret-malformed"');
    b.send({ type: 'publish', topic: 'secret-room-name', data: `secret-big-${'z'.repeat(5000)}` });
    for (let i = 0; i < 10; i++) a.send({ type: 'publish', topic: 'secret-room-name', data: i });
    await Promise.all([a.closed, b.closed]); // over its budget (1008), too big (1009)
    const c = new WebSocket(server.url, client);
    await new Promise((r) => c.once('open', r));
    await server.close();
    await waitFor(() => entries.some((e) => e.event === 'closed'));
    await closeAll();

    const events = new Set(entries.map((e) => e.event));
    for (const event of [
      'listening',
      'connection_opened',
      'connection_closed',
      'upgrade_refused',
      'rate_limited',
      'connection_error',
      'shutdown_started',
      'closed',
    ]) {
      expect(events).toContain(event);
    }
    const text = entries.map((e) => formatLogLine(e)).join('\n');
    expect(text).not.toMatch(/secret/);
    expect(text).not.toContain('203.0.113.77');
    // No client address in full: the only addresses are networks, and the server's own URL.
    const withoutOwnUrl = entries
      .filter((e) => e.event !== 'listening')
      .map((e) => formatLogLine(e));
    for (const line of withoutOwnUrl) {
      for (const ip of line.match(/\d+\.\d+\.\d+\.\d+(\/\d+)?/g) ?? [])
        expect(ip).toMatch(/\.0\/24$/);
    }
    expect(entries.find((e) => e.event === 'rate_limited')?.addressPrefix).toBe('203.0.113.0/24');
    const closed = entries.filter((e) => e.event === 'connection_closed');
    expect(closed.map((e) => e.closeCode)).toEqual(expect.arrayContaining([1008, 1001]));
    // The oversized frame: ws's error code, never its message.
    expect(entries.find((e) => e.event === 'connection_error')?.code).toMatch(/^WS_ERR_/);
    for (const e of closed) expect(e.durationMs).toBeGreaterThanOrEqual(0);
    for (const e of entries) expect(['info', 'warn', 'error']).toContain(e.level);
  });
});
