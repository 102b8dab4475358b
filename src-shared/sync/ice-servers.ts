// The STUN and TURN servers a person adds, and "Hide my IP address from members": what may be
// stored and handed to RTCPeerConnection. Every value comes from a person's typing or from
// storage, so it is parsed here before it goes anywhere (no `javascript:`, no credentials in a
// URL, bounded sizes), and the relay-only policy cannot exist without a TURN server to relay.
import { z } from 'zod';
import type { IceServer } from './webrtc-provider';

/** The most servers kept: more only slows every connection's gathering. */
export const MAX_ICE_SERVERS = 16;
/** Longest URL, TURN username or credential accepted (coturn's own limit is 512 bytes). */
export const MAX_ICE_FIELD_CHARS = 256;

/**
 * RFC 7064/7065: `stun:host[:port]`, `turn:host[:port][?transport=udp|tcp]`, `turns:` likewise.
 * Host: a DNS name, IPv4, or a bracketed IPv6 address; nothing else (no `@`, `//`, path or space).
 */
const ICE_URL =
  /^(stun|turns?):(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::(\d{1,5}))?(\?transport=(?:udp|tcp))?$/i;

/** Printable text without control characters (a username or credential). */
const Printable = z
  .string()
  .min(1)
  .max(MAX_ICE_FIELD_CHARS, `At most ${MAX_ICE_FIELD_CHARS} characters, please.`)
  .refine((s) => !/[\p{Cc}]/u.test(s), 'Only printable characters, please.');

/** Whether `url` names a STUN or a TURN server (`turns:` is TURN over TLS). */
export const iceServerKind = (url: string): 'stun' | 'turn' =>
  url.toLowerCase().startsWith('stun:') ? 'stun' : 'turn';

/** Accepts only a stun:, turn: or turns: URL with a plain host, an optional port and transport. */
export const IceServerUrl = z
  .string()
  .max(MAX_ICE_FIELD_CHARS, 'That address is too long.')
  .refine((url) => {
    const m = ICE_URL.exec(url);
    if (!m) return false;
    const port = m[2] === undefined ? 1 : Number(m[2]);
    // A transport parameter belongs to TURN only.
    return port >= 1 && port <= 65535 && !(m[1]!.toLowerCase() === 'stun' && m[3]);
  }, 'Please enter an address like stun:stun.example.org:3478 or turn:turn.example.org:3478.');

/** One server: a TURN server always with its username and credential, a STUN server never. */
export const IceServerEntry = z
  .strictObject({
    url: IceServerUrl,
    username: Printable.optional(),
    credential: Printable.optional(),
  })
  .refine(
    (s) =>
      iceServerKind(s.url) === 'turn'
        ? s.username !== undefined && s.credential !== undefined
        : s.username === undefined && s.credential === undefined,
    'A TURN server needs its username and password; a STUN server takes neither.',
  );
export type IceServerEntry = z.infer<typeof IceServerEntry>;

/** The person's ICE settings as stored (sealed) and shown. */
export const IcePreferences = z
  .strictObject({
    servers: z
      .array(IceServerEntry)
      .max(MAX_ICE_SERVERS, `At most ${MAX_ICE_SERVERS} servers.`)
      .refine((list) => new Set(list.map((s) => s.url)).size === list.length, 'Listed twice.'),
    hideIp: z.boolean(),
  })
  .refine(
    (p) => !p.hideIp || p.servers.some((s) => iceServerKind(s.url) === 'turn'),
    'Hiding your IP address needs a TURN server to carry your connections.',
  );
export type IcePreferences = z.infer<typeof IcePreferences>;

/** Nothing added, nothing hidden. */
export const NO_ICE_PREFERENCES: IcePreferences = { servers: [], hideIp: false };

/** What RTCPeerConnection is given. */
export interface IceConfig {
  iceServers: IceServer[];
  iceTransportPolicy: 'all' | 'relay';
}

/**
 * The RTCPeerConnection configuration for `prefs`: with hiding on, relay-only through the TURN
 * servers alone, so no candidate ever names this computer's addresses.
 */
export function iceConfigFor(prefs: IcePreferences): IceConfig {
  const servers = prefs.hideIp
    ? prefs.servers.filter((s) => iceServerKind(s.url) === 'turn')
    : prefs.servers;
  return {
    iceServers: servers.map(({ url, username, credential }) =>
      username === undefined ? { urls: url } : { urls: url, username, credential },
    ),
    iceTransportPolicy: prefs.hideIp ? 'relay' : 'all',
  };
}

/**
 * Used until the person's settings are read (and after a lock, or if they cannot be read):
 * relay-only with no relay, so nothing connects, rather than connecting with the address shown.
 */
export const ICE_CLOSED: IceConfig = { iceServers: [], iceTransportPolicy: 'relay' };
