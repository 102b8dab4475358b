// What locks the app besides the person (src-main/lock-triggers.ts), with a stand-in power
// monitor and a hand-driven poll: the idle limit locks once per stretch, screen lock and sleep
// lock only while auto-lock is on, and a changed setting counts from the next poll.
import { describe, expect, it, vi } from 'vitest';
import { IDLE_POLL_MS } from '../../src-main/idle-lock';
import { watchForLock, type PowerEvents } from '../../src-main/lock-triggers';

function setUp(minutes: number) {
  const listeners = new Map<string, () => void>();
  let idleSeconds = 0;
  const power: PowerEvents = {
    getSystemIdleTime: () => idleSeconds,
    on: (event, listener) => listeners.set(event, listener),
  };
  const settings = { autoLockMinutes: minutes };
  const lock = vi.fn();
  let tick = (): void => {
    throw new Error('no poll was scheduled');
  };
  let pollMs = 0;
  watchForLock({
    power,
    autoLockMinutes: () => settings.autoLockMinutes,
    lock,
    every: (run, ms) => {
      tick = run;
      pollMs = ms;
    },
  });
  const poll = (seconds: number) => {
    idleSeconds = seconds;
    tick();
  };
  const fire = (event: string) => listeners.get(event)!();
  return { settings, lock, poll, fire, pollMs: () => pollMs };
}

describe('watchForLock', () => {
  it('polls at the idle poll interval and locks once per idle stretch past the limit', () => {
    const t = setUp(5);
    expect(t.pollMs()).toBe(IDLE_POLL_MS);
    t.poll(299);
    expect(t.lock).not.toHaveBeenCalled();
    t.poll(300);
    t.poll(400);
    expect(t.lock).toHaveBeenCalledTimes(1);
    t.poll(2); // input: a new stretch
    t.poll(301);
    expect(t.lock).toHaveBeenCalledTimes(2);
  });

  it('reads the setting at each poll: turning auto-lock off stops the idle lock', () => {
    const t = setUp(5);
    t.settings.autoLockMinutes = 0;
    t.poll(10_000);
    expect(t.lock).not.toHaveBeenCalled();
    t.settings.autoLockMinutes = 1;
    t.poll(10_000);
    expect(t.lock).toHaveBeenCalledTimes(1);
  });

  it('locks on screen lock and on sleep only while auto-lock is on', () => {
    const t = setUp(0);
    t.fire('lock-screen');
    t.fire('suspend');
    expect(t.lock).not.toHaveBeenCalled();
    t.settings.autoLockMinutes = 15;
    t.fire('lock-screen');
    t.fire('suspend');
    expect(t.lock).toHaveBeenCalledTimes(2);
  });
});
