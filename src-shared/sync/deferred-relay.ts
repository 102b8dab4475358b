// y-webrtc forwards every update it applies from a peer to all its peers at once, inside the
// same task that received it. In a full mesh those forwards are redundant, and they used to sit
// between a message arriving and it being shown: a data-channel send can block for milliseconds
// on a busy machine. Forwarding still matters when the mesh is partial (two members whose
// machines cannot reach each other directly, or more peers than maxConns), so it is kept, but
// deferred and coalesced: one merged forward per burst, after the arriving message is on screen.
// Forwards also spend from a budget: a peer flooding updates must not make us upload them again
// to every other peer (over it, forwards stop for a while; peers still get everything from their
// own sync handshakes).
import { ByteBudget, type ByteBudgetLimits } from './byte-budget';

/** How long forwards wait, so a burst (a catch-up, someone pasting) goes out as one update. */
export const RELAY_DELAY_MS = 20;
/**
 * Bigger updates are not forwarded. They are parts of catch-ups (a whole history, 45 MB at 100k
 * messages, sent in parts of 1 MiB) that every peer gets from its own sync handshake anyway;
 * forwarding one would upload it again to every peer and decode it on each of them. A live
 * message is one sealed record (at most 16 KiB).
 */
export const MAX_FORWARD_BYTES = 256 * 1024;
/** What may be forwarded over time, all peers' updates together. */
export const FORWARD_BUDGET: ByteBudgetLimits = { burst: 4 * 1024 * 1024, perSecond: 512 * 1024 };

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
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export class DeferredRelay {
  private pending: Uint8Array[] = [];
  private timer: unknown = null;
  private readonly budget: ByteBudget;

  constructor(
    private readonly target: RelayTarget,
    private readonly deps: RelayDeps,
    budget: ByteBudgetLimits = FORWARD_BUDGET,
  ) {
    this.budget = new ByteBudget(budget, () => deps.now());
  }

  /** Queues an update that arrived from a peer, if it is small and within the budget. */
  add(update: Uint8Array): void {
    if (update.length > MAX_FORWARD_BYTES || !this.target.hasOtherPeers()) return;
    if (!this.budget.spend(update.length)) return;
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
