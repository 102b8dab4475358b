// The lobby protocol: how a newcomer holding a share code is let in (docs/ARCHITECTURE.md "Joining").
//
// knock   = records/knock.ts: signed by the newcomer's new member key.
// answer  = crypto_box_seal to the newcomer's X25519 key of JSON, one of:
//   welcome {v: 2, kind: 'welcome', requestId, genesis, epochs, chain, recent}: the keys, the
//           sealed rekey and promotion records that prove them (welcome-chain.ts), and a head
//           start (head-start.ts) the newcomer judges like any other records;
//   status  {v: 2, kind: 'status', requestId, genesis, status}: "a facilitator has been asked",
//           or why the answer is no (expired, used up, revoked, declined). Nothing secret.
// Only that newcomer can open an answer. Both carry the signed genesis, which the newcomer checks
// against the share code's fingerprint: the code holds only its hash, so an answer shows that
// its writer holds the circle's genesis (a member, or someone who once was). Keys are not taken
// on trust even then: a welcome whose keys the chain does not prove, whose chain does not reach
// the rekey the share code pins, or that does not carry the newcomer's own admission by a
// facilitator (welcome-chain.ts), is refused.
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
import { MAX_SEALED_RECORD_BYTES, type RecordOf } from '../records/schema';
import type { Knock } from '../records/knock';
import { verifySigned } from '../records/seal';
import type { ShareCode } from '../share-code';
import { proveChain, provenAdmission, reachesPin } from './welcome-chain';

export { makeKnock, openKnock, requestIdFor, type Knock } from '../records/knock';

const MAX_GENESIS_B64 = 16 * 1024;
/** A welcome carries a head start of at most HEAD_START_MAX_BYTES (base64 in JSON, sealed), plus the chain. */
export const MAX_WELCOME_BYTES = 192 * 1024;
/** crypto_box_seal adds an ephemeral public key and a tag. */
const SEALED_BOX_OVERHEAD = 48;
const SealedB64 = z.string().max(Math.ceil((MAX_SEALED_RECORD_BYTES * 4) / 3));

const Key32 = z.string().refine((k) => fromBase64Url(k)?.length === 32, 'expected a 32-byte key');

/** What a status answer can say. */
export type LobbyStatus = 'awaiting-approval' | 'expired' | 'used-up' | 'revoked' | 'declined';

const Answer = z.discriminatedUnion('kind', [
  z.strictObject({
    v: z.literal(2),
    kind: z.literal('welcome'),
    requestId: z.string(),
    genesis: z.string().max(MAX_GENESIS_B64),
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
    chain: z.array(SealedB64).max(256),
    recent: z.array(SealedB64).max(1_000),
  }),
  z.strictObject({
    v: z.literal(2),
    kind: z.literal('status'),
    requestId: z.string(),
    genesis: z.string().max(MAX_GENESIS_B64),
    status: z.enum(['awaiting-approval', 'expired', 'used-up', 'revoked', 'declined']),
  }),
]);

export interface OpenedWelcome {
  genesis: RecordOf<'genesis'>;
  genesisSigned: Uint8Array;
  /** Every key proven by the genesis and the chain (welcome-chain.ts), oldest epoch first. */
  epochs: EpochKeys[];
  /** The head start: sealed records, still to be opened and judged (never trusted as they are). */
  recent: Uint8Array[];
}

/** Fingerprint of a circle: a hash of its signed genesis record, carried in share codes. */
export const genesisFingerprintOf = (genesisSigned: Uint8Array): Uint8Array =>
  fingerprintOf('genesis', genesisSigned);

// The lobby is a Y.Doc that everyone holding the share code can write to, and Yjs has no access
// control. So its keys are chosen to make overwriting pointless: a knock's key is derived from
// the newcomer's member key (records/knock.ts), and each responder writes its answer under its
// own key, so no one can take a newcomer's place or block the members' answers by writing first.

/** The lobby key of one responder's welcome to one request. */
export const welcomeKey = (requestId: string, responderId: string): string =>
  `${requestId}/${responderId}`;

/** Whether a lobby welcome key is addressed to `requestId`. */
export const isWelcomeFor = (key: string, requestId: string): boolean =>
  key.startsWith(`${requestId}/`);

/** A responder's key in the lobby: random, one per responder and invite. */
export const newResponderId = (): string => randomId();

