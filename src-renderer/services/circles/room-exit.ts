// How the circle's room goes once our own departure is in the ledger. After a removal, at once:
// the record is someone else's, and nothing new should reach us. After our own leave, the record
// saying so must reach the others first, and y-webrtc drops what it has not sent when a room goes:
// the room stays until the members and relays let in that are there all say, in their signed
// claims, that they hold everything we wrote (relay-watch.ts), and at least LEAVE_MIN_MS, so that
// one peer claiming to hold it cannot cut off those still connecting; or LEAVE_WAIT_MAX_MS without
// that. A fixed 5 s was not enough right after a key rotation, while peers were still connecting
// in the new room.

/** The shortest the room stays after our leave (the fixed wait of before). */
export const LEAVE_MIN_MS = 5_000;
/** The longest the room stays after our leave while not everyone there says they hold the record. */
export const LEAVE_WAIT_MAX_MS = 30_000;

export interface RoomExitOptions {
  /** Whether to wait for the leave record to be held (our own leave, with others to tell). */
  waitUntilHeld: boolean;
  /** Calls its argument once the others there hold everything we wrote. */
  whenOwnHeld: (then: () => void) => void;
  leaveRoom: () => void;
}

export class RoomExit {
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private finish!: () => void;
  /** Resolves once the room was left, or the wait stopped (the session closed). */
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));
  private ended = false;

  constructor({ waitUntilHeld, whenOwnHeld, leaveRoom }: RoomExitOptions) {
    const leave = () => {
      if (this.ended) return;
      leaveRoom();
      this.stop();
    };
    if (!waitUntilHeld) {
      leave();
      return;
    }
    let held = false;
    let longEnough = false;
    const leaveIfBoth = () => {
      if (held && longEnough) leave();
    };
    const afterMin = () => {
      longEnough = true;
      leaveIfBoth();
    };
    this.timers.push(setTimeout(afterMin, LEAVE_MIN_MS), setTimeout(leave, LEAVE_WAIT_MAX_MS));
    whenOwnHeld(() => {
      held = true;
      leaveIfBoth();
    });
  }

  /** Whether the room is still kept for the leave record. */
  get waiting(): boolean {
    return !this.ended;
  }

  /** Ends the wait without leaving (the session is closing, and leaves the room itself). */
  stop(): void {
    if (this.ended) return;
    this.ended = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.finish();
  }
}
