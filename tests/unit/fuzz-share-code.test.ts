// Fuzzing share codes (issue 16): whatever text is pasted or a hearth:// link carries, decoding
// never throws, refuses with one of its documented reasons (each with wording for the newcomer),
// and never accepts a valid code that was changed: a typo, a cut, a flipped bit or two codes run
// together are caught by the checksum. Bodies built with a correct checksum reach the parser
// behind it: versions, counts and lengths set to extremes, hints that are not signaling URLs.
// Seeded: a failure names its seed; HEARTH_SEED=<n> replays that case alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../../src-shared/bytes';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  SHARE_CODE_VERSION,
  decodeShareCode,
  encodeShareCode,
  isSignalingUrl,
  shareCodeErrorMessage,
  shareLinkOf,
  type ShareCode,
  type ShareCodeError,
} from '../../src-shared/share-code';
import { expectEveryKind, FUZZ_TIMEOUT_MS, fuzzTitle, runCases } from '../support/fuzz-cases';
import {
  below,
  concat,
  mutate,
  mutateText,
  pick,
  randomBytes,
  randomText,
  skewedLength,
  type LengthField,
} from '../support/fuzz-mutate';

beforeAll(loadSodium);

const PREFIX = 'hearth1';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ERRORS: readonly ShareCodeError[] = Object.keys(shareCodeErrorMessage) as ShareCodeError[];
/** Where a version-2 body keeps its hint count: version, fingerprint, secret, pin. */
const HINT_COUNT_AT = 1 + 32 + 32 + 4 + 16;

const VALID_HINTS = [
  'wss://signal.example.org',
  'ws://192.168.1.20:4444',
  'ws://[::1]:8080/x',
  'wss://relay.example.net/path?x=1',
  `wss://${'a'.repeat(63)}.example/${'p'.repeat(120)}`,
];
/** Hint texts a hostile code may carry: other schemes, no host, credentials, not a URL at all. */
const BAD_HINTS = [
  'http://signal.example.org',
  'ws://',
  'wss://user:pw@signal.example.org',
  'javascript:alert(1)',
  'file:///etc/passwd',
  '',
  ' ',
  'ws:/\\signal',
];

/** A valid share code with seeded fields, up to the most hints a code may carry. */
function validCode(rand: () => number): ShareCode {
  const hints = Array.from({ length: below(rand, 9) }, () => pick(rand, VALID_HINTS));
  return {
    genesisFingerprint: randomBytes(rand, 32),
    inviteSecret: randomBytes(rand, 32),
    pin: {
      epoch: pick(rand, [0, 1, below(rand, 1000), 0xffffffff]),
      hash: toBase64Url(randomBytes(rand, 16)),
    },
    signalingHints: hints,
  };
}

/** The token's bytes, checksum included. */
const tokenBytes = (token: string): Uint8Array => {
  const out = new Uint8Array(Math.floor(((token.length - PREFIX.length) * 3) / 4));
  const body = token.slice(PREFIX.length);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of body) {
    acc = (acc << 6) | B64URL.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
};

const withChecksum = (body: Uint8Array): string =>
  PREFIX + toBase64Url(concat(body, sodium().crypto_generichash(32, body, null).subarray(0, 4)));

