// How fast one connection may make the relay work. Pure: the clock is passed in, so the rule is
// tested without timers.

/**
 * A token bucket: up to `burst` tokens, refilled at `perSecond`. Taking more than is there is
 * refused and takes nothing, so a client that slows down is served again at once.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(cost: number, now: number): boolean {
    this.tokens = Math.min(
      this.burst,
      this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (cost > this.tokens) return false;
    this.tokens -= cost;
    return true;
  }
}

export interface RateLimits {
  /** Frames a connection may send per second (any kind), and in one burst. */
  framesPerSecond: number;
  frameBurst: number;
  /** Bytes its publishes may make the relay send per second (payload × receivers), and in one burst. */
  relayBytesPerSecond: number;
  relayByteBurst: number;
}

/**
 * Far above what honest clients send, which matters: a frame refused is a connection closed.
 * All of an app's rooms share one connection per server, and at start-up each room's online
 * members offer a connection and the app answers each, with each network candidate published
 * apart: 5–8 frames per peer, every one fanned out to the whole room. Five circles of twenty
 * online members come to about 800 frames and 20 MB of fan-out in a few seconds. A client
 * sending far more is broken or hostile, and would otherwise hold the relay's one thread (in
 * the desktop app, the main process) for everyone else.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  framesPerSecond: 200,
  frameBurst: 3_000,
  relayBytesPerSecond: 16 * 1024 * 1024,
  relayByteBurst: 64 * 1024 * 1024,
};

/** One connection's two budgets. */
export class ConnectionBudget {
  private readonly frames: TokenBucket;
  private readonly relayBytes: TokenBucket;

  constructor(limits: RateLimits, now: number) {
    this.frames = new TokenBucket(limits.framesPerSecond, limits.frameBurst, now);
    this.relayBytes = new TokenBucket(limits.relayBytesPerSecond, limits.relayByteBurst, now);
  }

  /** Whether one more frame may be read now (checked before it is even parsed). */
  frame(now: number): boolean {
    return this.frames.take(1, now);
  }

  /** Whether a publish of `bytes` to `receivers` subscribers may be relayed now. */
  relay(bytes: number, receivers: number, now: number): boolean {
    return this.relayBytes.take(bytes * receivers, now);
  }
}
