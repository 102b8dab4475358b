import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src-shared/crypto/random';
import { randomId } from '../../src-shared/crypto/keys';

describe('randomBytes', () => {
  it('gives the length asked for, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      const bytes = randomBytes(24);
      expect(bytes).toHaveLength(24);
      seen.add(Buffer.from(bytes).toString('hex'));
    }
    expect(seen.size).toBe(1_000);
  });

  it('uses every byte value (not a zero-filled or constant buffer)', () => {
    const counts = new Array<number>(256).fill(0);
    for (const b of randomBytes(65_536)) counts[b]!++;
    // 256 expected per value; a broken source (zeros, a short repeating pattern) fails this.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(380);
  });

  it('makes URL-safe ids of the given strength', () => {
    expect(randomId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomId(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
