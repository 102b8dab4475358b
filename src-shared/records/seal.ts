// Sign-then-encrypt for circle records.
//
// inner plaintext = signature(64) || content (UTF-8 JSON, exactly the bytes that were signed)
// sealed envelope = version(1) || epoch(u32 BE) || nonce(24) || XChaCha20-Poly1305(inner)
// The header is the AEAD's associated data, so the epoch cannot be swapped on a record.
import { fromBase64Url, fromUtf8, utf8 } from '../bytes';
import { randomBytes } from '../crypto/random';
import { sodium } from '../crypto/sodium';
import { admissionKnockValid } from './knock';
import { MAX_SEALED_RECORD_BYTES, parseRecordContent, type RecordContent } from './schema';

/**
 * Content keys by epoch. Two concurrent rekeys can give one epoch two keys (docs/ARCHITECTURE.md
 * "Epochs"), so an epoch maps to a list, tried in turn.
 */
export type ContentKeys = ReadonlyMap<number, readonly Uint8Array[]>;

/** Groups [epoch, key] pairs (as jobs carry them to workers) into ContentKeys. */
export function contentKeyMap(pairs: readonly (readonly [number, Uint8Array])[]): ContentKeys {
  const map = new Map<number, Uint8Array[]>();
  for (const [epoch, key] of pairs) {
    const list = map.get(epoch);
    if (list) list.push(key);
    else map.set(epoch, [key]);
  }
  return map;
}

export const ENVELOPE_VERSION = 1;
const HEADER_BYTES = 5;
const NONCE_BYTES = 24;
const SIG_BYTES = 64;
const AEAD_TAG_BYTES = 16;

/** Why a record was dropped. Counted per reason so the UI can say what it ignored. */
export type RejectReason =
  | 'oversized'
  | 'malformed'
  | 'unknown-epoch'
  | 'undecryptable'
  | 'bad-signature'
  | 'invalid-content'
  | 'wrong-circle';

export type OpenResult =
  | { ok: true; record: RecordContent; signed: Uint8Array; nonceKey: string }
  | { ok: false; reason: RejectReason };

/** Signs content with the author's Ed25519 key; returns signature || content bytes. */
export function signContent(content: RecordContent, signSecretKey: Uint8Array): Uint8Array {
  const bytes = utf8(JSON.stringify(content));
  const sig = sodium().crypto_sign_detached(bytes, signSecretKey);
  const out = new Uint8Array(SIG_BYTES + bytes.length);
  out.set(sig, 0);
  out.set(bytes, SIG_BYTES);
  return out;
}

/** Checks a signature || content blob and parses it; the author key is taken from the content. */
export function verifySigned(
  signed: Uint8Array,
): { ok: true; record: RecordContent } | { ok: false; reason: RejectReason } {
  if (signed.length <= SIG_BYTES) return { ok: false, reason: 'malformed' };
  const sig = signed.subarray(0, SIG_BYTES);
  const bytes = signed.subarray(SIG_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(bytes));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // A kind this app does not know comes back as a `foreign` record (schema.ts): kept, not acted on.
  const content = parseRecordContent(parsed);
  if (!content) return { ok: false, reason: 'invalid-content' };
  // fromBase64Url returns null for a non-canonical key (libsodium's from_base64 would throw).
  const authorKey = fromBase64Url(content.author);
  if (!authorKey) return { ok: false, reason: 'invalid-content' };
  if (!sodium().crypto_sign_verify_detached(sig, bytes, authorKey))
    return { ok: false, reason: 'bad-signature' };
  return { ok: true, record: content };
}

/** Encrypts already-signed bytes under the epoch's content key. */
export function sealSigned(signed: Uint8Array, epoch: number, contentKey: Uint8Array): Uint8Array {
  const s = sodium();
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = ENVELOPE_VERSION;
  new DataView(header.buffer).setUint32(1, epoch);
  const nonce = randomBytes(NONCE_BYTES);
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(signed, header, null, nonce, contentKey);
  const out = new Uint8Array(HEADER_BYTES + NONCE_BYTES + ct.length);
  out.set(header, 0);
  out.set(nonce, HEADER_BYTES);
  out.set(ct, HEADER_BYTES + NONCE_BYTES);
  if (out.length > MAX_SEALED_RECORD_BYTES) throw new RangeError('record is larger than the limit');
  return out;
}

/** Signs and seals a record in one step. */
export function sealRecord(
  content: RecordContent,
  signSecretKey: Uint8Array,
  contentKey: Uint8Array,
): Uint8Array {
  return sealSigned(signContent(content, signSecretKey), content.epoch, contentKey);
}

