// Relay codes (issue 18) and what a relay says about itself, as attacks: a code carries a room
// secret and the relay's own seed, never a content key; a damaged or foreign code is refused with a
// clear message; a relay's claim holds only for its room, client, key and time.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../src-shared/crypto/random';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { relayKeyOf, signRelayClaim, verifyRelayClaim } from '../../src-shared/circle/relay-claim';
import { decodeRelayCode, encodeRelayCode, type RelayCode } from '../../src-shared/relay-code';

beforeAll(loadSodium);

const code = (): RelayCode => ({
  relaySeed: randomBytes(32),
  epoch: 3,
  roomSecret: randomBytes(32),
  signalingUrls: ['wss://signal.example', 'ws://127.0.0.1:4444'],
});

describe('relay codes', () => {
  it('round-trip, with spaces and line breaks from copy-paste', () => {
    const c = code();
    const token = encodeRelayCode(c);
    expect(token.startsWith('hearthrelay1')).toBe(true);
    const spaced = token.replace(/(.{20})/g, '$1\n ');
    expect(decodeRelayCode(spaced)).toEqual({ ok: true, code: c });
  });

  it('refuse what is not a relay code, damaged, newer, or names a bad server', () => {
    const token = encodeRelayCode(code());
    expect(decodeRelayCode('')).toEqual({ ok: false, error: 'empty' });
    expect(decodeRelayCode('hearth1AAAA')).toEqual({ ok: false, error: 'not-a-code' });
    expect(decodeRelayCode(token.slice(0, -3))).toEqual({ ok: false, error: 'damaged' });
    const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    expect(decodeRelayCode(flipped)).toEqual({ ok: false, error: 'damaged' });
    expect(() => encodeRelayCode({ ...code(), signalingUrls: ['https://x.example'] })).toThrow();
    expect(() => encodeRelayCode({ ...code(), roomSecret: randomBytes(16) })).toThrow();
  });
});

describe("a relay's claim", () => {
  const seed = randomBytes(32);
  const held = new Map([
    [11, 5],
    [22, 9],
  ]);

  it('proves its key, time and holdings in its room and client only', () => {
    const claim = signRelayClaim(seed, 'room-a', 7, held, 1_000_000);
    const ok = verifyRelayClaim(claim, 'room-a', 7, 1_000_000);
    expect(ok).toEqual({ relay: relayKeyOf(seed), at: 1_000_000, held });
    expect(verifyRelayClaim(claim, 'room-b', 7, 1_000_000)).toBeNull();
    expect(verifyRelayClaim(claim, 'room-a', 8, 1_000_000)).toBeNull();
    // Stale, or holdings changed after signing: refused.
    expect(verifyRelayClaim(claim, 'room-a', 7, 1_000_000 + 61_000)).toBeNull();
    const more = signRelayClaim(seed, 'room-a', 7, new Map([[11, 500]]), 1_000_000);
    expect(verifyRelayClaim({ ...claim, sv: more.sv }, 'room-a', 7, 1_000_000)).toBeNull();
    for (const junk of [null, 'x', { ...claim, at: 'now' }, { ...claim, sv: 'x'.repeat(5000) }])
      expect(verifyRelayClaim(junk, 'room-a', 7, 1_000_000)).toBeNull();
  });
});
