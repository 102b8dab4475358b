// Small pieces of the signaling server that touch no server state: option checks, how a client's
// address is read, and the raw replies to refused upgrades.

import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RawData } from 'ws';

export function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** IPv6 literals need brackets inside a URL. */
export const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** The client's address, with an IPv4 address reached over a dual-stack socket written as IPv4. */
export function clientAddress(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return '';
  return remoteAddress.startsWith('::ffff:') && remoteAddress.includes('.')
    ? remoteAddress.slice(7)
    : remoteAddress;
}

const isLoopback = (address: string): boolean =>
  address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);

/**
 * The address a request comes from. Behind a reverse proxy on the same machine (`trustProxy`)
 * every socket is the proxy's, so the last X-Forwarded-For entry, the one the proxy itself
 * wrote, names the client. Only a loopback peer is believed: anyone else could write the header.
 */
export function requestAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = clientAddress(req.socket.remoteAddress);
  if (!trustProxy || !isLoopback(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').pop()?.trim();
  return last !== undefined && isIP(last) !== 0 ? clientAddress(last) : peer;
}

/** Rejects an upgrade with a bare HTTP response (ws's own helper is internal). */
export function refuseUpgrade(socket: Duplex, status: 403 | 429 | 503, reason: string): void {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
        `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
    );
  }
  socket.destroy();
}

/** ws hands us a Buffer, a list of fragments or an ArrayBuffer depending on framing. */
export function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
