// Fuzzing sealed records and the lobby's messages (issue 16): whatever bytes a peer puts in the
// document, openRecord and peekRecord never throw and openRecord names its reason; a valid record
// changed anywhere never opens, whether the change is to the envelope (an outsider) or to the
// signed bytes sealed again with the circle's key (an insider); records of the wrong shape signed
// by a real member open only if the schema takes them. Knocks (openKnock) and lobby answers
// (openAnswer) get the same treatment. Seeded: a failure names its seed; HEARTH_SEED=<n> replays it.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, toBase64Url, utf8 } from '../../src-shared/bytes';
import {
  makeKnock,
  openAnswer,
  openKnock,
  requestIdFor,
  sealStatus,
} from '../../src-shared/circle/lobby';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { boxPublicKeyOf, generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { randomBytes as platformRandomBytes } from '../../src-shared/crypto/random';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import { RecordContent, type RecordContent as Content } from '../../src-shared/records/schema';
import {
  ENVELOPE_VERSION,
  openRecord,
  peekRecord,
  sealRecord,
  signContent,
  type ContentKeys,
  type RejectReason,
} from '../../src-shared/records/seal';
import { keyOf, SimMember } from '../support/circle-sim';
import { withSeededRandom } from '../support/convergence-sim';
import { expectEveryKind, FUZZ_TIMEOUT_MS, fuzzTitle, runCases } from '../support/fuzz-cases';
import { mutateJson } from '../support/fuzz-json';
import { below, concat, mutate, pick, randomBytes, skewedLength } from '../support/fuzz-mutate';
import { signRaw } from '../support/sealed-records';

const REASONS: readonly RejectReason[] = [
  'oversized',
  'malformed',
  'unknown-epoch',
  'undecryptable',
  'bad-signature',
  'invalid-content',
  'wrong-circle',
];
const PROBLEMS = ['unreadable', 'wrong-request', 'wrong-circle', 'unproven-keys', 'not-admitted'];
/** The envelope's version and epoch: fields an attacker sets to extremes. */
const ENVELOPE_FIELDS = [
  { offset: 0, width: 1 as const },
  { offset: 1, width: 4 as const },
];

interface Valid {
  content: Content;
  contentKey: Uint8Array;
  signed: Uint8Array;
  sealed: Uint8Array;
}

let circle: FoundedCircle;
let keys: ContentKeys;
let valid: Valid[];
let newcomer: MemberKeys;
let inviteId: string;
let knock: Uint8Array;
let statusAnswer: Uint8Array;
let answerTemplates: unknown[];

beforeAll(async () => {
  await loadSodium();
  // Seeded too, keys included, so that a case replays byte for byte.
  withSeededRandom(16, () => {
    circle = foundCircle(
      { name: 'Tuesday circle', description: 'A place to talk', displayName: 'Ana' },
      1_700_000_000_000,
    );
    const founder = new SimMember(circle.keys, circle.genesis);
    newcomer = generateMemberKeys();
    const invite = founder.invite();
    inviteId = invite.body.inviteId;
    const written: Content[] = [
      circle.genesis,
      invite,
      founder.admit(newcomer, invite, 'Bo'),
      founder.message('Hello, circle'),
      founder.write('rename', { displayName: 'Ana R' }),
      founder.write('role', { member: keyOf(newcomer), role: 'facilitator', upTo: 0 }),
      founder.rekey(),
    ];
    const e1 = founder.madeKeys.get(written[written.length - 1]!.id)!;
    written.push(founder.message('In the new epoch'), founder.remove(keyOf(newcomer)));
    keys = new Map([
      [0, [circle.epoch.contentKey]],
      [1, [e1.contentKey]],
    ]);
    valid = written.map((content) => {
      const contentKey = content.epoch === 0 ? circle.epoch.contentKey : e1.contentKey;
      return {
        content,
        contentKey,
        signed: signContent(content, circle.keys.signSecretKey),
        sealed: sealRecord(content, circle.keys.signSecretKey, contentKey),
      };
    });
    knock = makeKnock(newcomer, 'Bo', inviteId, 1_700_000_000_000).bytes;
    const opened = openKnock(knock, inviteId)!;
    statusAnswer = sealStatus(opened, circle.genesisSigned, 'awaiting-approval');
    const common = {
      v: 2,
      requestId: opened.requestId,
      genesis: toBase64Url(circle.genesisSigned),
    };
    const epochKeys = {
      epoch: 0,
      roomSecret: toBase64Url(circle.epoch.roomSecret),
      contentKey: toBase64Url(circle.epoch.contentKey),
    };
    answerTemplates = [
      { ...common, kind: 'status', status: 'declined' },
      {
        ...common,
        kind: 'welcome',
        epochs: [epochKeys],
        chain: [toBase64Url(valid[2]!.sealed)],
        recent: [toBase64Url(valid[3]!.sealed)],
      },
    ];
  });
});

/** An envelope around any bytes, under the epoch's key, without sealSigned's size check (seeded nonce: see withSeededRandom). */
function sealAny(signed: Uint8Array, epoch: number, contentKey: Uint8Array): Uint8Array {
  const header = new Uint8Array(5);
  header[0] = ENVELOPE_VERSION;
  new DataView(header.buffer).setUint32(1, epoch);
  const nonce = platformRandomBytes(24);
  const s = sodium();
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(signed, header, null, nonce, contentKey);
  return concat(concat(header, nonce), ct);
}

/** Opens and peeks, checking what every answer must be; returns whether the record opened. */
function open(sealed: unknown): boolean {
  peekRecord(sealed, keys);
  const result = openRecord(sealed, circle.circleId, keys);
  if (!result.ok) {
    expect(REASONS).toContain(result.reason);
    return false;
  }
  // Whatever opens is a record of this circle, of the envelope's epoch, in the schema's shape.
  expect(RecordContent.safeParse(result.record).success).toBe(true);
  expect(result.record.circle).toBe(circle.circleId);
  expect(keys.has(result.record.epoch)).toBe(true);
  // A kind this app does not know opens as `foreign`, with the kind and body it was signed with.
  const r = result.record;
  const signedAs = r.kind === 'foreign' ? { ...r, kind: r.body.kind, body: r.body.body } : r;
  expect(JSON.parse(fromUtf8(result.signed.subarray(64)))).toEqual(signedAs);
  return true;
}

/** Something that is not an envelope, or random bytes behind a well-formed header. */
function randomEnvelope(rand: () => number): unknown {
  switch (below(rand, 5)) {
    case 0:
      return pick(rand, [null, undefined, 'sealed', 42, [1, 0, 0, 0, 0], {}, new ArrayBuffer(64)]);
    case 1:
      return new DataView(randomBytes(rand, 64).buffer);
    case 2: {
      const header = Uint8Array.of(ENVELOPE_VERSION, 0, 0, 0, below(rand, 3));
      return concat(header, randomBytes(rand, skewedLength(rand, 2000)));
    }
    default:
      return randomBytes(rand, skewedLength(rand, 20_000));
  }
}

function recordCase(rand: () => number): string {
  const v = pick(rand, valid);
  switch (below(rand, 5)) {
    case 0:
      expect(open(randomEnvelope(rand))).toBe(false);
      return 'random';
    case 1: {
      // An outsider changes the envelope: the AEAD refuses every change.
      const { bytes } = mutate(
        rand,
        v.sealed,
        valid.map((o) => o.sealed),
        ENVELOPE_FIELDS,
      );
      expect(open(bytes)).toBe(false);
      return 'mutated-envelope';
    }
    case 2: {
      // An insider (holding the content key) changes signed bytes and seals them again.
      const { bytes } = mutate(
        rand,
        v.signed,
        valid.map((o) => o.signed),
      );
      expect(open(sealAny(bytes, v.content.epoch, v.contentKey))).toBe(false);
      return 'insider-mutated';
    }
    case 3: {
      // A member signs, with its own key, a record of the wrong shape.
      const json = mutateJson(rand, v.content);
      const signed = signRaw(utf8(JSON.stringify(json)), circle.keys.signSecretKey);
      return open(sealAny(signed, v.content.epoch, v.contentKey))
        ? 'shaped-opened'
        : 'shaped-refused';
    }
    default: {
      // ... or signs bytes that are not even JSON (or not UTF-8).
      const { bytes } = mutate(rand, utf8(JSON.stringify(v.content)));
      const signed = signRaw(bytes, circle.keys.signSecretKey);
      return open(sealAny(signed, v.content.epoch, v.contentKey)) ? 'text-opened' : 'text-refused';
    }
  }
}

/** A knock: never throws; a changed one never opens unless its bytes are the same. */
function knockCase(rand: () => number): string {
  switch (below(rand, 3)) {
    case 0:
      expect(openKnock(randomBytes(rand, skewedLength(rand, 9000)), inviteId)).toBeNull();
      return 'knock-random';
    case 1:
      expect(openKnock(mutate(rand, knock).bytes, inviteId)).toBeNull();
      return 'knock-mutated';
    default: {
      const json = mutateJson(rand, JSON.parse(fromUtf8(knock.subarray(64))));
      const opened = openKnock(
        signRaw(utf8(JSON.stringify(json)), newcomer.signSecretKey),
        inviteId,
      );
      // Only the canonical knock of this newcomer (a change that changed nothing) opens.
      if (opened !== null) expect(opened.requestId).toBe(requestIdFor(newcomer.signPublicKey));
      return opened === null ? 'knock-shaped-refused' : 'knock-shaped-opened';
    }
  }
}

/** A lobby answer sealed to the newcomer: never throws, says why it refuses. */
function answerCase(rand: () => number): string {
  const requestId = requestIdFor(newcomer.signPublicKey);
  const expected = { genesisFingerprint: circle.fingerprint, pin: null };
  let bytes: Uint8Array;
  let kind: string;
  switch (below(rand, 3)) {
    case 0:
      bytes = randomBytes(rand, skewedLength(rand, 4000));
      kind = 'answer-random';
      break;
    case 1:
      bytes = mutate(rand, statusAnswer).bytes;
      kind = 'answer-mutated';
      break;
    default: {
      const json = mutateJson(rand, pick(rand, answerTemplates));
      bytes = sodium().crypto_box_seal(
        utf8(JSON.stringify(json)),
        boxPublicKeyOf(newcomer.signPublicKey),
      );
      kind = 'answer-shaped';
    }
  }
  const result = openAnswer(bytes, newcomer, requestId, expected);
  if (!result.ok) expect(PROBLEMS).toContain(result.problem);
  else expect(kind).toBe('answer-shaped');
  return kind;
}

describe('fuzzing sealed records, knocks and lobby answers', () => {
  it(
    fuzzTitle('nothing throws, every refusal has a reason, no changed record opens'),
    {
      timeout: FUZZ_TIMEOUT_MS,
    },
    () => {
      const tally = runCases('sealed records', (rand, seed) =>
        withSeededRandom(seed, () => {
          const roll = rand();
          return roll < 0.7 ? recordCase(rand) : roll < 0.85 ? knockCase(rand) : answerCase(rand);
        }),
      );
      expectEveryKind(tally, [
        'random',
        'mutated-envelope',
        'insider-mutated',
        'shaped-refused',
        'text-refused',
        'knock-random',
        'knock-mutated',
        'knock-shaped-refused',
        'answer-random',
        'answer-mutated',
        'answer-shaped',
      ]);
      // Changed records a member could really send must come up too, or the checks on what opens
      // are never reached.
      expectEveryKind(tally, ['shaped-opened', 'text-opened'], 10);
    },
  );
});
