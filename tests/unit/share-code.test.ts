import { describe, it, expect, beforeAll } from 'vitest';
import { mulberry32 } from '../support/seeded-random';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import { concatBytes, fromBase64Url, toBase64Url, utf8 } from '../../src-shared/bytes';
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

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PREFIX = 'hearth1';

const seededBytes = (seed: number, n: number) => {
  const rand = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
};

const HINTS = [
  'wss://signal.example.org',
  'ws://192.168.1.20:4444',
  'wss://relay.example.net/path?x=1',
];

const PIN = { epoch: 3, hash: toBase64Url(seededBytes(3, 16)) };

function sampleCode(hints: string[] = HINTS.slice(0, 2)): ShareCode {
  return {
    genesisFingerprint: seededBytes(1, 32),
    inviteSecret: seededBytes(2, 32),
    pin: PIN,
    signalingHints: hints,
  };
}

/** The pin's bytes as version 2 lays them out: epoch (4, big-endian), then the hash. */
const pinBytes = (pin = PIN) =>
  concatBytes(Uint8Array.of(0, 0, 0, pin.epoch), fromBase64Url(pin.hash)!);
/** Where the hint count sits in a version-2 body. */
const HINT_COUNT_AT = 1 + 32 + 32 + 20;

/** Builds a token from a hand-made body, with a correct checksum. */
function tokenFromBody(body: Uint8Array): string {
  const sum = sodium().crypto_generichash(32, body, null).subarray(0, 4);
  return PREFIX + toBase64Url(concatBytes(body, sum));
}

function bodyWithHints(
  rawHints: Uint8Array[],
  count = rawHints.length,
  version = SHARE_CODE_VERSION,
): Uint8Array {
  const c = sampleCode();
  return concatBytes(
    Uint8Array.of(version),
    c.genesisFingerprint,
    c.inviteSecret,
    version === 1 ? new Uint8Array(0) : pinBytes(),
    Uint8Array.of(count),
    ...rawHints.map((h) => concatBytes(Uint8Array.of(h.length), h)),
  );
}

const errorOf = (input: string) => {
  const r = decodeShareCode(input);
  return r.ok ? 'ok' : r.error;
};

beforeAll(async () => {
  await loadSodium();
});

