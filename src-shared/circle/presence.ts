// Who is online, as shown in a circle. y-webrtc's awareness states are plain values that any
// peer in the room can set to anything, so a bare "I am member X" would let one member appear
// as another. Each claim is signed with the member's key over the room, the claimant's Yjs
// client id and the time; a copied claim is only good for that client id and goes stale. A
// member who leaves says so with a signed "leaving" claim: a removal (a null state) proves
// nothing, since any peer can send one for any client.
import { fromBase64Url, toBase64Url, utf8 } from '../bytes';
import type { MemberKeys } from '../crypto/keys';
import * as Y from 'yjs';
import { sodium } from '../crypto/sodium';

/** A claim is re-signed this often while the circle is open. */
export const PRESENCE_RENEW_MS = 20_000;
/** ...and trusted for this long, so a peer that leaves without a word drops off soon after. */
export const PRESENCE_VALID_MS = 60_000;
/** Clocks differ between machines; a claim up to this far ahead is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** One member's clients held at once (devices, windows): more only crowds their own presence. */
const MAX_CLIENTS_PER_MEMBER = 8;
/** Claims by keys that are not members (yet): held so an admission alone brings them in. */
const MAX_STRANGER_CLAIMS = 64;

export interface PresenceClaim {
  member: string;
  at: number;
  /**
   * What the claimant holds of the log's recent writers (base64url, Y.encodeStateVector-style):
   * how a writer learns that a message reached another device ("delivered"). '' on a goodbye.
   */
  sv: string;
  sig: string;
  /** Set on the claim a member sends as they leave the room. */
  leaving?: true;
}

/** What a valid claim proves. */
export interface VerifiedClaim {
  member: string;
  at: number;
  leaving: boolean;
  /** Client id -> next clock the claimant holds (recent writers only). */
  held: Map<number, number>;
}

/** State vector entries a claim carries: the most recent writers. */
export const MAX_HELD_CLIENTS = 256;
const MAX_SV_CHARS = 4 * 1024;

/** The encoded form of `held` a claim carries: its last MAX_HELD_CLIENTS entries. */
export function encodeHeld(held: ReadonlyMap<number, number>): string {
  if (held.size === 0) return '';
  return toBase64Url(Y.encodeStateVector(new Map([...held].slice(-MAX_HELD_CLIENTS))));
}

/** The entries of an encoded `held`, or null if it is junk or too big. Never throws. */
export function decodeHeld(sv: string): Map<number, number> | null {
  if (sv === '') return new Map();
  if (sv.length > MAX_SV_CHARS) return null;
  const bytes = fromBase64Url(sv);
  if (!bytes) return null;
  try {
    const held = Y.decodeStateVector(bytes);
    return held.size <= MAX_HELD_CLIENTS ? held : null;
  } catch {
    return null;
  }
}

// "Here" and "leaving" are signed under different labels, so neither can be turned into the other.
const signedBytes = (
  room: string,
  clientId: number,
  member: string,
  at: number,
  leaving: boolean,
  sv: string,
): Uint8Array =>
  utf8(`hearth/presence${leaving ? '-leaving' : ''}/2|${room}|${clientId}|${member}|${at}|${sv}`);

function sign(
  keys: MemberKeys,
  room: string,
  clientId: number,
  at: number,
  leaving: boolean,
  sv = '',
): PresenceClaim {
  const member = toBase64Url(keys.signPublicKey);
  const sig = toBase64Url(
    sodium().crypto_sign_detached(
      signedBytes(room, clientId, member, at, leaving, sv),
      keys.signSecretKey,
    ),
  );
  return leaving ? { member, at, sv, sig, leaving: true } : { member, at, sv, sig };
}

/** Our own claim for the awareness state of `clientId` in `room`, with what we hold of recent writers. */
export function signPresence(
  keys: MemberKeys,
  room: string,
  clientId: number,
  now = Date.now(),
  held: ReadonlyMap<number, number> = new Map(),
): PresenceClaim {
  return sign(keys, room, clientId, now, false, encodeHeld(held));
}

/** Our goodbye for `clientId` in `room`: once accepted, that client no longer shows us online. */
export function signLeaving(
  keys: MemberKeys,
  room: string,
  clientId: number,
  now = Date.now(),
): PresenceClaim {
  return sign(keys, room, clientId, now, true);
}

/** The member, time and kind a peer's claim proves, or null for anything else. Never throws. */
export function verifyPresence(
  claim: unknown,
  room: string,
  clientId: number,
  now = Date.now(),
): VerifiedClaim | null {
  if (typeof claim !== 'object' || claim === null) return null;
  const { member, at, sig, leaving, sv } = claim as Partial<Record<keyof PresenceClaim, unknown>>;
  if (
    typeof member !== 'string' ||
    typeof sig !== 'string' ||
    typeof sv !== 'string' ||
    typeof at !== 'number' ||
    !Number.isFinite(at) ||
    (leaving !== undefined && leaving !== true)
  )
    return null;
  if (member.length > 64 || sig.length > 128) return null;
  if (at < now - PRESENCE_VALID_MS || at > now + CLOCK_SKEW_MS) return null;
  const key = fromBase64Url(member);
  const signature = fromBase64Url(sig);
  if (key?.length !== 32 || signature?.length !== 64) return null;
  const held = decodeHeld(sv);
  if (!held) return null;
  const isLeaving = leaving === true;
  try {
    return sodium().crypto_sign_verify_detached(
      signature,
      signedBytes(room, clientId, member, at, isLeaving, sv),
      key,
    )
      ? { member, at, leaving: isLeaving, held }
      : null;
  } catch {
    return null;
  }
}

