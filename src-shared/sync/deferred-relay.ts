// y-webrtc forwards every update it applies from a peer to all its peers at once, inside the
// same task that received it. In a full mesh those forwards are redundant, and they used to sit
// between a message arriving and it being shown: a data-channel send can block for milliseconds
// on a busy machine. Forwarding still matters when the mesh is partial (two members whose
// machines cannot reach each other directly, or more peers than maxConns), so it is kept, but
// deferred and coalesced: one merged forward per burst, after the arriving message is on screen.

/** How long forwards wait, so a burst (a catch-up, someone pasting) goes out as one update. */
export const RELAY_DELAY_MS = 20;
/**
 * Bigger updates are not forwarded. They are catch-ups (a whole history, 45 MB at 100k
 * messages) that every peer gets from its own sync handshake anyway; forwarding one would
 * upload it again to every peer, the sender included, and decode it on each of them.
 */
export const MAX_FORWARD_BYTES = 1024 * 1024;

export interface RelayTarget {
  /** Sends an update to every peer, as y-webrtc's own handler does. */
  forward(update: Uint8Array): void;
  /**
   * Whether anyone could need a forward of an update that just arrived: false when the only
   * peer is the one it came from. A peer that connects later gets everything by the sync
   * handshake, so this is asked when an update arrives, not when the forward is sent.
   */
  hasOtherPeers(): boolean;
}

export interface RelayDeps {
  mergeUpdates(updates: Uint8Array[]): Uint8Array;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export class DeferredRelay {
  private pending: Uint8Array[] = [];
  private timer: unknown = null;

  constructor(
    private readonly target: RelayTarget,
    private readonly deps: RelayDeps,
  ) {}

  /** Queues an update that arrived from a peer. */
  add(update: Uint8Array): void {
    if (update.length > MAX_FORWARD_BYTES || !this.target.hasOtherPeers()) return;
    this.pending.push(update);
    this.timer ??= this.deps.setTimer(() => this.flush(), RELAY_DELAY_MS);
  }

  flush(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    const updates = this.pending;
    this.pending = [];
    if (updates.length === 0) return;
    this.target.forward(updates.length === 1 ? updates[0]! : this.deps.mergeUpdates(updates));
  }

  /** Drops queued forwards (the room is closing). */
  dispose(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
