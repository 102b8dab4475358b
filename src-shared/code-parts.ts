// The parts that share codes (share-code.ts) and relay codes (relay-code.ts) have in common: a
// checksum that catches typos and truncation before any network step, and signaling hints, each a
// length byte and a ws:// or wss:// URL.
import { bytesEqual, concatBytes, fromUtf8, utf8 } from './bytes';
import { sodium } from './crypto/sodium';

export const MAX_HINTS = 8;
const MAX_HINT_BYTES = 200;
const CHECKSUM_BYTES = 4;

/** True for ws:// and wss:// URLs with a host: the only kind of signaling hint accepted. */
export function isSignalingUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'ws:' || url.protocol === 'wss:') &&
      url.hostname.length > 0 &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

/** `body` followed by its checksum (the first 4 bytes of BLAKE2b). */
export const withChecksum = (body: Uint8Array): Uint8Array =>
  concatBytes(body, sodium().crypto_generichash(32, body, null).subarray(0, CHECKSUM_BYTES));

/** The body of `bytes` if its last 4 bytes are its checksum, else null. */
export function checkedBody(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length <= CHECKSUM_BYTES) return null;
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  const sum = sodium().crypto_generichash(32, body, null).subarray(0, CHECKSUM_BYTES);
  return bytesEqual(sum, bytes.subarray(bytes.length - CHECKSUM_BYTES)) ? body : null;
}

/** A hint count and the first MAX_HINTS hints. Throws on a hint that is not a signaling URL or is too long. */
export function encodeHints(hints: readonly string[]): Uint8Array {
  const parts = hints.slice(0, MAX_HINTS).map((h) => {
    if (!isSignalingUrl(h)) throw new RangeError('signaling hint must be a ws:// or wss:// URL');
    const b = utf8(h);
    if (b.length > MAX_HINT_BYTES) throw new RangeError('signaling hint too long');
    return concatBytes(Uint8Array.of(b.length), b);
  });
  return concatBytes(Uint8Array.of(parts.length), ...parts);
}

/**
 * Reads the hints at `offset` of `body`, which must end with them: the hints, or 'bad-hint' (too
 * many, or not a signaling URL) or 'damaged' (cut short, or bytes left over).
 */
export function decodeHints(body: Uint8Array, offset: number): string[] | 'bad-hint' | 'damaged' {
  const count = body[offset];
  if (count === undefined) return 'damaged';
  if (count > MAX_HINTS) return 'bad-hint';
  const hints: string[] = [];
  let at = offset + 1;
  for (let i = 0; i < count; i++) {
    const len = body[at];
    if (len === undefined || at + 1 + len > body.length) return 'damaged';
    let hint: string;
    try {
      hint = fromUtf8(body.subarray(at + 1, at + 1 + len));
    } catch {
      return 'bad-hint';
    }
    if (!isSignalingUrl(hint)) return 'bad-hint';
    hints.push(hint);
    at += 1 + len;
  }
  return at === body.length ? hints : 'damaged';
}
