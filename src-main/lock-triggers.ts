// What locks the app besides the person: the idle limit (polled from the OS idle time) and the
// screen locking or the computer going to sleep. The power monitor, the settings and the timer
// are passed in, so which event locks when is tested without Electron.
import { IDLE_POLL_MS, IdleLock, lockOnSystemEvent } from './idle-lock';

/** The part of Electron's powerMonitor this needs. */
export interface PowerEvents {
  getSystemIdleTime(): number;
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
}

export interface LockTriggerPorts {
  power: PowerEvents;
  /** The current auto-lock setting, read at each poll and event (it changes at run time). */
  autoLockMinutes: () => number;
  lock: () => void;
  /** Runs `tick` every `ms` without keeping the process alive. */
  every?: (tick: () => void, ms: number) => void;
}

const unrefInterval = (tick: () => void, ms: number): void => {
  setInterval(tick, ms).unref();
};

/** Calls `lock` once per idle stretch past the limit, and on screen lock or sleep while auto-lock is on. */
export function watchForLock({
  power,
  autoLockMinutes,
  lock,
  every = unrefInterval,
}: LockTriggerPorts): void {
  const idleLock = new IdleLock();
  every(() => {
    if (idleLock.poll(power.getSystemIdleTime(), autoLockMinutes())) lock();
  }, IDLE_POLL_MS);
  const lockIfWanted = (): void => {
    if (lockOnSystemEvent({ autoLockMinutes: autoLockMinutes() })) lock();
  };
  power.on('lock-screen', lockIfWanted);
  power.on('suspend', lockIfWanted);
}
