// Avatars come from the member key alone: the same everywhere, mirrored, never empty, and a
// malformed key draws none (its badge already says "????").
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src-shared/bytes';
import { AVATAR_SIZE, AVATAR_TONES, memberAvatar } from '../../src-shared/circle/member-avatar';
import { generateMemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';

beforeAll(loadSodium);

const newKey = () => toBase64Url(generateMemberKeys().signPublicKey);

describe('memberAvatar', () => {
  it('is the same for the same key and differs between keys', () => {
    const key = newKey();
    expect(memberAvatar(key)).toEqual(memberAvatar(key));
    const drawings = new Set(
      Array.from({ length: 40 }, () => JSON.stringify(memberAvatar(newKey()))),
    );
    expect(drawings.size).toBe(40);
  });

  it('is mirrored left to right, never empty, and uses every tone across keys', () => {
    const tones = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const { cells, tone } = memberAvatar(newKey())!;
      expect(cells).toHaveLength(AVATAR_SIZE * AVATAR_SIZE);
      expect(cells.some(Boolean)).toBe(true);
      for (let row = 0; row < AVATAR_SIZE; row++)
        for (let col = 0; col < AVATAR_SIZE; col++)
          expect(cells[row * AVATAR_SIZE + col]).toBe(
            cells[row * AVATAR_SIZE + AVATAR_SIZE - 1 - col],
          );
      tones.add(tone);
    }
    expect([...tones].sort()).toEqual([...Array(AVATAR_TONES).keys()]);
  });

  it('draws nothing for a malformed key', () => {
    for (const bad of ['', 'not a key', toBase64Url(new Uint8Array(31)), 42 as unknown as string])
      expect(memberAvatar(bad)).toBeNull();
  });
});
