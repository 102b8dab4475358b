// What a blind relay says about itself in a room (issue 18): "I am relay K, and at time T I hold,
// safely on disk, the log up to this state vector". It is put in the relay's awareness state,
// beside (never instead of) members' presence claims, and signed with the relay's key over the
// room, its Yjs client id, the time and the state vector, like a presence claim (presence.ts).
// Members believe it only from a relay a facilitator's `relay` record lets in, and only for what
// it can change: that a relay is there, when it last synced, and that their own message reached
// it ("delivered"). A relay that lies can only make a message look delivered that is not.
import { fromBase64Url, toBase64Url, utf8 } from '../bytes';
import { sodium } from '../crypto/sodium';
import { decodeHeld, encodeHeld, PRESENCE_VALID_MS } from './presence';

/** The awareness field a relay's claim sits in. */
export const RELAY_CLAIM_FIELD = 'relay';
const CLOCK_SKEW_MS = 5 * 60_000;

export interface RelayClaim {
  relay: string;
  at: number;
  /** What the relay holds durably of recent writers (presence.ts encodeHeld). */
  sv: string;
  sig: string;
}

/** What a valid claim proves. */
export interface VerifiedRelayClaim {
  relay: string;
  at: number;
  held: Map<number, number>;
}

const signedBytes = (room: string, clientId: number, relay: string, at: number, sv: string) =>
  utf8(`hearth/relay/1|${room}|${clientId}|${relay}|${at}|${sv}`);

/** The relay's Ed25519 key pair from the seed in its relay code. */
export function relayKeys(seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const kp = sodium().crypto_sign_seed_keypair(seed);
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

/** The relay's public key, as records and claims name it. */
export const relayKeyOf = (seed: Uint8Array): string => toBase64Url(relayKeys(seed).publicKey);

/**
 * A claim that the relay holds `held` (client id -> next clock, in the order they were last
 * written to: the newest MAX_HELD_CLIENTS are claimed) in `room`, as client `clientId`.
 */
export function signRelayClaim(
  seed: Uint8Array,
  room: string,
  clientId: number,
  held: ReadonlyMap<number, number>,
  now = Date.now(),
): RelayClaim {
  const keys = relayKeys(seed);
  const relay = toBase64Url(keys.publicKey);
  const sv = encodeHeld(held);
  const sig = sodium().crypto_sign_detached(
    signedBytes(room, clientId, relay, now, sv),
    keys.secretKey,
  );
  return { relay, at: now, sv, sig: toBase64Url(sig) };
}

/**
 * The relay, time and holdings a claim proves for `clientId` in `room`, or null for anything else
 * (junk, a bad signature, stale, too far ahead, too big). Never throws. Whether that relay is
 * let in is the caller's question.
 */
export function verifyRelayClaim(
  claim: unknown,
  room: string,
  clientId: number,
  now = Date.now(),
): VerifiedRelayClaim | null {
  if (typeof claim !== 'object' || claim === null) return null;
  const { relay, at, sv, sig } = claim as Partial<Record<keyof RelayClaim, unknown>>;
  if (typeof relay !== 'string' || typeof sv !== 'string' || typeof sig !== 'string') return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (relay.length > 64 || sig.length > 128) return null;
  if (at < now - PRESENCE_VALID_MS || at > now + CLOCK_SKEW_MS) return null;
  const key = fromBase64Url(relay);
  const signature = fromBase64Url(sig);
  const held = decodeHeld(sv);
  if (key?.length !== 32 || signature?.length !== 64 || !held) return null;
  try {
    if (
      !sodium().crypto_sign_verify_detached(
        signature,
        signedBytes(room, clientId, relay, at, sv),
        key,
      )
    )
      return null;
    return { relay, at, held };
  } catch {
    return null;
  }
}