/** Decodes, checking what every answer must be: a code, or a documented reason with wording. */
function decode(input: string): ReturnType<typeof decodeShareCode> {
  const result = decodeShareCode(input);
  if (!result.ok) {
    expect(ERRORS).toContain(result.error);
    expect(shareCodeErrorMessage[result.error].length).toBeGreaterThan(10);
    return result;
  }
  const { code } = result;
  expect(code.genesisFingerprint.length).toBe(32);
  expect(code.inviteSecret.length).toBe(32);
  expect(code.signalingHints.length).toBeLessThanOrEqual(8);
  for (const hint of code.signalingHints) expect(isSignalingUrl(hint)).toBe(true);
  if (code.pin !== null) {
    expect(Number.isInteger(code.pin.epoch) && code.pin.epoch >= 0).toBe(true);
    expect(code.pin.epoch).toBeLessThanOrEqual(0xffffffff);
    expect(code.pin.hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  }
  return result;
}

/** A changed code may be taken only if it is the same code (say, a link's prefix in capitals). */
function expectNotTakenChanged(input: string, original: string): 'taken-unchanged' | 'refused' {
  const result = decode(input);
  if (!result.ok) return 'refused';
  expect(encodeShareCode(result.code), `a changed code was accepted: ${input}`).toBe(original);
  return 'taken-unchanged';
}

/** Text that is not a share code at all, sometimes behind a code's or a link's prefix. */
function randomInput(rand: () => number): string {
  const lead = pick(rand, ['', PREFIX, 'hearth://join/', 'HEARTH://JOIN/hearth1', ' hearth1\n']);
  return rand() < 0.5
    ? lead + randomText(rand, 300)
    : lead + toBase64Url(randomBytes(rand, skewedLength(rand, 2100)));
}

/** A body of a version-2 (or other) code built field by field, some set to extremes. */
function structuredBody(rand: () => number): Uint8Array {
  const version = pick(rand, [SHARE_CODE_VERSION, SHARE_CODE_VERSION, 1, 0, 3, 255]);
  const hints = Array.from({ length: below(rand, 10) }, () => {
    const text = rand() < 0.6 ? pick(rand, VALID_HINTS) : pick(rand, BAD_HINTS);
    const bytes = rand() < 0.9 ? utf8(text) : randomBytes(rand, below(rand, 40));
    // The length byte: true, or off by one, or an extreme.
    const len =
      rand() < 0.8 ? bytes.length : pick(rand, [0, 255, bytes.length + 1, bytes.length - 1]);
    return concat(Uint8Array.of(len & 0xff), bytes);
  });
  const count = rand() < 0.8 ? hints.length : pick(rand, [0, 8, 9, 255, hints.length + 1]);
  let body = concat(Uint8Array.of(version), randomBytes(rand, 64));
  if (version !== 1 || rand() < 0.1) body = concat(body, randomBytes(rand, 20));
  body = concat(body, Uint8Array.of(count));
  for (const h of hints) body = concat(body, h);
  if (rand() < 0.1) body = concat(body, randomBytes(rand, 1 + below(rand, 8)));
  if (rand() < 0.1) body = body.subarray(0, below(rand, body.length));
  return body;
}

function runCase(rand: () => number): string {
  const code = validCode(rand);
  const token = encodeShareCode(code);
  const others = () => [encodeShareCode(validCode(rand)), encodeShareCode(validCode(rand))];
  switch (below(rand, 5)) {
    case 0:
      decode(randomInput(rand));
      return 'random';
    case 1: {
      // Typos and cuts in the text, in the token or in the link that carries it.
      const asLink = rand() < 0.3;
      const text = asLink ? shareLinkOf(token) : token;
      const changed = mutateText(rand, text, B64URL, asLink ? others().map(shareLinkOf) : others());
      if (changed === text) return 'mutated-text';
      expectNotTakenChanged(changed, token);
      return 'mutated-text';
    }
    case 2: {
      // The bytes changed under a well-formed token: the checksum alone must catch it.
      const fields: LengthField[] = [
        { offset: 0, width: 1 },
        { offset: 65, width: 4 },
        { offset: HINT_COUNT_AT, width: 1 },
        { offset: HINT_COUNT_AT + 1, width: 1 },
      ];
      const { bytes } = mutate(rand, tokenBytes(token), others().map(tokenBytes), fields);
      expectNotTakenChanged(PREFIX + toBase64Url(bytes), token);
      return 'mutated-bytes';
    }
    case 3: {
      // The body changed and the checksum made right: the parser behind it is on its own.
      const fields: LengthField[] = [
        { offset: 0, width: 1 },
        { offset: HINT_COUNT_AT, width: 1 },
        { offset: HINT_COUNT_AT + 1, width: 1 },
      ];
      const valid = tokenBytes(token);
      const { bytes } = mutate(rand, valid.subarray(0, valid.length - 4), [], fields);
      return decode(withChecksum(bytes)).ok ? 'resummed-taken' : 'resummed-refused';
    }
    default: {
      const input = withChecksum(structuredBody(rand));
      const result = decode(input);
      if (!result.ok) return 'structured-refused';
      // What is taken is exactly what the body said: encoding it again gives the same token.
      if (result.code.pin !== null) expect(encodeShareCode(result.code)).toBe(input);
      return 'structured-taken';
    }
  }
}

describe('fuzzing share codes', () => {
  it(
    fuzzTitle('decoding never throws, says why, and takes no changed code'),
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      const tally = runCases('share codes', runCase);
      expectEveryKind(tally, [
        'random',
        'mutated-text',
        'mutated-bytes',
        'resummed-taken',
        'resummed-refused',
        'structured-refused',
        'structured-taken',
      ]);
    },
  );
});
