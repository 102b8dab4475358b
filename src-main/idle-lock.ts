// Idle auto-lock: main polls the OS idle time (powerMonitor.getSystemIdleTime) and asks the
// renderer to lock once per idle stretch. Pure state machine so the timing is tested directly.

/** How often main polls; the lock lands at most this late. */
export const IDLE_POLL_MS = 15_000;

export class IdleLock {
  private firedThisStretch = false;

  /**
   * Feed one poll: seconds since the last input anywhere on the computer, and the limit in
   * minutes (0 = never). True exactly once when the limit is crossed; a fresh input (idle time
   * back under the limit) re-arms it.
   */
  poll(idleSeconds: number, limitMinutes: number): boolean {
    if (!Number.isFinite(idleSeconds) || idleSeconds < 0 || limitMinutes <= 0) {
      this.firedThisStretch = false;
      return false;
    }
    if (idleSeconds < limitMinutes * 60) {
      this.firedThisStretch = false;
      return false;
    }
    if (this.firedThisStretch) return false;
    this.firedThisStretch = true;
    return true;
  }
}

/** Lock when the screen locks or the computer sleeps, whenever auto-lock is on at all. */
export function lockOnSystemEvent(settings: { autoLockMinutes: number }): boolean {
  return settings.autoLockMinutes > 0;
}
