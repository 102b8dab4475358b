// Limits per client address on a public signaling server, written as attacks: a flood spread over
// many connections from one address, each within its own budget, is cut off while another address
// goes on; a header naming another address does not escape the limit unless the server was told
// it sits behind a proxy on loopback; and a receiver that stops reading is dropped while the
// publisher and everyone else are served.
import { afterEach, describe, expect, it } from 'vitest';
import {
  AddressBudgets,
  UNLIMITED_ADDRESS_LIMITS,
} from '../../src-server/signaling/address-limits';
import type { SignalingLogEntry } from '../../src-server/signaling/log';
import { closeAll, connect, serve, upgradeStatus, waitFor } from '../support/signaling-clients';

afterEach(closeAll);

describe('AddressBudgets', () => {
  const limits = { maxConnections: 2, framesPerSecond: 10, frameBurst: 4 };

  it('caps connections per address and forgets an address with its last connection', () => {
    const table = new AddressBudgets(limits);
    table.opened('198.51.100.1', 0);
    table.opened('198.51.100.1', 0);
    expect(table.mayConnect('198.51.100.1')).toBe(false);
    expect(table.mayConnect('198.51.100.2')).toBe(true);
    table.closed('198.51.100.1');
    expect(table.mayConnect('198.51.100.1')).toBe(true);
    table.closed('198.51.100.1');
    expect(table.size()).toBe(0);
    table.closed('198.51.100.1'); // a stray close does not go below zero
    expect(table.size()).toBe(0);
  });

  it('shares one frame budget among all connections of an address, refilled over time', () => {
    const table = new AddressBudgets(limits);
    table.opened('198.51.100.1', 0);
    table.opened('198.51.100.1', 0);
    table.opened('198.51.100.2', 0);
    // Two connections of one address draw on the same four frames.
    expect([0, 0, 0, 0, 0].map(() => table.frame('198.51.100.1', 0))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(table.frame('198.51.100.2', 0)).toBe(true); // another address has its own
    expect(table.frame('198.51.100.1', 100)).toBe(true); // 10 a second: one back after 100 ms
    expect(table.frame('198.51.100.1', 100)).toBe(false);
    expect(table.frame('203.0.113.9', 0)).toBe(false); // no open connection, no frames
  });

  it('limits nothing by default', () => {
    const table = new AddressBudgets(UNLIMITED_ADDRESS_LIMITS);
    for (let i = 0; i < 1_000; i++) table.opened('198.51.100.1', 0);
    expect(table.mayConnect('198.51.100.1')).toBe(true);
    for (let i = 0; i < 10_000; i++) expect(table.frame('198.51.100.1', 0)).toBe(true);
  });
});

describe('signaling server, per address', () => {
  it('cuts off a flood spread over connections from one address and serves another address', async () => {
    const logs: SignalingLogEntry[] = [];
    const server = await serve({
      addressRateLimit: { framesPerSecond: 1, frameBurst: 30 },
      log: (e) => logs.push(e),
    });
    const listener = await connect(server, { localAddress: '127.0.0.2' });
    listener.send({ type: 'subscribe', topics: ['room'] });
    await listener.sync();
    // Ten connections of one address, 5 frames each: every one within its own budget (3,000),
    // 50 together against the address's 30.
    const flood = await Promise.all(Array.from({ length: 10 }, () => connect(server)));
    const cutOff: number[] = [];
    for (const c of flood) c.ws.on('close', (code) => cutOff.push(code));
    for (let i = 0; i < 5; i++)
      for (const c of flood) c.send({ type: 'publish', topic: 'room', data: 'flood' });
    await waitFor(() => cutOff.length > 0);
    expect(cutOff.every((code) => code === 1008)).toBe(true);
    // The other address is served as before, and no more than the address's budget got through.
    listener.send({ type: 'publish', topic: 'room', data: 'still here' });
    let relayed = 0;
    for (let m = await listener.next(); m.data !== 'still here'; m = await listener.next()) {
      expect(m.data).toBe('flood');
      relayed++;
    }
    expect(relayed).toBeLessThanOrEqual(30);
    const limited = logs.filter((e) => e.event === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((e) => e.reason === 'address_budget')).toBe(true);
    expect(limited[0]!.addressPrefix).toBe('127.0.0.0/24');
  });

  it('ignores X-Forwarded-For unless told it is behind a proxy on loopback', async () => {
    const spoofed = (n: number) => ({ headers: { 'X-Forwarded-For': `198.51.100.${n}` } });
    // An attacker naming a new address in each request stays one address to a direct server.
    const direct = await serve({ maxConnectionsPerAddress: 1 });
    await connect(direct, spoofed(1));
    expect(await upgradeStatus(direct.url, spoofed(2))).toBe(429);

    const proxied = await serve({ maxConnectionsPerAddress: 1, trustProxy: true });
    await connect(proxied, { headers: { 'X-Forwarded-For': '203.0.113.50, 198.51.100.1' } });
    expect(await upgradeStatus(proxied.url, spoofed(1))).toBe(429); // the proxy's (last) entry
    expect(await upgradeStatus(proxied.url, spoofed(2))).toBe(101);
    // Junk in the header counts as the proxy's own address.
    expect(await upgradeStatus(proxied.url, { headers: { 'X-Forwarded-For': 'junk' } })).toBe(101);
    expect(await upgradeStatus(proxied.url, { headers: { 'X-Forwarded-For': 'junk' } })).toBe(429);
  });

  it('drops a receiver that stops reading, and serves the publisher and the others', async () => {
    const logs: SignalingLogEntry[] = [];
    const server = await serve({ log: (e) => logs.push(e) });
    const [publisher, reader, stalled] = await Promise.all([
      connect(server),
      connect(server),
      connect(server),
    ]);
    for (const c of [reader, stalled]) c.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([publisher.sync(), reader.sync(), stalled.sync()]);
    // The stalled client's socket stops reading: the kernel's buffers fill, then the server's.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(200 * 1024);
    for (let i = 0; i < 100; i++) {
      publisher.send({ type: 'publish', topic: 'room', data: big });
      expect((await reader.next()).data).toBe(big);
    }
    await waitFor(() => logs.some((e) => e.event === 'receiver_not_reading'));
    await waitFor(() => server.connections() === 2);
    publisher.send({ type: 'publish', topic: 'room', data: 'small' });
    for (let m = await reader.next(); m.data !== 'small'; m = await reader.next());
    await publisher.sync();
  });
});
