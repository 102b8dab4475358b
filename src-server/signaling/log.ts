// What the signaling server says about itself. Every entry is one event with counts, durations and
// short reason codes: the type has no field that could hold a topic, a payload or an address, and
// the one place an address is wanted (who hit a per-address limit) takes it through
// addressPrefix(), which keeps only the network part. The CLI prints each entry as one JSON line.

import { isIPv4, isIPv6 } from 'node:net';

export type SignalingLogEvent =
  | 'listening'
  | 'connection_opened'
  | 'connection_closed'
  | 'upgrade_refused'
  | 'rate_limited'
  | 'receiver_not_reading'
  | 'no_pong'
  | 'connection_error'
  | 'frame_dropped'
  | 'server_error'
  | 'stats'
  | 'shutdown_started'
  | 'closed'
  | 'redis_up'
  | 'redis_down'
  | 'redis_publish_failed'
  | 'open_files_limit_low';

/** Why something was refused or failed: a fixed word, never text from a client. */
export type LogReason =
  | 'origin'
  | 'connection_limit'
  | 'address_limit'
  | 'shutting_down'
  | 'connection_budget'
  | 'address_budget';

export interface SignalingLogEntry {
  event: SignalingLogEvent;
  level: 'info' | 'warn' | 'error';
  reason?: LogReason;
  /** An error's code (ECONNRESET, WS_ERR_…) or name; never its message. */
  code?: string;
  /** The network part of an address (addressPrefix), never the address itself. */
  addressPrefix?: string;
  /** Only for `listening`: where this server listens (its own address, not a client's). */
  url?: string;
  connections?: number;
  topics?: number;
  addresses?: number;
  closeCode?: number;
  durationMs?: number;
  framesIn?: number;
  relayed?: number;
  bridgedIn?: number;
  bridgedOut?: number;
  redis?: 'up' | 'down';
  /** Only for `open_files_limit_low`: the process's limit on open files. */
  openFilesLimit?: number;
}

export type SignalingLog = (entry: SignalingLogEntry) => void;

/** Expands an IPv6 literal to its eight 16-bit groups; null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.split('%', 1)[0]!;
  // An IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  const zeros = tail === undefined ? 0 : 8 - front.length - back.length;
  return [...front, ...new Array<number>(zeros).fill(0), ...back];
}

/**
 * The /24 of an IPv4 address or the /48 of an IPv6 one ("203.0.113.0/24", "2001:db8:5::/48"):
 * enough for an operator to see that one network is over a limit, not enough to name a person's
 * connection. Anything that is not an IP address gives "unknown".
 */
export function addressPrefix(address: string): string {
  if (isIPv4(address)) {
    const [a, b, c] = address.split('.');
    return `${a}.${b}.${c}.0/24`;
  }
  const groups = ipv6Groups(address);
  if (groups === null) return 'unknown';
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d) is an IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const hi = groups[6]!;
    return `${hi >> 8}.${hi & 0xff}.${groups[7]! >> 8}.0/24`;
  }
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}::/48`;
}

/** One JSON object on one line, with the time first, as log collectors expect. */
export function formatLogLine(entry: SignalingLogEntry, now: Date = new Date()): string {
  return JSON.stringify({ time: now.toISOString(), ...entry });
}