/** Seals the circle's keys, the chain that proves them, and a head start of `recent` sealed records, to the newcomer who sent `knock`. */
export function sealWelcome(
  knock: Knock,
  genesisSigned: Uint8Array,
  epochs: readonly EpochKeys[],
  chain: readonly Uint8Array[],
  recent: readonly Uint8Array[] = [],
): Uint8Array {
  const welcome: z.input<typeof Answer> = {
    v: 2,
    kind: 'welcome',
    requestId: knock.requestId,
    genesis: toBase64Url(genesisSigned),
    epochs: epochs.map((e) => ({
      epoch: e.epoch,
      roomSecret: toBase64Url(e.roomSecret),
      contentKey: toBase64Url(e.contentKey),
    })),
    chain: chain.map(toBase64Url),
    recent: [],
  };
  // The head start is a bonus: records that would push the welcome over the limit stay behind
  // (the sync brings them), since an oversized welcome would be refused as a whole.
  let room = MAX_WELCOME_BYTES - SEALED_BOX_OVERHEAD - utf8(JSON.stringify(welcome)).length;
  for (const r of recent) {
    const entry = toBase64Url(r);
    room -= entry.length + 3; // quotes and comma
    if (room < 0) break;
    welcome.recent.push(entry);
  }
  return sealTo(knock, welcome);
}

/** Seals a status answer (no keys) to the newcomer who sent `knock`. */
export function sealStatus(
  knock: Knock,
  genesisSigned: Uint8Array,
  status: LobbyStatus,
): Uint8Array {
  return sealTo(knock, {
    v: 2,
    kind: 'status',
    requestId: knock.requestId,
    genesis: toBase64Url(genesisSigned),
    status,
  });
}

function sealTo(knock: Knock, answer: z.input<typeof Answer>): Uint8Array {
  const recipient = boxPublicKeyOf(fromBase64Url(knock.member)!);
  return sodium().crypto_box_seal(utf8(JSON.stringify(answer)), recipient);
}

/**
 * Why a welcome is refused. `unproven-keys`: a key the chain does not prove, or a chain that does
 * not reach the share code's pin (a stale welcome); `not-admitted`: no admission of the newcomer
 * by a facilitator in it.
 */
export type WelcomeProblem =
  'unreadable' | 'wrong-request' | 'wrong-circle' | 'unproven-keys' | 'not-admitted';

/** What the share code tells the newcomer to expect of an answer: the circle, and the rekey a welcome must reach. */
export type AnswerExpectation = Pick<ShareCode, 'genesisFingerprint' | 'pin'>;

export type OpenedAnswer =
  | { ok: true; kind: 'welcome'; welcome: OpenedWelcome }
  /** circleName: from the signed genesis, which matched the share code's fingerprint. */
  | { ok: true; kind: 'status'; status: LobbyStatus; circleName: string }
  | { ok: false; problem: WelcomeProblem };

/**
 * Opens an answer meant for us: checks the circle against the share code's fingerprint and, for
 * a welcome, every key against the chain, the chain against the code's pin, and that it carries
 * our admission by a facilitator. Never throws.
 */
export function openAnswer(
  bytes: unknown,
  keys: MemberKeys,
  requestId: string,
  expected: AnswerExpectation,
): OpenedAnswer {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_WELCOME_BYTES)
    return { ok: false, problem: 'unreadable' };
  let parsed: z.infer<typeof Answer>;
  try {
    const plain = sodium().crypto_box_seal_open(
      bytes,
      boxPublicKeyOf(keys.signPublicKey),
      boxSecretKeyOf(keys.signSecretKey),
    );
    parsed = Answer.parse(JSON.parse(fromUtf8(plain)));
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (parsed.requestId !== requestId) return { ok: false, problem: 'wrong-request' };
  const genesisSigned = fromBase64Url(parsed.genesis);
  if (
    !genesisSigned ||
    !bytesEqual(genesisFingerprintOf(genesisSigned), expected.genesisFingerprint)
  )
    return { ok: false, problem: 'wrong-circle' };
  const verified = verifySigned(genesisSigned);
  if (!verified.ok || verified.record.kind !== 'genesis')
    return { ok: false, problem: 'wrong-circle' };
  if (parsed.kind === 'status')
    return {
      ok: true,
      kind: 'status',
      status: parsed.status,
      circleName: verified.record.body.name,
    };
  const decode = (list: string[]) =>
    list.map(fromBase64Url).filter((r): r is Uint8Array => r !== null);
  const proven = proveChain(
    verified.record,
    parsed.epochs.map((e) => ({
      epoch: e.epoch,
      roomSecret: fromBase64Url(e.roomSecret)!,
      contentKey: fromBase64Url(e.contentKey)!,
    })),
    decode(parsed.chain),
  );
  if (!proven || !reachesPin(proven, expected.pin)) return { ok: false, problem: 'unproven-keys' };
  // Undecodable entries are left out here; the rest are judged as they would be from a peer.
  const recent = decode(parsed.recent);
  const me = toBase64Url(keys.signPublicKey);
  if (!provenAdmission(verified.record, proven, recent, me))
    return { ok: false, problem: 'not-admitted' };
  return {
    ok: true,
    kind: 'welcome',
    welcome: { genesis: verified.record, genesisSigned, epochs: proven.epochs, recent },
  };
}
