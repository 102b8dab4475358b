// Leaving with "also delete this circle's history from this device". The circle leaves the
// screen at once, but its room stays open LEAVE_GRACE_MS, as after a plain leave: y-webrtc drops
// what it has not sent yet when a room goes, and the leave record must reach the others. Then the
// session closes and its store is deleted. A lock or quit ends the wait at once (finishAll).
import { LEAVE_GRACE_MS } from './room-connection';

interface Wipe {
  /** Ends the wait now; resolves once the copy is gone. */
  now(): Promise<void>;
}

export class CircleWipes {
  private readonly pending = new Set<Wipe>();

  /**
   * Runs `wipe` (close the session, delete what this device holds of it) after the grace, or at
   * once when `announced` is false (no leave record was just written). Resolves once it ran.
   */
  start(announced: boolean, wipe: () => Promise<void>): Promise<void> {
    let endWait!: () => void;
    const waited = new Promise<void>((resolve) => (endWait = resolve));
    const timer = setTimeout(endWait, announced ? LEAVE_GRACE_MS : 0);
    const entry: Wipe = { now: () => (endWait(), done) };
    const done = waited
      .then(() => {
        clearTimeout(timer);
        return wipe();
      })
      .finally(() => this.pending.delete(entry));
    this.pending.add(entry);
    return done;
  }

  /** Ends every wait now; resolves once every copy is gone. */
  async finishAll(): Promise<void> {
    await Promise.all([...this.pending].map((w) => w.now()));
  }
}
