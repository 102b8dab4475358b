import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from '../../src-renderer/features/chat/format';

describe('message times', () => {
  it('format as Intl does, remembered by the minute', () => {
    const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
    const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
    // Seconds into a minute, the last second of one, a day boundary, a year apart.
    const base = Date.UTC(2026, 10, 24, 23, 59, 0);
    for (const ts of [
      base,
      base + 1,
      base + 59_999,
      base + 60_000,
      base + 61_234,
      base - 1,
      base + 365 * 86_400_000 + 30_000,
    ]) {
      expect(formatTime(ts)).toBe(time.format(ts));
      expect(formatDateTime(ts)).toBe(full.format(ts));
    }
  });
});