/** The latest claim accepted from one member for one client. */
interface Held {
  at: number;
  leaving: boolean;
  held: Map<number, number>;
}

/**
 * The claims accepted in one room, per client and member. A member's latest claim for a client
 * stands until it goes stale or the same member sends a newer one: nothing another peer puts in
 * that client's state (junk, a removal, a replay, another member's claim) changes it. Only a
 * claim newer than the one held for its client and member is verified, so the frequent awareness
 * traffic costs a signature check only when a claim is new.
 */
export class PresenceBook {
  private readonly byClient = new Map<number, Map<string, Held>>();
  private readonly clientsOf = new Map<string, Set<number>>();

  constructor(private readonly room: string) {}

  /**
   * Takes `claim` as the latest word of its member for `clientId` if it is valid and strictly
   * newer than what that member said there before; an equal or older one (a replay) is refused.
   * Says whether it was taken.
   */
  accept(
    clientId: number,
    claim: unknown,
    isMember: (key: string) => boolean,
    now = Date.now(),
  ): boolean {
    if (typeof claim !== 'object' || claim === null) return false;
    const { member, at } = claim as { member?: unknown; at?: unknown };
    if (typeof member !== 'string' || typeof at !== 'number') return false;
    const held = this.byClient.get(clientId)?.get(member);
    if (held !== undefined && !(at > held.at)) return false;
    if (held === undefined && !this.hasRoomFor(member, isMember, now)) return false;
    const verified = verifyPresence(claim, this.room, clientId, now);
    if (verified === null) return false;
    let claims = this.byClient.get(clientId);
    if (claims === undefined) this.byClient.set(clientId, (claims = new Map<string, Held>()));
    claims.set(member, { at: verified.at, leaving: verified.leaving, held: verified.held });
    let clients = this.clientsOf.get(member);
    if (clients === undefined) this.clientsOf.set(member, (clients = new Set<number>()));
    clients.add(clientId);
    return true;
  }

  /** Whether some member's current claim (not a goodbye) stands for `clientId`. */
  vouchesFor(clientId: number, now = Date.now()): boolean {
    for (const held of this.byClient.get(clientId)?.values() ?? [])
      if (!held.leaving && held.at >= now - PRESENCE_VALID_MS) return true;
    return false;
  }

  /** Whether any claim is held for `clientId`, current or not yet forgotten. */
  knows(clientId: number): boolean {
    return this.byClient.has(clientId);
  }

  /** The members with a current claim (not a goodbye) for at least one client. */
  present(now = Date.now()): Set<string> {
    const members = new Set<string>();
    for (const claims of this.byClient.values())
      for (const [member, held] of claims)
        if (!held.leaving && held.at >= now - PRESENCE_VALID_MS) members.add(member);
    return members;
  }

  /**
   * What each current claim (not a goodbye) by a key `counts` takes says its member's client holds
   * of recent writers. A stranger's claim is held for an admission, but speaks for nobody yet.
   */
  holdings(
    now = Date.now(),
    counts: (member: string) => boolean = () => true,
  ): Map<number, number>[] {
    const out: Map<number, number>[] = [];
    for (const claims of this.byClient.values())
      for (const [member, held] of claims)
        if (!held.leaving && held.at >= now - PRESENCE_VALID_MS && counts(member))
          out.push(held.held);
    return out;
  }

  /** Forgets claims gone stale; a replay of one is refused by its age alone. */
  forgetStale(now = Date.now()): void {
    for (const [clientId, claims] of this.byClient) {
      for (const [member, held] of claims) {
        if (held.at >= now - PRESENCE_VALID_MS) continue;
        claims.delete(member);
        const clients = this.clientsOf.get(member);
        clients?.delete(clientId);
        if (clients?.size === 0) this.clientsOf.delete(member);
      }
      if (claims.size === 0) this.byClient.delete(clientId);
    }
  }

  /** Bounds what one key (or many strangers' keys) can make us hold. */
  private hasRoomFor(member: string, isMember: (key: string) => boolean, now: number): boolean {
    const fits = () =>
      isMember(member)
        ? (this.clientsOf.get(member)?.size ?? 0) < MAX_CLIENTS_PER_MEMBER
        : [...this.clientsOf].reduce((n, [k, c]) => (isMember(k) ? n : n + c.size), 0) <
          MAX_STRANGER_CLAIMS;
    if (fits()) return true;
    this.forgetStale(now);
    return fits();
  }
}
