// The quota each author has per day of the time their records claim (author-quota.ts).
import { describe, expect, it } from 'vitest';
import { AUTHOR_QUOTA, AuthorQuota } from '../../src-shared/circle/author-quota';

const DAY = 86_400_000;

describe('AuthorQuota', () => {
  it('admits up to the records of a day, then refuses (counting nothing), per author and per day', () => {
    const quota = new AuthorQuota({ recordsPerDay: 3, bytesPerDay: 1_000_000 });
    const t = 10 * DAY + 5;
    expect([1, 2, 3, 4].map(() => quota.admit('ana', t, 10))).toEqual([true, true, true, false]);
    expect(quota.admit('bo', t, 10)).toBe(true);
    expect(quota.admit('ana', t + DAY, 10)).toBe(true);
    expect(quota.admit('ana', t - 1, 10)).toBe(false); // same day
  });

  it('refuses a record that would pass the bytes of a day, and still takes a smaller one', () => {
    const quota = new AuthorQuota({ recordsPerDay: 100, bytesPerDay: 1_000 });
    expect(quota.admit('ana', 0, 900)).toBe(true);
    expect(quota.admit('ana', 0, 200)).toBe(false);
    expect(quota.admit('ana', 0, 100)).toBe(true);
  });

  it('counts records kept on an earlier run, so a restart gives no fresh quota', () => {
    const quota = new AuthorQuota({ recordsPerDay: 2, bytesPerDay: 1_000 });
    quota.note('ana', 0, 0);
    quota.note('ana', 0, 0);
    expect(quota.admit('ana', 0, 1)).toBe(false);
  });

  it('is far above a person and far below a flood', () => {
    // A message every 4.3 s all day long is allowed; 1 MiB/s for a day (the receive budget) is not.
    expect(AUTHOR_QUOTA.recordsPerDay).toBeGreaterThanOrEqual(20_000);
    expect(AUTHOR_QUOTA.bytesPerDay).toBeLessThan((86_400 * 1024 * 1024) / 1_000);
  });
});
