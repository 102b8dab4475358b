// "Ann is typing…": a hint carried in y-webrtc's awareness beside the presence claim, never in
// the circle's log. Like presence (presence.ts), an awareness state is a plain value any peer
// can write, so a typing claim is signed by the member over the room, the claimant's Yjs client
// id and the time: a copied claim is good only for the client it was signed for, and it goes
// stale within seconds, so a person who stops typing (or vanishes) stops showing.
import { fromBase64Url, toBase64Url, utf8 } from '../bytes';
import type { MemberKeys } from '../crypto/keys';
import { sodium } from '../crypto/sodium';

/** While the person keeps typing, a new claim is signed at most this often. */
export const TYPING_RENEW_MS = 2_000;
/** ...and shown for this long after its time, so a few renewals may go missing. */
export const TYPING_VALID_MS = 6_000;
/** A claim this far ahead of our clock is still taken (clocks differ a little between machines). */
const TYPING_SKEW_MS = 3_000;

/** The awareness state field a typing claim travels in. */
export const TYPING_FIELD = 'typing';

export interface TypingClaim {
  member: string;
  at: number;
  sig: string;
}

// Its own label, so no presence claim can pass for a typing claim, nor the other way round.
const signedBytes = (room: string, clientId: number, member: string, at: number): Uint8Array =>
  utf8(`hearth/typing/1|${room}|${clientId}|${member}|${at}`);

/** Our claim that we are typing now, good only for `clientId` in `room` and for a few seconds. */
export function signTyping(
  keys: MemberKeys,
  room: string,
  clientId: number,
  now = Date.now(),
): TypingClaim {
  const member = toBase64Url(keys.signPublicKey);
  const sig = sodium().crypto_sign_detached(
    signedBytes(room, clientId, member, now),
    keys.signSecretKey,
  );
  return { member, at: now, sig: toBase64Url(sig) };
}

/** The member and time a current typing claim for `clientId` in `room` proves, or null. Never throws. */
export function verifyTyping(
  claim: unknown,
  room: string,
  clientId: number,
  now = Date.now(),
): { member: string; at: number } | null {
  if (typeof claim !== 'object' || claim === null) return null;
  const { member, at, sig } = claim as Partial<Record<keyof TypingClaim, unknown>>;
  if (typeof member !== 'string' || typeof sig !== 'string' || typeof at !== 'number') return null;
  if (!Number.isFinite(at) || at < now - TYPING_VALID_MS || at > now + TYPING_SKEW_MS) return null;
  if (member.length > 64 || sig.length > 128) return null;
  const key = fromBase64Url(member);
  const signature = fromBase64Url(sig);
  if (key?.length !== 32 || signature?.length !== 64) return null;
  try {
    return sodium().crypto_sign_verify_detached(
      signature,
      signedBytes(room, clientId, member, at),
      key,
    )
      ? { member, at }
      : null;
  } catch {
    return null;
  }
}

/**
 * Who is typing in one room, per client. A client's state is read whole each time it changes:
 * a current claim by the member whose presence the state carries means typing, anything else
 * (no claim, junk, another member's or another client's claim, a stale one) means not. An older
 * claim than the one held for that client and member is a replay and changes nothing.
 */
export class TypingBook {
  private readonly byClient = new Map<number, { member: string; at: number }>();

  constructor(private readonly room: string) {}

  /**
   * Reads `claim` from `clientId`'s state, whose presence claim (already verified) is by
   * `member`. Says whether who is typing there may have changed.
   */
  take(clientId: number, member: string, claim: unknown, now = Date.now()): boolean {
    const held = this.byClient.get(clientId);
    const at = (claim as { at?: unknown } | null)?.at;
    if (held?.member === member && typeof at === 'number' && at <= held.at) return false;
    const verified = verifyTyping(claim, this.room, clientId, now);
    if (verified === null || verified.member !== member) return this.byClient.delete(clientId);
    this.byClient.set(clientId, verified);
    return held === undefined || held.member !== member;
  }

  /** Forgets `clientId` (its state was removed). Says whether it was typing. */
  drop(clientId: number): boolean {
    return this.byClient.delete(clientId);
  }

  /** Members with a current claim for at least one client, among those `shown` lets through. */
  typing(shown: (member: string) => boolean, now = Date.now()): Set<string> {
    const members = new Set<string>();
    for (const { member, at } of this.byClient.values())
      if (at >= now - TYPING_VALID_MS && shown(member)) members.add(member);
    return members;
  }

  /** When the next held claim goes stale, or null if none is held. */
  nextExpiry(now = Date.now()): number | null {
    let next: number | null = null;
    for (const { at } of this.byClient.values()) {
      const end = at + TYPING_VALID_MS;
      if (end > now && (next === null || end < next)) next = end;
    }
    return next;
  }
}
