// Runs storage writes one after another, in order. A failed write (a full disk, say) is
// retried with backoff instead of being dropped, and later writes wait behind it, so what
// reaches disk is never out of order or missing a piece.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly onRecovered: () => void = () => {},
    private readonly maxDelayMs = 30_000,
  ) {}

  run(task: () => Promise<void>, onError: (error: unknown) => void = () => {}): void {
    this.tail = this.tail.then(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await task();
          if (attempt > 0) {
            try {
              this.onRecovered();
            } catch {
              // As above: the write succeeded; the queue goes on.
            }
          }
          return;
        } catch (error) {
          try {
            onError(error);
          } catch {
            // A failing reporter must not stop the writes queued behind this one.
          }
          if (this.stopped) return;
          await sleep(Math.min(this.maxDelayMs, 250 * 2 ** attempt));
        }
      }
    });
  }

  /** Resolves when every queued write is done, or after `timeoutMs` if writes keep failing. */
  idle(timeoutMs = 5_000): Promise<void> {
    return Promise.race([this.tail, sleep(timeoutMs)]).then(() => undefined);
  }

  /** Stops retrying (used when the vault locks: without the key nothing more can be written). */
  stop(): void {
    this.stopped = true;
  }
}
