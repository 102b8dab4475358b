// An invite's state ("live", "expired") is worked out when a circle's view is made; the alarm
// makes the view again when the next live invite expires, so a facilitator never sees an expired
// invite as live with a Withdraw button (found by the end-to-end tests: it stayed for ~15 s).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExpiryAlarm } from '../../src-renderer/services/circles/circle-view-parts';
import type { InviteSummary } from '../../src-renderer/services/types';

const invite = (
  expiresAt: number | null,
  state: InviteSummary['state'] = 'live',
): InviteSummary => ({
  inviteId: 'i'.repeat(16),
  createdBy: 'me',
  createdAt: 0,
  expiresAt,
  maxUses: 1,
  usesLeft: 1,
  approval: 'facilitator',
  state,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ExpiryAlarm', () => {
  it('calls back just after the soonest live invite expires, and only then', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const alarm = new ExpiryAlarm();
    const expired = vi.fn();
    alarm.set(
      [
        invite(1_000_000 + 60_000),
        invite(1_000_000 + 5_000),
        invite(null),
        invite(1_000_500, 'revoked'),
      ],
      expired,
    );
    vi.advanceTimersByTime(4_999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('a new set replaces the old alarm, and stop silences it', () => {
    vi.useFakeTimers({ now: 0 });
    const alarm = new ExpiryAlarm();
    const first = vi.fn();
    const second = vi.fn();
    alarm.set([invite(1_000)], first);
    alarm.set([invite(2_000)], second);
    vi.advanceTimersByTime(1_500);
    expect(first).not.toHaveBeenCalled();
    alarm.stop();
    vi.advanceTimersByTime(10_000);
    expect(second).not.toHaveBeenCalled();
  });
});
