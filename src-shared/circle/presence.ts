// Who is online, as shown in a circle. y-webrtc's awareness states are plain values that any
// peer in the room can set to anything, so a bare "I am member X" would let one member appear
// as another. Each claim is signed with the member's key over the room, the claimant's Yjs
// client id and the time; a copied claim is only good for that client id and goes stale.
import { fromBase64Url, toBase64Url, utf8 } from '../bytes';
import type { MemberKeys } from '../crypto/keys';
import { sodium } from '../crypto/sodium';

/** A claim is re-signed this often while the circle is open. */
export const PRESENCE_RENEW_MS = 20_000;
/** ...and trusted for this long, so a peer that leaves without a word drops off soon after. */
export const PRESENCE_VALID_MS = 60_000;
/** Clocks differ between machines; a claim up to this far ahead is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface PresenceClaim {
  member: string;
  at: number;
  sig: string;
}

const signedBytes = (room: string, clientId: number, member: string, at: number): Uint8Array =>
  utf8(`hearth/presence/1|${room}|${clientId}|${member}|${at}`);

/** Our own claim for the awareness state of `clientId` in `room`. */
export function signPresence(
  keys: MemberKeys,
  room: string,
  clientId: number,
  now = Date.now(),
): PresenceClaim {
  const member = toBase64Url(keys.signPublicKey);
  const sig = sodium().crypto_sign_detached(
    signedBytes(room, clientId, member, now),
    keys.signSecretKey,
  );
  return { member, at: now, sig: toBase64Url(sig) };
}

/** The member key a peer's awareness state proves, or null for anything else. Never throws. */
export function verifyPresence(
  claim: unknown,
  room: string,
  clientId: number,
  now = Date.now(),
): string | null {
  if (typeof claim !== 'object' || claim === null) return null;
  const { member, at, sig } = claim as Partial<Record<keyof PresenceClaim, unknown>>;
  if (
    typeof member !== 'string' ||
    typeof sig !== 'string' ||
    typeof at !== 'number' ||
    !Number.isFinite(at)
  )
    return null;
  if (member.length > 64 || sig.length > 128) return null;
  if (at < now - PRESENCE_VALID_MS || at > now + CLOCK_SKEW_MS) return null;
  const key = fromBase64Url(member);
  const signature = fromBase64Url(sig);
  if (key?.length !== 32 || signature?.length !== 64) return null;
  try {
    return sodium().crypto_sign_verify_detached(
      signature,
      signedBytes(room, clientId, member, at),
      key,
    )
      ? member
      : null;
  } catch {
    return null;
  }
}

/**
 * Remembers which claims were verified, so the frequent presence refreshes (every awareness
 * change, every judged message) cost a signature check only when a claim is new.
 */
export class PresenceBook {
  private readonly verified = new Map<
    number,
    { sig: string; at: unknown; member: string | null }
  >();

  constructor(private readonly room: string) {}

  /** The member a client's current claim proves, or null. */
  memberOf(clientId: number, claim: unknown, now = Date.now()): string | null {
    const sig =
      typeof claim === 'object' && claim !== null ? (claim as { sig?: unknown }).sig : undefined;
    if (typeof sig !== 'string') return null;
    const at = (claim as { at?: unknown }).at;
    const known = this.verified.get(clientId);
    // Only the exact claim that was checked is reused; its time is the one that was signed.
    if (known?.sig === sig && known.at === at)
      return typeof at === 'number' && at >= now - PRESENCE_VALID_MS ? known.member : null;
    const member = verifyPresence(claim, this.room, clientId, now);
    this.verified.set(clientId, { sig, at, member });
    return member;
  }

  /** Forgets clients that are gone. */
  retain(clientIds: ReadonlySet<number>): void {
    for (const id of this.verified.keys()) if (!clientIds.has(id)) this.verified.delete(id);
  }
}