describe('share code round trip', () => {
  it.each([0, 1, 2, 3])('encodes and decodes with %i hints', (n) => {
    const code = sampleCode(HINTS.slice(0, n));
    const token = encodeShareCode(code);
    expect(token.startsWith(PREFIX)).toBe(true);
    expect(token.slice(PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeShareCode(token);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(toBase64Url(decoded.code.genesisFingerprint)).toBe(toBase64Url(code.genesisFingerprint));
    expect(toBase64Url(decoded.code.inviteSecret)).toBe(toBase64Url(code.inviteSecret));
    expect(decoded.code.signalingHints).toEqual(HINTS.slice(0, n));
    expect(decoded.code.pin).toEqual(PIN);
  });

  it('has the documented byte layout', () => {
    const token = encodeShareCode(sampleCode(['wss://a.example']));
    const bytes = fromBase64Url(token.slice(PREFIX.length))!;
    expect(bytes.length).toBe(1 + 32 + 32 + 4 + 16 + 1 + 1 + 'wss://a.example'.length + 4);
    expect(bytes[0]).toBe(SHARE_CODE_VERSION);
    expect(toBase64Url(bytes.subarray(65, 85))).toBe(toBase64Url(pinBytes()));
    expect(bytes[HINT_COUNT_AT]).toBe(1);
    expect(bytes[HINT_COUNT_AT + 1]).toBe('wss://a.example'.length);
  });

  it('carries the pin exactly, from the genesis (epoch 0) to the largest epoch', () => {
    for (const epoch of [0, 1, 300, 0xffffffff]) {
      const pin = { epoch, hash: toBase64Url(seededBytes(epoch % 97, 16)) };
      const decoded = decodeShareCode(encodeShareCode({ ...sampleCode(), pin }));
      expect(decoded.ok && decoded.code.pin).toEqual(pin);
    }
  });

  it('refuses to encode a code without a pin, or with a malformed one', () => {
    const hash = PIN.hash;
    for (const pin of [null, { epoch: -1, hash }, { epoch: 1.5, hash }, { epoch: 2 ** 32, hash }])
      expect(() => encodeShareCode({ ...sampleCode(), pin }), JSON.stringify(pin)).toThrow(
        RangeError,
      );
    const short = toBase64Url(seededBytes(4, 15));
    expect(() => encodeShareCode({ ...sampleCode(), pin: { epoch: 1, hash: short } })).toThrow(
      RangeError,
    );
  });

  it('still reads version-1 codes, which have no pin (they pin the genesis)', () => {
    const v1 = decodeShareCode(tokenFromBody(bodyWithHints([utf8('wss://a.example')], 1, 1)));
    expect(v1.ok).toBe(true);
    if (!v1.ok) return;
    expect(v1.code.pin).toBeNull();
    expect(v1.code.signalingHints).toEqual(['wss://a.example']);
    expect(toBase64Url(v1.code.inviteSecret)).toBe(toBase64Url(sampleCode().inviteSecret));
  });

  it('keeps at most 8 hints', () => {
    const many = Array.from({ length: 10 }, (_, i) => `wss://s${i}.example`);
    const decoded = decodeShareCode(encodeShareCode(sampleCode(many)));
    expect(decoded.ok && decoded.code.signalingHints).toEqual(many.slice(0, 8));
  });

  it('refuses wrong key lengths and overlong hints when encoding', () => {
    expect(() => encodeShareCode({ ...sampleCode(), inviteSecret: new Uint8Array(31) })).toThrow(
      RangeError,
    );
    expect(() =>
      encodeShareCode({ ...sampleCode(), genesisFingerprint: new Uint8Array(33) }),
    ).toThrow(RangeError);
    expect(() => encodeShareCode(sampleCode(['wss://' + 'a'.repeat(200) + '.example']))).toThrow(
      RangeError,
    );
  });
});

describe('forgiving input', () => {
  it('accepts the hearth://join/ link form, in any case', () => {
    const token = encodeShareCode(sampleCode());
    const link = shareLinkOf(token);
    expect(link).toBe('hearth://join/' + token);
    expect(errorOf(link)).toBe('ok');
    expect(errorOf('HEARTH://JOIN/' + token)).toBe('ok');
    expect(errorOf('Hearth://Join/' + token)).toBe('ok');
  });

  it('ignores spaces, tabs and line breaks inserted anywhere', () => {
    const rand = mulberry32(99);
    const token = encodeShareCode(sampleCode());
    for (const base of [token, shareLinkOf(token)]) {
      for (let rep = 0; rep < 20; rep++) {
        let text = base;
        for (let k = 0; k < 6; k++) {
          const at = Math.floor(rand() * (text.length + 1));
          const ws = [' ', '\n', '\r\n', '\t', '  \n  '][Math.floor(rand() * 5)]!;
          text = text.slice(0, at) + ws + text.slice(at);
        }
        const r = decodeShareCode(text);
        expect(r.ok, JSON.stringify(text)).toBe(true);
        expect(r.ok && toBase64Url(r.code.inviteSecret)).toBe(
          toBase64Url(sampleCode().inviteSecret),
        );
      }
    }
    expect(errorOf(`\n  ${token}\n\n`)).toBe('ok');
  });
});

describe('damaged codes', () => {
  it('every single-character substitution at 50 random positions is caught', () => {
    const rand = mulberry32(2024);
    const token = encodeShareCode(sampleCode(HINTS));
    for (let k = 0; k < 50; k++) {
      const at = Math.floor(rand() * token.length);
      const original = token[at]!;
      let replacement = original;
      while (replacement === original) replacement = B64URL[Math.floor(rand() * B64URL.length)]!;
      const damaged = token.slice(0, at) + replacement + token.slice(at + 1);
      expect(errorOf(damaged), `position ${at}: ${original} -> ${replacement}`).toBe(
        at < PREFIX.length ? 'not-a-code' : 'damaged',
      );
    }
  });

  it('every substitution of the last character (spare bits included) is caught', () => {
    const token = encodeShareCode(sampleCode());
    const at = token.length - 1;
    for (const c of B64URL) {
      if (c === token[at]) continue;
      expect(errorOf(token.slice(0, at) + c), c).toBe('damaged');
    }
  });

  it('characters outside the alphabet are damaged', () => {
    const token = encodeShareCode(sampleCode());
    for (const c of ['+', '/', '=', '.', 'é']) {
      expect(errorOf(token.slice(0, 20) + c + token.slice(21)), c).toBe('damaged');
    }
  });

  it('every truncation is damaged', () => {
    const token = encodeShareCode(sampleCode(HINTS.slice(0, 1)));
    for (let len = PREFIX.length; len < token.length; len++) {
      expect(errorOf(token.slice(0, len)), `length ${len}`).toBe('damaged');
    }
  });

  it('swapped adjacent characters are damaged', () => {
    const token = encodeShareCode(sampleCode());
    for (let at = PREFIX.length; at < token.length - 1; at += 7) {
      if (token[at] === token[at + 1]) continue;
      const swapped = token.slice(0, at) + token[at + 1] + token[at] + token.slice(at + 2);
      expect(errorOf(swapped), `swap at ${at}`).toBe('damaged');
    }
  });

  it('extra bytes after the hints are damaged even with a valid checksum', () => {
    const body = concatBytes(bodyWithHints([utf8('wss://a.example')]), Uint8Array.of(0));
    expect(errorOf(tokenFromBody(body))).toBe('damaged');
  });

  it('a hint length running past the end is damaged', () => {
    const body = bodyWithHints([utf8('wss://a.example')]);
    body[HINT_COUNT_AT + 1] = 200;
    expect(errorOf(tokenFromBody(body))).toBe('damaged');
    // Count says 2 but only one hint is present.
    expect(errorOf(tokenFromBody(bodyWithHints([utf8('wss://a.example')], 2)))).toBe('damaged');
  });
});

describe('not codes', () => {
  it('empty input', () => {
    for (const empty of ['', ' ', '\n\t  \r\n']) expect(errorOf(empty)).toBe('empty');
  });

  it('other text', () => {
    for (const text of [
      'hello',
      'https://example.org/join',
      'hearth2AAAA',
      'HEARTH1AAAA',
      'hearth',
      'hearth://join/',
      'hearth://join/xyz',
    ]) {
      expect(errorOf(text), text).toBe('not-a-code');
    }
  });
});

describe('versions and hints', () => {
  it('a newer version byte, with a correct checksum, asks to update', () => {
    const token = encodeShareCode(sampleCode());
    const bytes = fromBase64Url(token.slice(PREFIX.length))!;
    const body = bytes.slice(0, bytes.length - 4);
    body[0] = SHARE_CODE_VERSION + 1;
    expect(errorOf(tokenFromBody(body))).toBe('newer-version');
    // Control: the same body with the version restored decodes.
    body[0] = SHARE_CODE_VERSION;
    expect(errorOf(tokenFromBody(body))).toBe('ok');
    // A version that never existed is damage, not news.
    body[0] = 0;
    expect(errorOf(tokenFromBody(body))).toBe('damaged');
  });

  it('a version-2 code cut short inside its pin is damaged, even with a valid checksum', () => {
    const body = bodyWithHints([]).subarray(0, 1 + 32 + 32 + 10);
    expect(errorOf(tokenFromBody(body))).toBe('damaged');
  });

  it('encode refuses hints that are not ws:// or wss:// URLs', () => {
    for (const bad of [
      'http://example.org',
      'https://example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'wss://user:pw@example.org',
      'not a url',
      'ws://',
    ]) {
      expect(() => encodeShareCode(sampleCode([bad])), bad).toThrow(RangeError);
    }
  });

  it('decode refuses crafted hints with a valid checksum', () => {
    for (const bad of [
      'http://example.org',
      'javascript:alert(1)',
      'data:text/html,hi',
      'wss://u:p@example.org',
    ]) {
      const token = tokenFromBody(bodyWithHints([utf8(bad)]));
      expect(errorOf(token), bad).toBe('bad-hint');
    }
    // A bad hint after a good one is still refused.
    expect(
      errorOf(tokenFromBody(bodyWithHints([utf8('wss://ok.example'), utf8('javascript:void(0)')]))),
    ).toBe('bad-hint');
    // Invalid UTF-8 in a hint.
    expect(errorOf(tokenFromBody(bodyWithHints([Uint8Array.of(0x77, 0x73, 0xff)])))).toBe(
      'bad-hint',
    );
    // More than 8 hints.
    const nine = Array.from({ length: 9 }, (_, i) => utf8(`wss://s${i}.example`));
    expect(errorOf(tokenFromBody(bodyWithHints(nine)))).toBe('bad-hint');
    // Control: a crafted good hint decodes.
    const good = decodeShareCode(tokenFromBody(bodyWithHints([utf8('wss://ok.example')])));
    expect(good.ok && good.code.signalingHints).toEqual(['wss://ok.example']);
  });

  it('isSignalingUrl accepts only ws/wss URLs with a host and no credentials', () => {
    expect(isSignalingUrl('wss://signal.example.org')).toBe(true);
    expect(isSignalingUrl('ws://localhost:4444')).toBe(true);
    expect(isSignalingUrl('WSS://SIGNAL.EXAMPLE.ORG')).toBe(true);
    for (const bad of [
      '',
      'http://a.example',
      'javascript:alert(1)',
      'wss://user@a.example',
      'ws://',
      'signal.example.org',
    ]) {
      expect(isSignalingUrl(bad), bad).toBe(false);
    }
  });
});

describe('error messages', () => {
  it('every error has a non-empty message, and the set of errors is exactly the documented one', () => {
    const all: ShareCodeError[] = ['empty', 'not-a-code', 'damaged', 'newer-version', 'bad-hint'];
    expect(Object.keys(shareCodeErrorMessage).sort()).toEqual([...all].sort());
    for (const e of all) {
      expect(typeof shareCodeErrorMessage[e]).toBe('string');
      expect(shareCodeErrorMessage[e].length, e).toBeGreaterThan(10);
    }
    expect(new Set(Object.values(shareCodeErrorMessage)).size).toBe(all.length);
  });

  it('every error the decoder produced above is one that has a message', () => {
    const token = encodeShareCode(sampleCode());
    const produced = [
      '',
      'nope',
      token.slice(0, -3),
      tokenFromBody(bodyWithHints([utf8('http://x.example')])),
    ].map(errorOf);
    expect(produced).toEqual(['empty', 'not-a-code', 'damaged', 'bad-hint']);
    for (const e of produced) expect(shareCodeErrorMessage[e as ShareCodeError]).toBeTruthy();
  });
});
