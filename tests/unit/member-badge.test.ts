// Member badges: the same key gives the same badge everywhere, badges use only the unambiguous
// alphabet, junk gives "????" instead of a throw, and two members rarely share a badge.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { generateMemberKeys } from '../../src-shared/crypto/keys';
import { toBase64Url } from '../../src-shared/bytes';
import { memberBadge } from '../../src-shared/circle/member-badge';
import { mulberry32 } from '../support/seeded-random';

const BADGE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}$/;

function seededKey(rand: () => number): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  return toBase64Url(bytes);
}

beforeAll(loadSodium);

describe('memberBadge', () => {
  it('is deterministic and made of 4 characters from the unambiguous alphabet', () => {
    const key = toBase64Url(generateMemberKeys().signPublicKey);
    expect(memberBadge(key)).toMatch(BADGE);
    expect(memberBadge(key)).toBe(memberBadge(key.slice()));
    // A fixed key pins the derivation, so every device and version shows the same badge.
    const fixed = toBase64Url(new Uint8Array(32).map((_, i) => i));
    expect(memberBadge(fixed)).toMatchInlineSnapshot(`"V7M5"`);
  });

  it('gives "????" for a malformed key and never throws', () => {
    const junk: unknown[] = [
      '',
      'not base64!',
      toBase64Url(new Uint8Array(31)),
      toBase64Url(new Uint8Array(33)),
      'x'.repeat(1_000_000),
      null,
      undefined,
      42,
      {},
    ];
    for (const j of junk) expect(memberBadge(j as string)).toBe('????');
  });

  it('over 2,000 random keys, fewer than 1% share a badge with another', () => {
    const seed = 0x5eed_ba15;
    const rand = mulberry32(seed);
    const counts = new Map<string, number>();
    const badges = Array.from({ length: 2000 }, () => memberBadge(seededKey(rand)));
    for (const b of badges) {
      expect(b).toMatch(BADGE);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    const sharing = badges.filter((b) => counts.get(b)! > 1).length;
    expect(sharing / badges.length, `seed ${seed}: ${sharing} keys share a badge`).toBeLessThan(
      0.01,
    );
    // Every character position uses all of the alphabet (a stuck position would show here).
    for (let i = 0; i < 4; i++) expect(new Set(badges.map((b) => b[i])).size).toBe(32);
  });
});
