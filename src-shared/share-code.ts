// Share codes: what a facilitator gives a newcomer.
//
// bytes = version(1) | genesis fingerprint(32) | invite secret(32) | hint count(1) | hints | checksum(4)
// hint  = length(1) | UTF-8 ws:// or wss:// URL
// The token is 'hearth1' + base64url(bytes); the link is hearth://join/<token>. The checksum
// (first 4 bytes of BLAKE2b) catches typos and truncation before any network step.
import { concatBytes, fromBase64Url, fromUtf8, toBase64Url, utf8, bytesEqual } from './bytes';
import { sodium } from './crypto/sodium';

export const SHARE_CODE_VERSION = 1;
const PREFIX = 'hearth1';
const LINK_PREFIX = 'hearth://join/';
const MAX_HINTS = 8;
const MAX_HINT_BYTES = 200;

export interface ShareCode {
  genesisFingerprint: Uint8Array;
  inviteSecret: Uint8Array;
  /** Signaling servers the newcomer should try first. */
  signalingHints: string[];
}

export type ShareCodeError = 'empty' | 'not-a-code' | 'damaged' | 'newer-version' | 'bad-hint';

/** User-facing wording for each decode failure. Calm, and says what to do next. */
export const shareCodeErrorMessage: Record<ShareCodeError, string> = {
  empty: 'Paste the share code you were given.',
  'not-a-code': "This doesn't look like a Hearth share code. It starts with “hearth1”.",
  damaged:
    'This code seems to be mistyped or cut short. Please copy it again from the message you received.',
  'newer-version': 'This code was made by a newer version of Hearth. Please update Hearth to join.',
  'bad-hint': 'This code contains a server address Hearth cannot use. Ask for a new code.',
};

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

function checksum(bytes: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, bytes, null).subarray(0, 4);
}

/** Encodes a share code as a token. Throws on hints that are not signaling URLs. */
export function encodeShareCode(code: ShareCode): string {
  if (code.genesisFingerprint.length !== 32 || code.inviteSecret.length !== 32)
    throw new RangeError('bad key length');
  const hints = code.signalingHints.slice(0, MAX_HINTS).map((h) => {
    if (!isSignalingUrl(h)) throw new RangeError('signaling hint must be a ws:// or wss:// URL');
    const b = utf8(h);
    if (b.length > MAX_HINT_BYTES) throw new RangeError('signaling hint too long');
    return concatBytes(Uint8Array.of(b.length), b);
  });
  const body = concatBytes(
    Uint8Array.of(SHARE_CODE_VERSION),
    code.genesisFingerprint,
    code.inviteSecret,
    Uint8Array.of(hints.length),
    ...hints,
  );
  return PREFIX + toBase64Url(concatBytes(body, checksum(body)));
}

export const shareLinkOf = (token: string): string => LINK_PREFIX + token;

/** Accepts a token or a hearth:// link, tolerating spaces and line breaks from copy-paste. */
export function decodeShareCode(
  input: string,
): { ok: true; code: ShareCode } | { ok: false; error: ShareCodeError } {
  let text = input.replace(/\s+/g, '');
  if (text.length === 0) return { ok: false, error: 'empty' };
  if (text.toLowerCase().startsWith(LINK_PREFIX)) text = text.slice(LINK_PREFIX.length);
  if (!text.startsWith(PREFIX)) return { ok: false, error: 'not-a-code' };
  const bytes = fromBase64Url(text.slice(PREFIX.length));
  if (!bytes || bytes.length < 1 + 32 + 32 + 1 + 4) return { ok: false, error: 'damaged' };
  const body = bytes.subarray(0, bytes.length - 4);
  if (!bytesEqual(checksum(body), bytes.subarray(bytes.length - 4)))
    return { ok: false, error: 'damaged' };
  if (body[0] !== SHARE_CODE_VERSION) return { ok: false, error: 'newer-version' };
  const hintCount = body[65]!;
  if (hintCount > MAX_HINTS) return { ok: false, error: 'bad-hint' };
  const hints: string[] = [];
  let offset = 66;
  for (let i = 0; i < hintCount; i++) {
    const len = body[offset];
    if (len === undefined || offset + 1 + len > body.length) return { ok: false, error: 'damaged' };
    let hint: string;
    try {
      hint = fromUtf8(body.subarray(offset + 1, offset + 1 + len));
    } catch {
      return { ok: false, error: 'bad-hint' };
    }
    if (!isSignalingUrl(hint)) return { ok: false, error: 'bad-hint' };
    hints.push(hint);
    offset += 1 + len;
  }
  if (offset !== body.length) return { ok: false, error: 'damaged' };
  return {
    ok: true,
    code: {
      genesisFingerprint: body.slice(1, 33),
      inviteSecret: body.slice(33, 65),
      signalingHints: hints,
    },
  };
}
