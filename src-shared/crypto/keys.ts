// Key material for circles. See docs/ARCHITECTURE.md "Keys and secrets".
import { toBase64Url, toHex, utf8 } from '../bytes';
import { randomBytes } from './random';
import { sodium } from './sodium';

/** A member's Ed25519 signing keypair for one circle (a new one per circle keeps circles unlinkable). */
export interface MemberKeys {
  signPublicKey: Uint8Array;
  signSecretKey: Uint8Array;
}

/** Secrets of one epoch: the room secret opens the y-webrtc room, the content key opens records. */
export interface EpochKeys {
  epoch: number;
  roomSecret: Uint8Array;
  contentKey: Uint8Array;
}

export function generateMemberKeys(): MemberKeys {
  const kp = sodium().crypto_sign_keypair();
  return { signPublicKey: kp.publicKey, signSecretKey: kp.privateKey };
}

export function generateEpochKeys(epoch: number): EpochKeys {
  const s = sodium();
  return {
    epoch,
    roomSecret: randomBytes(32),
    contentKey: s.crypto_aead_xchacha20poly1305_ietf_keygen(),
  };
}

/** X25519 public key of a member's signing key, used to seal keys to that member. */
export const boxPublicKeyOf = (signPublicKey: Uint8Array): Uint8Array =>
  sodium().crypto_sign_ed25519_pk_to_curve25519(signPublicKey);

/** X25519 secret key matching boxPublicKeyOf. */
export const boxSecretKeyOf = (signSecretKey: Uint8Array): Uint8Array =>
  sodium().crypto_sign_ed25519_sk_to_curve25519(signSecretKey);

/** Derives an independent 32-byte subkey; `context` must be exactly 8 ASCII characters. */
function subkey(master: Uint8Array, id: number, context: string): Uint8Array {
  return sodium().crypto_kdf_derive_from_key(32, id, context, master);
}

/**
 * The y-webrtc room name and password for a room secret. The name is a one-way hash, so the
 * signaling server learns neither the secret nor the circle id; the password is a separate
 * subkey so knowing the name gives nothing towards it. Room and lobby names have one form (64
 * hex characters, no prefix), so a signaling server cannot tell a circle's room from a lobby.
 */
export function roomFor(roomSecret: Uint8Array): { name: string; password: string } {
  return {
    name: toHex(subkey(roomSecret, 1, 'hrthroom')),
    password: toBase64Url(subkey(roomSecret, 2, 'hrthroom')),
  };
}

/**
 * The lobby room a newcomer knocks on: derived from the invite secret only, never from circle
 * keys, and named in the same form as a room (see roomFor). Both sides derive it from the
 * share code, so every code ever made finds its lobby under this naming.
 */
export function lobbyFor(inviteSecret: Uint8Array): { name: string; password: string } {
  return {
    name: toHex(subkey(inviteSecret, 1, 'hrthlobb')),
    password: toBase64Url(subkey(inviteSecret, 2, 'hrthlobb')),
  };
}

/** Public identifier of an invite, safe to show and log: it does not reveal the secret. */
export const inviteIdOf = (inviteSecret: Uint8Array): string =>
  toBase64Url(subkey(inviteSecret, 3, 'hrthlobb').subarray(0, 12));

/** 32-byte BLAKE2b hash with a domain label, for fingerprints. */
export function fingerprintOf(label: string, data: Uint8Array): Uint8Array {
  const s = sodium();
  return s.crypto_generichash(32, data, s.crypto_generichash(32, utf8('hearth/' + label), null));
}

export const randomId = (bytes = 16): string => toBase64Url(randomBytes(bytes));
