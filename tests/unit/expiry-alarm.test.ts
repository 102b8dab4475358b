// An invite's state ("live", "expired") is worked out when a circle's view is made; the alarm
// makes the view again when the next live invite expires, so a facilitator never sees an expired
// invite as live with a Withdraw button (found by the end-to-end tests: it stayed for ~15 s).
// The running mutes it also follows stay one map while unchanged.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExpiryAlarm, runningMutes } from '../../src-renderer/services/circles/circle-view-parts';
import type { CircleLedger } from '../../src-shared/circle/ledger';
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

describe('running mutes in the view', () => {
  it('are the same map while they are the same, so a message renders no header again', () => {
    const mutes = new Map([['ben', { from: 0, until: 5_000, reason: 'a pause' }]]);
    const ledger = { mutes } as unknown as CircleLedger;
    const first = runningMutes(ledger, 1_000);
    expect([...first]).toEqual([['ben', { until: 5_000, reason: 'a pause' }]]);
    expect(runningMutes(ledger, 2_000)).toBe(first);
    // A mute that starts, or one that ends, is a new map.
    mutes.set('cai', { from: 2_500, until: 9_000, reason: 'calm down' });
    const second = runningMutes(ledger, 3_000);
    expect(second).not.toBe(first);
    expect([...second.keys()]).toEqual(['ben', 'cai']);
    expect([...runningMutes(ledger, 6_000).keys()]).toEqual(['cai']);
  });
});
