import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../support/seeded-random';
import {
  bytesEqual,
  concatBytes,
  fromBase64Url,
  fromUtf8,
  toBase64Url,
  toHex,
  utf8,
} from '../../src-shared/bytes';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

describe('base64url', () => {
  it('round trips every length from 0 to 100 and matches Node’s base64url', () => {
    const rand = mulberry32(0xb64);
    for (let len = 0; len <= 100; len++) {
      for (let rep = 0; rep < 5; rep++) {
        const bytes = randomBytes(rand, len);
        const text = toBase64Url(bytes);
        expect(text, `len ${len}`).toBe(Buffer.from(bytes).toString('base64url'));
        expect(text.length).toBe(Math.ceil((len * 4) / 3));
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        const back = fromBase64Url(text);
        expect(back, `len ${len}`).toBeInstanceOf(Uint8Array);
        expect(Array.from(back!)).toEqual(Array.from(bytes));
      }
    }
  });

  it('encodes the edge values of every alphabet position', () => {
    expect(toBase64Url(Uint8Array.of(0xff, 0xff, 0xff))).toBe('____');
    expect(toBase64Url(Uint8Array.of(0xfb, 0xef, 0xbe))).toBe('----');
    expect(toBase64Url(Uint8Array.of(0, 0, 0))).toBe('AAAA');
    expect(toBase64Url(new Uint8Array(0))).toBe('');
    expect(Array.from(fromBase64Url('')!)).toEqual([]);
    expect(Array.from(fromBase64Url('_w')!)).toEqual([0xff]);
    expect(Array.from(fromBase64Url('__8')!)).toEqual([0xff, 0xff]);
  });

  it('rejects characters outside the url-safe alphabet', () => {
    for (const bad of [
      'AA+A',
      'AA/A',
      'AAA=',
      'AA==',
      'AA A',
      'AA\nA',
      'AAé',
      'AA😀',
      'A.AA',
      '%41AA',
      'AA\0A',
    ]) {
      expect(fromBase64Url(bad), JSON.stringify(bad)).toBeNull();
    }
    // Every byte value that is not in the alphabet is refused in every position of a 4-char group.
    for (let code = 0; code < 256; code++) {
      const c = String.fromCharCode(code);
      if (B64URL.includes(c)) continue;
      for (let pos = 0; pos < 4; pos++) {
        const text = 'AAAA'.slice(0, pos) + c + 'AAAA'.slice(pos + 1);
        expect(fromBase64Url(text), `char ${code} at ${pos}`).toBeNull();
      }
    }
  });

  it('rejects impossible lengths (length % 4 === 1)', () => {
    for (const len of [1, 5, 9, 13, 101]) {
      expect(fromBase64Url('A'.repeat(len)), `len ${len}`).toBeNull();
    }
    // The neighbouring lengths are fine.
    for (const len of [2, 3, 4, 6, 7, 8]) {
      expect(fromBase64Url('A'.repeat(len))!.length, `len ${len}`).toBe(Math.floor((len * 3) / 4));
    }
  });

  it('rejects non-canonical trailing bits, so each byte string has exactly one encoding', () => {
    expect(fromBase64Url('AB')).toBeNull(); // 'B' sets a bit beyond the single byte
    expect(fromBase64Url('AAB')).toBeNull();
    expect(fromBase64Url('__9')).toBeNull();
    // Two chars carry 1 byte + 4 spare bits: exactly 4 of the 64 last chars are canonical.
    const canonical2 = [...B64URL].filter((c) => fromBase64Url('A' + c) !== null);
    expect(canonical2).toEqual(['A', 'Q', 'g', 'w']);
    // Three chars carry 2 bytes + 2 spare bits: 16 of 64 are canonical.
    const canonical3 = [...B64URL].filter((c) => fromBase64Url('AA' + c) !== null);
    expect(canonical3.length).toBe(16);
    for (const c of canonical3) expect(toBase64Url(fromBase64Url('AA' + c)!)).toBe('AA' + c);
    // A full 4-char group has no spare bits: all 64 are fine.
    expect([...B64URL].filter((c) => fromBase64Url('AAA' + c) !== null).length).toBe(64);
  });
});

describe('utf8', () => {
  it('round trips text including multi-byte characters', () => {
    for (const text of [
      '',
      'hello',
      'grüße',
      '日本語',
      'emoji 😀🌱',
      'nul\0in the middle',
      '\u{10ffff}',
    ]) {
      expect(fromUtf8(utf8(text))).toBe(text);
    }
    expect(Array.from(utf8('é'))).toEqual([0xc3, 0xa9]);
    expect(Array.from(utf8('😀'))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it('throws on invalid UTF-8 instead of showing replacement characters', () => {
    const invalid = [
      [0xff],
      [0xc3], // truncated 2-byte sequence
      [0x61, 0xe2, 0x82], // truncated 3-byte sequence at the end
      [0xc0, 0xaf], // overlong '/'
      [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded in UTF-8
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      [0x80], // lone continuation byte
    ];
    for (const bytes of invalid) {
      expect(() => fromUtf8(Uint8Array.from(bytes)), bytes.join(',')).toThrow(TypeError);
    }
  });
});

describe('helpers', () => {
  it('concatBytes joins in order', () => {
    expect(Array.from(concatBytes())).toEqual([]);
    expect(
      Array.from(concatBytes(Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3))),
    ).toEqual([1, 2, 3]);
    const whole = Uint8Array.of(9, 8, 7, 6);
    expect(Array.from(concatBytes(whole.subarray(2), whole.subarray(0, 1)))).toEqual([7, 6, 9]);
  });

  it('bytesEqual compares length and content', () => {
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
    expect(bytesEqual(Uint8Array.of(0x80), Uint8Array.of(0x00))).toBe(false);
  });

  it('toHex pads each byte to two digits', () => {
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });
});
