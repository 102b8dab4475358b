// Leaving with "also delete this circle's history from this device". The circle leaves the
// screen at once, but its room stays as after a plain leave, until the others there hold the
// leave record (room-exit.ts): y-webrtc drops what it has not sent yet when a room goes. Then the session closes and its store is deleted. A lock or quit ends the wait at once
// (finishAll).

interface Wipe {
  /** Ends the wait now; resolves once the copy is gone. */
  now(): Promise<void>;
}

export class CircleWipes {
  private readonly pending = new Set<Wipe>();
  private failed: readonly string[] = [];

  /** `changed`: the list of copies that could not be deleted changed. */
  constructor(private readonly changed: () => void) {}

  /**
   * Local ids of circles whose copy could not be deleted after a leave (a full or missing disk):
   * still on this device, listed again as left. Ids, not names: nothing of a circle's content
   * stays in memory while the app is locked. The same array while nothing changes.
   */
  get unwiped(): readonly string[] {
    return this.failed;
  }

  /** The person has read which copies are still here. */
  dismissUnwiped(): void {
    if (this.failed.length === 0) return;
    this.failed = [];
    this.changed();
  }

  /**
   * `start` after a leave, once `roomLeft` resolves. A failure is kept in `unwiped` as `localId`,
   * and `relist` puts the circle back on the screen (its own failure changes nothing more).
   */
  afterLeave(
    localId: string,
    roomLeft: Promise<void>,
    wipe: () => Promise<void>,
    relist: () => Promise<void>,
  ): void {
    this.start(roomLeft, wipe).catch(() => {
      this.failed = [...this.failed, localId];
      this.changed();
      relist().catch(() => {});
    });
  }

  /**
   * Runs `wipe` (close the session, delete what this device holds of it) once `until` resolves
   * (the room was left after a leave record), or at once without it. Resolves once it ran.
   */
  start(until: Promise<void> | null, wipe: () => Promise<void>): Promise<void> {
    let endWait!: () => void;
    const waited = new Promise<void>((resolve) => (endWait = resolve));
    void (until ?? Promise.resolve()).then(endWait);
    const entry: Wipe = { now: () => (endWait(), done) };
    const done = waited.then(wipe).finally(() => this.pending.delete(entry));
    this.pending.add(entry);
    return done;
  }

  /**
   * Ends every wait now; resolves once every wipe ran, whether or not it could delete the copy.
   * It never fails: it runs on the way to the lock (and quick exit), which must go on; a failure
   * is for whoever started that wipe to report.
   */
  async finishAll(): Promise<void> {
    await Promise.allSettled([...this.pending].map((w) => w.now()));
  }
}
