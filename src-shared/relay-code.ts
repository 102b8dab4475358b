// Relay codes: what a facilitator gives a blind relay (issue 18). A relay code lets its holder
// into one epoch's room of one circle, and nothing more: it holds the room secret, never a content
// key or a member key, so the relay keeps and hands on sealed records it cannot read.
//
// bytes = version(1) | relay seed(32) | epoch(4, big-endian) | room secret(32) | hints | checksum(4)
// The relay seed is the relay's own signing key (Ed25519 seed): members know the relay by its
// public key, which the facilitator's signed `relay` record names, and trust only what it signs.
// The token is 'hearthrelay1' + base64url(bytes).
import { concatBytes, fromBase64Url, toBase64Url } from './bytes';
import { checkedBody, decodeHints, encodeHints, withChecksum } from './code-parts';

export const RELAY_CODE_VERSION = 1;
const PREFIX = 'hearthrelay1';
const SEED_BYTES = 32;
const SECRET_BYTES = 32;
const FIXED_BYTES = 1 + SEED_BYTES + 4 + SECRET_BYTES;

export interface RelayCode {
  /** The relay's Ed25519 seed: its identity in the circle, made by the facilitator's app. */
  relaySeed: Uint8Array;
  /** The epoch whose room the relay may serve, and that room's secret. */
  epoch: number;
  roomSecret: Uint8Array;
  signalingUrls: string[];
}

export type RelayCodeError = 'empty' | 'not-a-code' | 'damaged' | 'newer-version' | 'bad-hint';

/** What the relay's command line says for each decode failure. */
export const relayCodeErrorMessage: Record<RelayCodeError, string> = {
  empty: 'Give the relay code a facilitator made (it starts with “hearthrelay1”).',
  'not-a-code': 'This is not a Hearth relay code: it starts with “hearthrelay1”.',
  damaged: 'This relay code is mistyped or cut short. Copy it again from the app.',
  'newer-version': 'This relay code was made by a newer version of Hearth. Update the relay.',
  'bad-hint': 'This relay code names a signaling server that is not a ws:// or wss:// address.',
};

/** Encodes a relay code as a token. Throws on wrong key lengths, an epoch out of range, or a bad hint. */
export function encodeRelayCode(code: RelayCode): string {
  if (code.relaySeed.length !== SEED_BYTES || code.roomSecret.length !== SECRET_BYTES)
    throw new RangeError('bad key length');
  if (!Number.isInteger(code.epoch) || code.epoch < 0 || code.epoch > 0xffffffff)
    throw new RangeError('epoch out of range');
  const epoch = new Uint8Array(4);
  new DataView(epoch.buffer).setUint32(0, code.epoch);
  const body = concatBytes(
    Uint8Array.of(RELAY_CODE_VERSION),
    code.relaySeed,
    epoch,
    code.roomSecret,
    encodeHints(code.signalingUrls),
  );
  return PREFIX + toBase64Url(withChecksum(body));
}

/** Decodes a relay code, tolerating spaces and line breaks from copy-paste. Never throws. */
export function decodeRelayCode(
  input: string,
): { ok: true; code: RelayCode } | { ok: false; error: RelayCodeError } {
  const text = input.replace(/\s+/g, '');
  if (text.length === 0) return { ok: false, error: 'empty' };
  if (!text.startsWith(PREFIX)) return { ok: false, error: 'not-a-code' };
  const bytes = fromBase64Url(text.slice(PREFIX.length));
  if (!bytes || bytes.length < FIXED_BYTES + 1 + 4) return { ok: false, error: 'damaged' };
  const body = checkedBody(bytes);
  if (!body) return { ok: false, error: 'damaged' };
  if (body[0]! > RELAY_CODE_VERSION) return { ok: false, error: 'newer-version' };
  if (body[0] !== RELAY_CODE_VERSION) return { ok: false, error: 'damaged' };
  const hints = decodeHints(body, FIXED_BYTES);
  if (typeof hints === 'string') return { ok: false, error: hints };
  const at = 1 + SEED_BYTES;
  return {
    ok: true,
    code: {
      relaySeed: body.slice(1, at),
      epoch: new DataView(body.buffer, body.byteOffset + at, 4).getUint32(0),
      roomSecret: body.slice(at + 4, at + 4 + SECRET_BYTES),
      signalingUrls: hints,
    },
  };
}
