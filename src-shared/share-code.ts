// Share codes: what a facilitator gives a newcomer.
//
// bytes = version(1) | genesis fingerprint(32) | invite secret(32) | pin | hint count(1) | hints | checksum(4)
// pin   = epoch(4, big-endian) | record hash(16): the circle's newest winning rekey when the
//         invite was made (the genesis while there is none). Version 2 on; version-1 codes have
//         none and are still read: they pin the genesis, which every welcome reaches.
// hint  = length(1) | UTF-8 ws:// or wss:// URL
// The token is 'hearth1' + base64url(bytes); the link is hearth://join/<token>. The checksum
// (first 4 bytes of BLAKE2b) catches typos and truncation before any network step.
import { concatBytes, fromBase64Url, toBase64Url } from './bytes';
import { checkedBody, decodeHints, encodeHints, withChecksum } from './code-parts';

export { isSignalingUrl } from './code-parts';

export const SHARE_CODE_VERSION = 2;
/** The first version, without a pin: still decoded. */
const VERSION_WITHOUT_PIN = 1;
const PIN_BYTES = 4 + 16;
const PREFIX = 'hearth1';
const LINK_PREFIX = 'hearth://join/';

/** A rekey (or the genesis, as epoch 0) that a welcome must prove to be taken (welcome-chain.ts). */
export interface EpochPin {
  epoch: number;
  /** Its record hash (records/record-hash.ts), base64url of 16 bytes. */
  hash: string;
}

export interface ShareCode {
  genesisFingerprint: Uint8Array;
  inviteSecret: Uint8Array;
  /** The newest winning rekey when the invite was made; null (a version-1 code) pins the genesis. */
  pin: EpochPin | null;
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

function encodePin(pin: EpochPin | null): Uint8Array {
  const hash = pin && fromBase64Url(pin.hash);
  if (!pin || !hash || hash.length !== 16 || !Number.isInteger(pin.epoch) || pin.epoch < 0)
    throw new RangeError('a share code needs a pin: an epoch and a 16-byte record hash');
  if (pin.epoch > 0xffffffff) throw new RangeError('epoch out of range');
  const out = new Uint8Array(PIN_BYTES);
  new DataView(out.buffer).setUint32(0, pin.epoch);
  out.set(hash, 4);
  return out;
}

/** Encodes a share code (always the current version, with its pin) as a token. Throws on a missing pin and on hints that are not signaling URLs. */
export function encodeShareCode(code: ShareCode): string {
  if (code.genesisFingerprint.length !== 32 || code.inviteSecret.length !== 32)
    throw new RangeError('bad key length');
  const body = concatBytes(
    Uint8Array.of(SHARE_CODE_VERSION),
    code.genesisFingerprint,
    code.inviteSecret,
    encodePin(code.pin),
    encodeHints(code.signalingHints),
  );
  return PREFIX + toBase64Url(withChecksum(body));
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
  const body = checkedBody(bytes);
  if (!body) return { ok: false, error: 'damaged' };
  const version = body[0]!;
  if (version > SHARE_CODE_VERSION) return { ok: false, error: 'newer-version' };
  if (version !== SHARE_CODE_VERSION && version !== VERSION_WITHOUT_PIN)
    return { ok: false, error: 'damaged' };
  let offset = 65;
  let pin: EpochPin | null = null;
  if (version === SHARE_CODE_VERSION) {
    if (body.length < offset + PIN_BYTES + 1) return { ok: false, error: 'damaged' };
    const epoch = new DataView(body.buffer, body.byteOffset + offset, 4).getUint32(0);
    pin = { epoch, hash: toBase64Url(body.slice(offset + 4, offset + PIN_BYTES)) };
    offset += PIN_BYTES;
  }
  const hints = decodeHints(body, offset);
  if (typeof hints === 'string') return { ok: false, error: hints };
  return {
    ok: true,
    code: {
      genesisFingerprint: body.slice(1, 33),
      inviteSecret: body.slice(33, 65),
      pin,
      signalingHints: hints,
    },
  };
}
