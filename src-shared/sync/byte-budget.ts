// A budget of bytes over time (a token bucket): up to `burst` at once, refilled at `perSecond`.
// What one peer may make us receive, forward or store is spent from one of these.

export interface ByteBudgetLimits {
  /** Bytes that may be spent at once, from full. */
  burst: number;
  /** Bytes given back per second, up to `burst`. */
  perSecond: number;
}

export class ByteBudget {
  private left: number;
  private at: number;

  constructor(
    private readonly limits: ByteBudgetLimits,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.left = limits.burst;
    this.at = now();
  }

  /** Spends `bytes` if that many are left (then true); otherwise spends nothing (false). */
  spend(bytes: number): boolean {
    const now = this.now();
    const refill = ((now - this.at) / 1000) * this.limits.perSecond;
    this.left = Math.min(this.limits.burst, this.left + Math.max(0, refill));
    this.at = now;
    if (bytes > this.left) return false;
    this.left -= bytes;
    return true;
  }
}
