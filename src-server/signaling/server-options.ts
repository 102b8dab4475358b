// The signaling server's options and defaults, apart from the server so that both stay short.

import type { SignalingLog } from './log';
import type { RateLimits } from './rate-limit';

export interface SignalingServerOptions {
  host?: string;
  port?: number;
  maxMessageBytes?: number;
  maxTopicsPerConnection?: number;
  maxTopicLength?: number;
  maxConnections?: number;
  /**
   * At most this many connections from one IP address (unlimited if unset). The LAN server
   * sets it so that one machine cannot take every connection; a public server sets it high,
   * since many people can share one address behind a router (address-limits.ts).
   */
  maxConnectionsPerAddress?: number;
  /** Frames all connections of one address may send (unlimited if unset); over it, closed (1008). */
  addressRateLimit?: { framesPerSecond: number; frameBurst: number };
  /** Read the client's address from X-Forwarded-For when the peer is a proxy on loopback. */
  trustProxy?: boolean;
  pingIntervalMs?: number;
  allowedOrigins?: string[];
  /** How long a client may take to send its HTTP request (the WebSocket handshake). */
  handshakeTimeoutMs?: number;
  /** Per-connection budgets (rate-limit.ts); a connection over one is closed (1008). */
  rateLimits?: RateLimits;
  /** Whether GET /health answers (a public server's monitoring); the LAN server turns it off. */
  health?: boolean;
  /** Share topics with other servers through Redis pub/sub (redis-bridge.ts); off if unset. */
  redis?: { url: string; secret?: string };
  /** How long close() lets clients answer the close frame before cutting them off. */
  shutdownGraceMs?: number;
  /** How often a `stats` entry is logged (only with `log`). */
  statsIntervalMs?: number;
  log?: SignalingLog;
}

export interface SignalingServer {
  /** ws://host:port */
  url: string;
  port: number;
  host: string;
  connections(): number;
  /** Says goodbye to every client (1001), stops listening and resolves once all are gone. */
  close(): Promise<void>;
}

export const SIGNALING_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  maxMessageBytes: 256 * 1024,
  maxTopicsPerConnection: 64,
  maxTopicLength: 256,
  maxConnections: 1000,
  pingIntervalMs: 30_000,
  handshakeTimeoutMs: 5_000,
  shutdownGraceMs: 2_000,
  statsIntervalMs: 60_000,
} as const;

/** The close code clients get when the server stops: y-webrtc reconnects, to another URL too. */
export const GOING_AWAY = 1001;

/**
 * A receiver that lets this much data pile up unsent is not reading; dropping it keeps
 * one stalled peer from growing server memory without bound while others publish. Signaling
 * messages are a few KB, so 1 MiB is far from any honest client.
 */
export const MIN_MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * Sockets beyond the WebSocket limit that may still be open: health checks, and handshakes
 * about to be refused. Without a cap on plain TCP sockets, a client opening thousands that
 * never finish a request ran the process out of file handles.
 */
export const EXTRA_SOCKETS = 32;
