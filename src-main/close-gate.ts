// Holds the window's close until the page has written out what it still holds. Writes are
// coalesced in the page (up to a second for what peers sent), so a window closed at once, or an
// app quit, lost the last second's records on this device. Pure: Electron's calls and the timer
// are passed in, so the rule is tested without a window.

export interface CloseGateDeps {
  /**
   * Asks the page to write out what is waiting (it answers through `saved`). False when there
   * is no page to ask (it crashed, or never loaded): the window then closes at once.
   */
  askToSave(): boolean;
  /** Closes the window for real (or quits, if a quit was under way). */
  proceed(): void;
  /** A page that does not answer (hung, or gone) is not waited for longer than this. */
  readonly timeoutMs: number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/** Long enough for a flush of a second's records (milliseconds), short enough not to hang a quit. */
export const SAVE_BEFORE_CLOSE_TIMEOUT_MS = 3_000;

export class CloseGate {
  private state: 'open' | 'saving' | 'saved' = 'open';
  private timer: unknown = null;

  constructor(private readonly deps: CloseGateDeps) {}

  /**
   * For the window's 'close' event: true means "not yet" (call preventDefault). The first close
   * asks the page to save; later ones wait for the same answer; once saved, closes go through.
   */
  holdClose(): boolean {
    if (this.state === 'saved') return false;
    if (this.state === 'open') {
      if (!this.deps.askToSave()) {
        this.state = 'saved';
        return false;
      }
      this.state = 'saving';
      this.timer = this.deps.setTimer(() => this.release(), this.deps.timeoutMs);
    }
    return true;
  }

  /** The page says it has saved. Ignored unless a close is waiting for it. */
  saved(): void {
    if (this.state === 'saving') this.release();
  }

  private release(): void {
    if (this.state !== 'saving') return;
    this.deps.clearTimer(this.timer);
    this.timer = null;
    this.state = 'saved';
    this.deps.proceed();
  }
}
