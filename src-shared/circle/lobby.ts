// The lobby protocol: how a newcomer holding a share code is let in (docs/ARCHITECTURE.md "Joining").
//
// knock   = signature(64) | JSON {v, requestId, member, displayName, inviteId, ts}, signed by the
//           newcomer's new member key (proves it holds the key it asks to be admitted with).
//           requestId is a hash of that key, so nobody else can make a valid knock under it.
// welcome = crypto_box_seal to the newcomer's X25519 key of JSON {v, requestId, genesis, epochs,
//           signaling, recent}; only that newcomer can open it. The newcomer checks the genesis
//           against the fingerprint in its share code, so a forged circle is refused. `recent` is
//           a head start (head-start.ts): sealed records the newcomer judges like any others.
import { z } from 'zod';
import { fromBase64Url, fromUtf8, toBase64Url, utf8, bytesEqual } from '../bytes';
import {
  boxPublicKeyOf,
  boxSecretKeyOf,
  fingerprintOf,
  randomId,
  type EpochKeys,
  type MemberKeys,
} from '../crypto/keys';
import { sodium } from '../crypto/sodium';
import {
  DisplayName,
  MAX_SEALED_RECORD_BYTES,
  PublicKeyB64,
  type RecordOf,
} from '../records/schema';
import { verifySigned } from '../records/seal';
import { isSignalingUrl } from '../share-code';

const MAX_LOBBY_MESSAGE_BYTES = 8 * 1024;
/** A welcome carries a head start of at most HEAD_START_MAX_BYTES (base64 in JSON, sealed). */
const MAX_WELCOME_BYTES = 128 * 1024;
/** crypto_box_seal adds an ephemeral public key and a tag. */
const SEALED_BOX_OVERHEAD = 48;

const Knock = z.strictObject({
  v: z.literal(1),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  member: PublicKeyB64,
  displayName: DisplayName,
  inviteId: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  ts: z.number().int().positive(),
});
export type Knock = z.infer<typeof Knock>;

const Key32 = z.string().refine((k) => fromBase64Url(k)?.length === 32, 'expected a 32-byte key');
const Welcome = z.strictObject({
  v: z.literal(1),
  requestId: z.string(),
  genesis: z.string().max(MAX_LOBBY_MESSAGE_BYTES * 2),
  epochs: z
    .array(
      z.strictObject({
        epoch: z.number().int().nonnegative(),
        roomSecret: Key32,
        contentKey: Key32,
      }),
    )
    .min(1)
    .max(64),
  signaling: z.array(z.string().refine(isSignalingUrl)).max(8),
  recent: z
    .array(z.string().max(Math.ceil((MAX_SEALED_RECORD_BYTES * 4) / 3)))
    .max(1_000)
    .default([]),
});

export interface OpenedWelcome {
  genesis: RecordOf<'genesis'>;
  genesisSigned: Uint8Array;
  epochs: EpochKeys[];
  signaling: string[];
  /** The head start: sealed records, still to be opened and judged (never trusted as they are). */
  recent: Uint8Array[];
}

/** Fingerprint of a circle: a hash of its signed genesis record, carried in share codes. */
export const genesisFingerprintOf = (genesisSigned: Uint8Array): Uint8Array =>
  fingerprintOf('genesis', genesisSigned);

/**
 * The lobby is a Y.Doc that everyone holding the share code can write to, and Yjs has no access
 * control. So its keys are chosen to make overwriting pointless: a knock's key is derived from
 * the newcomer's member key (only a knock signed by that key is valid there), and each responder
 * writes its welcome under its own key, so no one can take a newcomer's place or block the
 * members' answers by writing first.
 */
export const requestIdFor = (memberKey: Uint8Array): string =>
  toBase64Url(fingerprintOf('knock', memberKey).subarray(0, 16));

/** The lobby key of one responder's welcome to one request. */
export const welcomeKey = (requestId: string, responderId: string): string =>
  `${requestId}/${responderId}`;

/** Whether a lobby welcome key is addressed to `requestId`. */
export const isWelcomeFor = (key: string, requestId: string): boolean =>
  key.startsWith(`${requestId}/`);

/** A responder's key in the lobby: random, one per responder and invite. */
export const newResponderId = (): string => randomId();

