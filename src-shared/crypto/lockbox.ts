// Lockboxes: a rekey record hands the new epoch's keys to each remaining member, sealed to that
// member's X25519 key (issue 15, design section "Epochs"). Each box is bound to its circle, epoch,
// recipient and rekey, so it cannot be replayed anywhere else, and what it holds is checked
// against the commitment in the signed record, so a facilitator cannot hand one member keys
// that differ from everyone else's.
import { bytesEqual, concatBytes, fromBase64Url, toBase64Url, utf8 } from '../bytes';
import {
  boxPublicKeyOf,
  boxSecretKeyOf,
  fingerprintOf,
  type EpochKeys,
  type MemberKeys,
} from './keys';
import { randomBytes } from './random';
import { sodium } from './sodium';

/** What a lockbox is bound to; a box opens only under exactly the binding it was sealed with. */
export interface LockboxBinding {
  circleId: string;
  epoch: number;
  rekeyId: string;
}

/** The lockboxes of one rekey: one ephemeral public key shared by all boxes, one box per member. */
export interface SealedLockboxes {
  ephemeral: string;
  boxes: { to: string; box: string }[];
}

const SECRET_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const BOX_BYTES = NONCE_BYTES + 2 * SECRET_BYTES + TAG_BYTES;
// Lengths of the unpadded base64url strings, checked before decoding so junk costs nothing.
const PUBLIC_KEY_CHARS = Math.ceil((PUBLIC_KEY_BYTES * 4) / 3);
const BOX_CHARS = Math.ceil((BOX_BYTES * 4) / 3);
const MAX_EPOCH = 0xffffffff;

const isEpoch = (epoch: unknown): epoch is number =>
  Number.isInteger(epoch) && (epoch as number) >= 0 && (epoch as number) <= MAX_EPOCH;

function epochBytes(epoch: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, epoch, false);
  return out;
}

function checkEpochKeys(keys: EpochKeys): void {
  if (!isEpoch(keys.epoch)) throw new RangeError('epoch must be an integer in 0..2^32-1');
  if (keys.roomSecret.length !== SECRET_BYTES || keys.contentKey.length !== SECRET_BYTES) {
    throw new RangeError('room secret and content key must be 32 bytes each');
  }
}

/** Base64url commitment to an epoch's keys: equal strings mean equal epoch, room secret and content key. */
export function epochKeyCommitment(keys: EpochKeys): string {
  checkEpochKeys(keys);
  return toBase64Url(
    fingerprintOf(
      'epoch-keys',
      concatBytes(epochBytes(keys.epoch), keys.roomSecret, keys.contentKey),
    ),
  );
}

const associatedData = (binding: LockboxBinding, to: string): Uint8Array =>
  utf8(`hearth/lockbox/v1|${binding.circleId}|${binding.epoch}|${to}|${binding.rekeyId}`);

/** The AEAD key both sides derive; it also commits to both public keys, not only the shared point. */
function boxKey(
  shared: Uint8Array,
  ephemeralPublic: Uint8Array,
  recipientBoxPublic: Uint8Array,
): Uint8Array {
  return fingerprintOf('lockbox', concatBytes(shared, ephemeralPublic, recipientBoxPublic));
}

/** The X25519 key of a base64url Ed25519 public key; RangeError unless it is a valid point. */
function recipientBoxKey(recipient: string): Uint8Array {
  const signPublic = typeof recipient === 'string' ? fromBase64Url(recipient) : null;
  if (!signPublic || signPublic.length !== PUBLIC_KEY_BYTES) {
    throw new RangeError('lockbox recipient is not a 32-byte base64url public key');
  }
  try {
    return boxPublicKeyOf(signPublic);
  } catch {
    throw new RangeError('lockbox recipient is not a valid Ed25519 public key');
  }
}

/**
 * Seals the epoch's keys to every recipient under one fresh ephemeral key; only the holder of a
 * recipient's secret key can open that recipient's box, and only under this exact binding.
 * Throws RangeError on an invalid or repeated recipient key or malformed epoch keys.
 */
