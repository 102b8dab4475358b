// Limits per client address: how many connections one address may hold, and how many frames all of
// its connections together may send. Pure, with the clock passed in, so the rule is tested without
// timers. An address is forgotten when its last connection closes, so the table cannot grow from
// churn, and a flood that reconnects gets a fresh budget no faster than it can open connections.

import { TokenBucket } from './rate-limit';

export interface AddressLimits {
  /** Connections one address may hold at once. */
  maxConnections: number;
  /** Frames all connections of one address may send per second, and in one burst. */
  framesPerSecond: number;
  frameBurst: number;
}

/** No limit: the library's default, and what a test gets unless it asks for one. */
export const UNLIMITED_ADDRESS_LIMITS: AddressLimits = {
  maxConnections: Number.POSITIVE_INFINITY,
  framesPerSecond: Number.POSITIVE_INFINITY,
  frameBurst: Number.POSITIVE_INFINITY,
};

/**
 * For a public server. Many people can share one address behind a home router, a mobile carrier's
 * NAT or a university's, and each person's app holds one connection per circle per server (a
 * handful, more while joining): 500 connections is room for about a hundred people at once. The
 * frame budget is ten busy connections' worth of the per-connection default (200 a second), with a
 * burst that lets everyone behind the address come back at once after the server restarts.
 */
export const PUBLIC_ADDRESS_LIMITS: AddressLimits = {
  maxConnections: 500,
  framesPerSecond: 2_000,
  frameBurst: 20_000,
};

interface AddressState {
  connections: number;
  /** Null when frames are not limited (a bucket with an infinite rate would compute NaN). */
  frames: TokenBucket | null;
}

/** The live table of addresses with at least one open connection. */
export class AddressBudgets {
  private readonly byAddress = new Map<string, AddressState>();

  constructor(private readonly limits: AddressLimits) {}

  /** Whether `address` may open one more connection now. */
  mayConnect(address: string): boolean {
    return (this.byAddress.get(address)?.connections ?? 0) < this.limits.maxConnections;
  }

  /** Counts a connection that was let in. */
  opened(address: string, now: number): void {
    const state = this.byAddress.get(address);
    if (state !== undefined) {
      state.connections += 1;
      return;
    }
    this.byAddress.set(address, {
      connections: 1,
      frames: Number.isFinite(this.limits.framesPerSecond)
        ? new TokenBucket(this.limits.framesPerSecond, this.limits.frameBurst, now)
        : null,
    });
  }

  /** Counts a connection that closed; the address is forgotten with its last one. */
  closed(address: string): void {
    const state = this.byAddress.get(address);
    if (state === undefined) return;
    state.connections -= 1;
    if (state.connections <= 0) this.byAddress.delete(address);
  }

  /** Whether one more frame from `address` may be read now (refused takes nothing). */
  frame(address: string, now: number): boolean {
    const state = this.byAddress.get(address);
    if (state === undefined) return false;
    return state.frames === null || state.frames.take(1, now);
  }

  /** Addresses with an open connection. */
  size(): number {
    return this.byAddress.size;
  }
}