/** Epoch stamped on an envelope, or null if it is not a well-formed envelope. */
export function envelopeEpoch(sealed: Uint8Array): number | null {
  if (sealed.length < HEADER_BYTES + NONCE_BYTES + AEAD_TAG_BYTES || sealed[0] !== ENVELOPE_VERSION)
    return null;
  return new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength).getUint32(1);
}

/**
 * A stable key for a sealed record without decrypting it: a hash of the whole envelope. Lets a
 * peer skip records it has already judged when a document is reloaded. The whole envelope, not
 * the nonce alone: nonces are public, and a forged copy of a real nonce with junk ciphertext
 * must not mark the real record as judged.
 */
export function envelopeKey(sealed: Uint8Array): string | null {
  if (envelopeEpoch(sealed) === null) return null;
  const s = sodium();
  return s.to_base64(s.crypto_generichash(16, sealed, null), s.base64_variants.URLSAFE_NO_PADDING);
}

type Decrypted =
  { ok: true; signed: Uint8Array; epoch: number } | { ok: false; reason: RejectReason };

/** The first steps of opening: size, envelope, epoch key, AEAD. */
function decryptEnvelope(sealed: unknown, contentKeys: ContentKeys): Decrypted {
  if (!(sealed instanceof Uint8Array)) return { ok: false, reason: 'malformed' };
  if (sealed.length > MAX_SEALED_RECORD_BYTES) return { ok: false, reason: 'oversized' };
  const epoch = envelopeEpoch(sealed);
  if (epoch === null) return { ok: false, reason: 'malformed' };
  const keys = contentKeys.get(epoch);
  if (!keys || keys.length === 0) return { ok: false, reason: 'unknown-epoch' };
  const header = sealed.subarray(0, HEADER_BYTES);
  const nonce = sealed.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  for (const key of keys) {
    try {
      const signed = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        sealed.subarray(HEADER_BYTES + NONCE_BYTES),
        header,
        nonce,
        key,
      );
      return { ok: true, signed, epoch };
    } catch {
      // Not this key: an epoch with two keys (concurrent rekeys) tries the other.
    }
  }
  return { ok: false, reason: 'undecryptable' };
}

/**
 * Decrypts, verifies and parses one sealed record from an untrusted peer. Never throws:
 * every failure becomes a reason. Membership is checked later, by the ledger.
 */
export function openRecord(
  sealed: unknown,
  circleId: string,
  contentKeys: ContentKeys,
  /** envelopeKey(sealed), when the caller has already worked it out. */
  knownEnvelopeKey?: string,
): OpenResult {
  const decrypted = decryptEnvelope(sealed, contentKeys);
  if (!decrypted.ok) return decrypted;
  const verified = verifySigned(decrypted.signed);
  if (!verified.ok) return verified;
  if (verified.record.circle !== circleId) return { ok: false, reason: 'wrong-circle' };
  if (verified.record.epoch !== decrypted.epoch) return { ok: false, reason: 'unknown-epoch' };
  // The name in an admission must be the newcomer's own: its knock's signature is checked here,
  // once, so the ledger (and a reload from the store) can trust it.
  if (verified.record.kind === 'admit' && !admissionKnockValid(verified.record.body))
    return { ok: false, reason: 'bad-signature' };
  return {
    ok: true,
    record: verified.record,
    signed: decrypted.signed,
    nonceKey: knownEnvelopeKey ?? envelopeKey(sealed as Uint8Array)!,
  };
}

/** What a record claims to be, read before its signature is checked. */
export interface RecordPeek {
  kind: string;
  ts: number;
}

/**
 * Decrypts a record and reads its claimed kind and time, WITHOUT checking the signature or the
 * schema: only to decide in which order a big catch-up is verified (catch-up-order.ts). Nothing
 * read here is ever shown or trusted; every record still goes through openRecord. Null when
 * the record does not even decrypt and parse.
 */
export function peekRecord(sealed: unknown, contentKeys: ContentKeys): RecordPeek | null {
  const decrypted = decryptEnvelope(sealed, contentKeys);
  if (!decrypted.ok || decrypted.signed.length <= SIG_BYTES) return null;
  try {
    const claimed = JSON.parse(fromUtf8(decrypted.signed.subarray(SIG_BYTES))) as {
      kind?: unknown;
      ts?: unknown;
    };
    return typeof claimed.kind === 'string' &&
      typeof claimed.ts === 'number' &&
      Number.isFinite(claimed.ts)
      ? { kind: claimed.kind, ts: claimed.ts }
      : null;
  } catch {
    return null;
  }
}