export function sealLockboxes(
  keys: EpochKeys,
  recipients: readonly string[],
  binding: Omit<LockboxBinding, 'epoch'>,
): SealedLockboxes {
  checkEpochKeys(keys);
  if (new Set(recipients).size !== recipients.length) {
    throw new RangeError('lockbox recipients must be distinct');
  }
  // Validate every recipient before sealing anything, so a bad key never yields half a rekey.
  const recipientKeys = recipients.map(recipientBoxKey);
  const s = sodium();
  const ephemeral = s.crypto_box_keypair();
  const plaintext = concatBytes(keys.roomSecret, keys.contentKey);
  const full: LockboxBinding = { ...binding, epoch: keys.epoch };
  try {
    const boxes = recipients.map((to, i) => {
      const recipientBox = recipientKeys[i]!;
      const shared = s.crypto_scalarmult(ephemeral.privateKey, recipientBox);
      const key = boxKey(shared, ephemeral.publicKey, recipientBox);
      const nonce = randomBytes(NONCE_BYTES);
      const sealed = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext,
        associatedData(full, to),
        null,
        nonce,
        key,
      );
      s.memzero(shared);
      s.memzero(key);
      return { to, box: toBase64Url(concatBytes(nonce, sealed)) };
    });
    return { ephemeral: toBase64Url(ephemeral.publicKey), boxes };
  } finally {
    s.memzero(ephemeral.privateKey);
    s.memzero(plaintext);
  }
}

/** Decodes a base64url string of exactly `bytes` bytes (checked on length first), else null. */
function decodeExact(text: unknown, chars: number, bytes: number): Uint8Array | null {
  if (typeof text !== 'string' || text.length !== chars) return null;
  const out = fromBase64Url(text);
  return out && out.length === bytes ? out : null;
}

function validBinding(binding: LockboxBinding): boolean {
  return (
    typeof binding === 'object' &&
    binding !== null &&
    typeof binding.circleId === 'string' &&
    typeof binding.rekeyId === 'string' &&
    isEpoch(binding.epoch)
  );
}

/**
 * Opens my lockbox: returns the epoch's keys only if the box was sealed to me under exactly this
 * binding and its contents match `commitment`; null for anything else. Never throws.
 */
export function openLockbox(
  input: { ephemeral: string; box: string },
  me: MemberKeys,
  binding: LockboxBinding,
  commitment: string,
): EpochKeys | null {
  if (typeof input !== 'object' || input === null || !validBinding(binding)) return null;
  const ephemeralPublic = decodeExact(input.ephemeral, PUBLIC_KEY_CHARS, PUBLIC_KEY_BYTES);
  const box = decodeExact(input.box, BOX_CHARS, BOX_BYTES);
  const expected = decodeExact(commitment, PUBLIC_KEY_CHARS, 32);
  if (!ephemeralPublic || !box || !expected) return null;
  const s = sodium();
  let secret: Uint8Array | undefined;
  let shared: Uint8Array | undefined;
  let key: Uint8Array | undefined;
  let plaintext: Uint8Array | undefined;
  try {
    secret = boxSecretKeyOf(me.signSecretKey);
    const myBoxPublic = boxPublicKeyOf(me.signPublicKey);
    // libsodium throws here when the ephemeral key is a low-order point (all-zero shared secret).
    shared = s.crypto_scalarmult(secret, ephemeralPublic);
    key = boxKey(shared, ephemeralPublic, myBoxPublic);
    plaintext = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      box.subarray(NONCE_BYTES),
      associatedData(binding, toBase64Url(me.signPublicKey)),
      box.subarray(0, NONCE_BYTES),
      key,
    );
    const keys: EpochKeys = {
      epoch: binding.epoch,
      roomSecret: plaintext.slice(0, SECRET_BYTES),
      contentKey: plaintext.slice(SECRET_BYTES),
    };
    return bytesEqual(fromBase64Url(epochKeyCommitment(keys))!, expected) ? keys : null;
  } catch {
    // Wrong recipient, wrong binding, tampered box or a key libsodium rejects: all mean "not mine".
    return null;
  } finally {
    for (const bytes of [secret, shared, key, plaintext]) if (bytes) s.memzero(bytes);
  }
}
