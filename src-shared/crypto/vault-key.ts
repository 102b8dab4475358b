// The vault key: one random key per device that encrypts everything Hearth stores. It is kept
// on disk only wrapped by a key derived from the passphrase with Argon2id.
import { randomBytes } from './random';
import { sodium } from './sodium';

/** Argon2id's two cost limits: passes over memory, and the memory in bytes. */
export interface KdfLimits {
  opslimit: number;
  memlimit: number;
}

export interface KdfParams extends KdfLimits {
  salt: Uint8Array;
}

const MiB = 1024 * 1024;

/**
 * The limits every vault is wrapped with, chosen by measurement (bench/README.md, "Choosing the
 * Argon2id limits"): on 2 cores in Chromium's worker, 2 passes over 384 MiB took 1.04–1.13 s,
 * as long as libsodium's MODERATE (3 passes, 256 MiB) with half again the memory an attacker must
 * hold per guess. Unlock, passphrase to unlocked, stays under 1.5 s (`unlockMs`).
 */
export const VAULT_KDF_LIMITS: Readonly<KdfLimits> = { opslimit: 2, memlimit: 384 * MiB };

/** libsodium's INTERACTIVE limits: what every vault made before issue 16 was wrapped with. */
export const LEGACY_KDF_LIMITS: Readonly<KdfLimits> = { opslimit: 2, memlimit: 64 * MiB };

/**
 * The most a stored wrap may ask for: twice today's passes and twice its memory, room for one
 * raise without a code change. More is refused: a file that asks for 4 GiB or a million passes
 * would otherwise freeze or crash the unlock.
 */
export const MAX_KDF_LIMITS: Readonly<KdfLimits> = { opslimit: 4, memlimit: 768 * MiB };

/** Before issue 16: INTERACTIVE limits, opened once more to move to v2. */
export interface LegacyWrappedVaultKey extends KdfParams {
  v: 1;
  nonce: Uint8Array;
  wrapped: Uint8Array;
}

/** The vault key wrapped by Argon2id(passphrase); the limits it was made with are stored beside it. */
export interface CurrentWrappedVaultKey extends KdfParams {
  v: 2;
  nonce: Uint8Array;
  wrapped: Uint8Array;
}

export type WrappedVaultKey = LegacyWrappedVaultKey | CurrentWrappedVaultKey;

/** Fresh parameters for a new wrap: a random salt and VAULT_KDF_LIMITS. */
export function newKdfParams(): KdfParams {
  return { ...VAULT_KDF_LIMITS, salt: randomBytes(sodium().crypto_pwhash_SALTBYTES) };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/**
 * The parameters to derive with for a stored wrap, or null when they must not be used: a v2
 * wrap whose limits are below VAULT_KDF_LIMITS (forged to make guessing cheap) or above
 * MAX_KDF_LIMITS (forged to hang the unlock), or a v1 wrap with anything but the exact legacy
 * INTERACTIVE limits. Never returns weaker limits than the legacy ones, and those only for v1.
 */
export function kdfParamsToDerive(wrap: WrappedVaultKey): KdfParams | null {
  const { opslimit, memlimit, salt } = wrap;
  if (!isCount(opslimit) || !isCount(memlimit) || !(salt instanceof Uint8Array)) return null;
  if (salt.byteLength !== sodium().crypto_pwhash_SALTBYTES) return null;
  if (wrap.v === 1) {
    const legacy =
      opslimit === LEGACY_KDF_LIMITS.opslimit && memlimit === LEGACY_KDF_LIMITS.memlimit;
    return legacy ? { opslimit, memlimit, salt } : null;
  }
  if (wrap.v !== 2) return null;
  const inRange = (value: number, key: keyof KdfLimits) =>
    value >= VAULT_KDF_LIMITS[key] && value <= MAX_KDF_LIMITS[key];
  return inRange(opslimit, 'opslimit') && inRange(memlimit, 'memlimit')
    ? { opslimit, memlimit, salt }
    : null;
}

/** True when the wrap should be made again with today's limits (a v1 wrap, or older v2 limits). */
export function needsRewrap(wrap: WrappedVaultKey): boolean {
  return (
    wrap.v !== 2 ||
    wrap.opslimit !== VAULT_KDF_LIMITS.opslimit ||
    wrap.memlimit !== VAULT_KDF_LIMITS.memlimit
  );
}

/** Argon2id(passphrase) -> 32-byte key-encryption key. Slow on purpose: run it off the UI thread. */
export function deriveKek(passphrase: string, params: KdfParams): Uint8Array {
  const s = sodium();
  return s.crypto_pwhash(
    32,
    passphrase,
    params.salt,
    params.opslimit,
    params.memlimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/** Wraps the vault key under the KEK as a v2 wrap that records `params` (salt and limits). */
export function wrapVaultKey(
  vaultKey: Uint8Array,
  kek: Uint8Array,
  params: KdfParams,
): CurrentWrappedVaultKey {
  const s = sodium();
  const nonce = randomBytes(s.crypto_secretbox_NONCEBYTES);
  const { opslimit, memlimit, salt } = params;
  return {
    v: 2,
    opslimit,
    memlimit,
    salt,
    nonce,
    wrapped: s.crypto_secretbox_easy(vaultKey, nonce, kek),
  };
}

/** The vault key, or null when the key-encryption key is wrong (a wrong passphrase). */
export function unwrapVaultKey(wrapped: WrappedVaultKey, kek: Uint8Array): Uint8Array | null {
  try {
    return sodium().crypto_secretbox_open_easy(wrapped.wrapped, wrapped.nonce, kek);
  } catch {
    return null;
  }
}

/**
 * Encrypts a stored value. The associated data names where the value lives (table and row),
 * so a ciphertext copied into another row does not decrypt there.
 */
export function encryptAtRest(plain: Uint8Array, vaultKey: Uint8Array, place: string): Uint8Array {
  const s = sodium();
  const nonce = randomBytes(24);
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, place, null, nonce, vaultKey);
  const out = new Uint8Array(24 + ct.length);
  out.set(nonce);
  out.set(ct, 24);
  return out;
}

/** Decrypts a stored value; throws if it was altered or belongs elsewhere. */
export function decryptAtRest(sealed: Uint8Array, vaultKey: Uint8Array, place: string): Uint8Array {
  return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    sealed.subarray(24),
    place,
    sealed.subarray(0, 24),
    vaultKey,
  );
}
