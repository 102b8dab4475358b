// The vault key: one random key per device that encrypts everything Hearth stores. It is kept
// on disk only wrapped by a key derived from the passphrase with Argon2id.
import { randomBytes } from './random';
import { sodium } from './sodium';

export interface KdfParams {
  /** Argon2id parameters, stored so old vaults still open if the defaults change. */
  opslimit: number;
  memlimit: number;
  salt: Uint8Array;
}

export interface WrappedVaultKey extends KdfParams {
  v: 1;
  nonce: Uint8Array;
  wrapped: Uint8Array;
}

/** libsodium's INTERACTIVE limits: about 0.6 s in Chromium, once per unlock. */
export function newKdfParams(): KdfParams {
  const s = sodium();
  return {
    opslimit: s.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    memlimit: s.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    salt: randomBytes(s.crypto_pwhash_SALTBYTES),
  };
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

export function wrapVaultKey(
  vaultKey: Uint8Array,
  kek: Uint8Array,
  params: KdfParams,
): WrappedVaultKey {
  const s = sodium();
  const nonce = randomBytes(s.crypto_secretbox_NONCEBYTES);
  return { v: 1, ...params, nonce, wrapped: s.crypto_secretbox_easy(vaultKey, nonce, kek) };
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