/** Builds a signed knock for the lobby. */
export function makeKnock(
  keys: MemberKeys,
  displayName: string,
  inviteId: string,
  now = Date.now(),
): { requestId: string; bytes: Uint8Array } {
  const knock: Knock = {
    v: 1,
    requestId: requestIdFor(keys.signPublicKey),
    member: toBase64Url(keys.signPublicKey),
    displayName: displayName.trim(),
    inviteId,
    ts: now,
  };
  const body = utf8(JSON.stringify(Knock.parse(knock)));
  const sig = sodium().crypto_sign_detached(body, keys.signSecretKey);
  const bytes = new Uint8Array(64 + body.length);
  bytes.set(sig);
  bytes.set(body, 64);
  return { requestId: knock.requestId, bytes };
}

/** Checks a knock from the lobby (untrusted). Null if it is malformed, forged or for another invite. */
export function openKnock(bytes: unknown, inviteId: string): Knock | null {
  if (
    !(bytes instanceof Uint8Array) ||
    bytes.length <= 64 ||
    bytes.length > MAX_LOBBY_MESSAGE_BYTES
  )
    return null;
  try {
    const body = bytes.subarray(64);
    const knock = Knock.parse(JSON.parse(fromUtf8(body)));
    const memberKey = fromBase64Url(knock.member)!;
    if (knock.inviteId !== inviteId || knock.requestId !== requestIdFor(memberKey)) return null;
    if (!sodium().crypto_sign_verify_detached(bytes.subarray(0, 64), body, memberKey)) return null;
    return knock;
  } catch {
    return null;
  }
}

/** Seals the circle's keys, and a head start of `recent` sealed records, to the newcomer who sent `knock`. */
export function sealWelcome(
  knock: Knock,
  genesisSigned: Uint8Array,
  epochs: readonly EpochKeys[],
  signaling: readonly string[],
  recent: readonly Uint8Array[] = [],
): Uint8Array {
  const welcome: z.input<typeof Welcome> = {
    v: 1,
    requestId: knock.requestId,
    genesis: toBase64Url(genesisSigned),
    epochs: epochs.map((e) => ({
      epoch: e.epoch,
      roomSecret: toBase64Url(e.roomSecret),
      contentKey: toBase64Url(e.contentKey),
    })),
    signaling: signaling.filter(isSignalingUrl).slice(0, 8),
    recent: [],
  };
  // The head start is a bonus: records that would push the welcome over the limit stay behind
  // (the sync brings them), since an oversized welcome would be refused as a whole.
  let room = MAX_WELCOME_BYTES - SEALED_BOX_OVERHEAD - utf8(JSON.stringify(welcome)).length;
  for (const r of recent) {
    const entry = toBase64Url(r);
    room -= entry.length + 3; // quotes and comma
    if (room < 0) break;
    welcome.recent!.push(entry);
  }
  const recipient = boxPublicKeyOf(fromBase64Url(knock.member)!);
  return sodium().crypto_box_seal(utf8(JSON.stringify(welcome)), recipient);
}

export type WelcomeProblem = 'unreadable' | 'wrong-request' | 'wrong-circle';

/** Opens a welcome meant for us and checks the circle against the share code's fingerprint. */
export function openWelcome(
  bytes: unknown,
  keys: MemberKeys,
  requestId: string,
  expectedFingerprint: Uint8Array,
): { ok: true; welcome: OpenedWelcome } | { ok: false; problem: WelcomeProblem } {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_WELCOME_BYTES)
    return { ok: false, problem: 'unreadable' };
  let parsed: z.infer<typeof Welcome>;
  try {
    const s = sodium();
    const plain = s.crypto_box_seal_open(
      bytes,
      boxPublicKeyOf(keys.signPublicKey),
      boxSecretKeyOf(keys.signSecretKey),
    );
    parsed = Welcome.parse(JSON.parse(fromUtf8(plain)));
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (parsed.requestId !== requestId) return { ok: false, problem: 'wrong-request' };
  const genesisSigned = fromBase64Url(parsed.genesis);
  if (!genesisSigned || !bytesEqual(genesisFingerprintOf(genesisSigned), expectedFingerprint))
    return { ok: false, problem: 'wrong-circle' };
  const verified = verifySigned(genesisSigned);
  if (!verified.ok || verified.record.kind !== 'genesis')
    return { ok: false, problem: 'wrong-circle' };
  return {
    ok: true,
    welcome: {
      genesis: verified.record,
      genesisSigned,
      epochs: parsed.epochs.map((e) => ({
        epoch: e.epoch,
        roomSecret: fromBase64Url(e.roomSecret)!,
        contentKey: fromBase64Url(e.contentKey)!,
      })),
      signaling: parsed.signaling,
      // Undecodable entries are left out here; the rest are judged as they would be from a peer.
      recent: parsed.recent.map(fromBase64Url).filter((r): r is Uint8Array => r !== null),
    },
  };
}
