// Hearth's signaling relay, wire-compatible with y-webrtc's reference server
// (node_modules/y-webrtc/bin/server.js) but bound to one interface and bounded in every
// resource an anonymous client can make it hold. The server only ever sees topic names
// and opaque (encrypted) signaling payloads; it never logs either.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { ConnectionBudget, DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit';
import { PONG_PAYLOAD, TopicRegistry, parseCommand, relayPayload } from './topics';

export interface SignalingServerOptions {
  host?: string;
  port?: number;
  maxMessageBytes?: number;
  maxTopicsPerConnection?: number;
  maxTopicLength?: number;
  maxConnections?: number;
  /**
   * At most this many connections from one IP address (unlimited if unset). The LAN server
   * sets it so that one machine cannot take every connection; a public server leaves it off,
   * since many people can share one address behind a router.
   */
  maxConnectionsPerAddress?: number;
  pingIntervalMs?: number;
  allowedOrigins?: string[];
  /** How long a client may take to send its HTTP request (the WebSocket handshake). */
  handshakeTimeoutMs?: number;
  /** Per-connection budgets (rate-limit.ts); a connection over one is closed (1008). */
  rateLimits?: RateLimits;
  /** Whether GET /health answers (a public server's monitoring); the LAN server turns it off. */
  health?: boolean;
  log?: (line: string) => void;
}

export interface SignalingServer {
  /** ws://host:port */
  url: string;
  port: number;
  host: string;
  connections(): number;
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
} as const;

/**
 * A receiver that lets this much data pile up unsent is not reading; dropping it keeps
 * one stalled peer from growing server memory without bound while others publish. Signaling
 * messages are a few KB, so 1 MiB is far from any honest client (and 1,000 of them hold 1 GiB
 * at most).
 */
const MIN_MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * Sockets beyond the WebSocket limit that may still be open: health checks, and handshakes
 * about to be refused. Without a cap on plain TCP sockets, a client opening thousands that
 * never finish a request ran the process out of file handles.
 */
const EXTRA_SOCKETS = 32;

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** IPv6 literals need brackets inside a URL. */
const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** The client's address, with an IPv4 address reached over a dual-stack socket written as IPv4. */
export function clientAddress(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return '';
  return remoteAddress.startsWith('::ffff:') && remoteAddress.includes('.')
    ? remoteAddress.slice(7)
    : remoteAddress;
}

/** Rejects an upgrade with a bare HTTP response (ws's own helper is internal). */
function refuseUpgrade(socket: Duplex, status: 403 | 429 | 503, reason: string): void {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
        `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
    );
  }
  socket.destroy();
}

/** ws hands us a Buffer, a list of fragments or an ArrayBuffer depending on framing. */
function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export async function startSignalingServer(
  opts: SignalingServerOptions = {},
): Promise<SignalingServer> {
  const host = opts.host ?? SIGNALING_DEFAULTS.host;
  const requestedPort = opts.port ?? SIGNALING_DEFAULTS.port;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer in 0..65535, got ${requestedPort}`);
  }
  const maxMessageBytes = positiveInt(
    'maxMessageBytes',
    opts.maxMessageBytes ?? SIGNALING_DEFAULTS.maxMessageBytes,
  );
  const maxTopicsPerConnection = positiveInt(
    'maxTopicsPerConnection',
    opts.maxTopicsPerConnection ?? SIGNALING_DEFAULTS.maxTopicsPerConnection,
  );
  const maxTopicLength = positiveInt(
    'maxTopicLength',
    opts.maxTopicLength ?? SIGNALING_DEFAULTS.maxTopicLength,
  );
  const maxConnections = positiveInt(
    'maxConnections',
    opts.maxConnections ?? SIGNALING_DEFAULTS.maxConnections,
  );
  const maxPerAddress =
    opts.maxConnectionsPerAddress === undefined
      ? Number.POSITIVE_INFINITY
      : positiveInt('maxConnectionsPerAddress', opts.maxConnectionsPerAddress);
  const pingIntervalMs = positiveInt(
    'pingIntervalMs',
    opts.pingIntervalMs ?? SIGNALING_DEFAULTS.pingIntervalMs,
  );
  const handshakeTimeoutMs = positiveInt(
    'handshakeTimeoutMs',
    opts.handshakeTimeoutMs ?? SIGNALING_DEFAULTS.handshakeTimeoutMs,
  );
  const rateLimits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
  const health = opts.health ?? true;
  const allowedOrigins = opts.allowedOrigins === undefined ? null : new Set(opts.allowedOrigins);
  const maxBufferedBytes = Math.max(MIN_MAX_BUFFERED_BYTES, 4 * maxMessageBytes);

  const log = (line: string): void => {
    try {
      opts.log?.(line);
    } catch {
      // A broken logger must not take the relay down.
    }
  };

  const registry = new TopicRegistry<WebSocket>(maxTopicsPerConnection);
  // Open connections per client address, for maxConnectionsPerAddress.
  const perAddress = new Map<string, number>();
  // Connections pinged in the current round that have not answered yet.
  const awaitingPong = new Set<WebSocket>();
  let closing = false;

  // A request (the handshake) must be complete within the timeout; Node checks at the interval.
  const httpOptions = {
    headersTimeout: handshakeTimeoutMs,
    requestTimeout: 2 * handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, handshakeTimeoutMs),
  };
  const httpServer = createServer(httpOptions, (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (health && req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found');
  });

  httpServer.maxConnections = maxConnections + EXTRA_SOCKETS;

  // maxPayload makes ws close an oversized connection itself (code 1009) before the
  // frame is buffered in full; clientTracking gives us the live set for pings/shutdown.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    clientTracking: true,
  });

  const send = (conn: WebSocket, payload: string): void => {
    if (conn.readyState !== WebSocket.OPEN) return;
    if (conn.bufferedAmount > maxBufferedBytes) {
      log('connection terminated: receiver not reading');
      conn.terminate();
      return;
    }
    conn.send(payload);
  };

  /**
   * Closes a connection over its budget rather than dropping frames: a lost offer or answer
   * would leave a peer connection stuck for good, while a closed socket makes the client
   * reconnect and announce itself again. Returns whether the connection may go on.
   */
  const withinBudget = (conn: WebSocket, allowed: boolean): boolean => {
    if (!allowed && conn.readyState === WebSocket.OPEN) {
      log('connection closed: over its rate limit');
      conn.close(1008, 'rate limit');
    }
    return allowed;
  };

  const onMessage = (conn: WebSocket, budget: ConnectionBudget, data: RawData): void => {
    if (!withinBudget(conn, budget.frame(performance.now()))) return;
    const text = rawToText(data);
    const command = parseCommand(text, maxTopicLength);
    if (command === null) return; // malformed or unknown: ignore, as the protocol has no error reply
    switch (command.type) {
      case 'subscribe':
        registry.subscribe(conn, command.topics);
        break;
      case 'unsubscribe':
        registry.unsubscribe(conn, command.topics);
        break;
      case 'publish': {
        const receivers = registry.subscribers(command.topic);
        if (receivers.length === 0) break;
        if (
          !withinBudget(
            conn,
            budget.relay(Buffer.byteLength(text), receivers.length, performance.now()),
          )
        )
          break;
        const payload = relayPayload(command.text, receivers.length);
        for (const receiver of receivers) send(receiver, payload);
        break;
      }
      case 'ping':
        send(conn, PONG_PAYLOAD);
        break;
    }
  };

  wss.on('connection', (conn: WebSocket, req: IncomingMessage) => {
    log(`connection opened (${wss.clients.size} open)`);
    const address = clientAddress(req.socket.remoteAddress);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    conn.on('pong', () => awaitingPong.delete(conn));
    const budget = new ConnectionBudget(rateLimits, performance.now());
    conn.on('message', (data: RawData) => {
      try {
        onMessage(conn, budget, data);
      } catch (err) {
        // Whatever a client sends must not take the relay (or the desktop app) down.
        log(`frame dropped: ${err instanceof Error ? err.name : 'unknown error'}`);
      }
    });
    // Without an 'error' listener EventEmitter would throw (e.g. on an oversized frame);
    // ws closes the socket on its own afterwards. Only the code is logged, never data.
    conn.on('error', (err: Error & { code?: string }) =>
      log(`connection error (${err.code ?? 'unknown'})`),
    );
    conn.on('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
      registry.remove(conn);
      awaitingPong.delete(conn);
      log(`connection closed (${wss.clients.size} open)`);
    });
  });

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer resetting mid-handshake must not surface as an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    if (closing) {
      refuseUpgrade(socket, 503, 'Shutting Down');
      return;
    }
    if (allowedOrigins !== null && !allowedOrigins.has(req.headers.origin ?? '')) {
      log('upgrade refused: origin not allowed');
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    if (wss.clients.size >= maxConnections) {
      log('upgrade refused: connection limit reached');
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    if ((perAddress.get(clientAddress(req.socket.remoteAddress)) ?? 0) >= maxPerAddress) {
      log('upgrade refused: too many connections from one address');
      refuseUpgrade(socket, 429, 'Too Many Requests');
      return;
    }
    // handleUpgrade validates the handshake itself (answering 400 to bad ones), adds the socket
    // to wss.clients and emits 'connection' (which counts it per address) synchronously, so the
    // limit checks above cannot be raced.
    wss.handleUpgrade(req, socket, head, (conn) => wss.emit('connection', conn, req));
  });

  // One timer for all connections: each round, whoever has not answered the previous
  // ping is dropped and everyone else is pinged again.
  const pingTimer = setInterval(() => {
    for (const conn of wss.clients) {
      if (awaitingPong.has(conn)) {
        log('connection terminated: no pong');
        conn.terminate();
        continue;
      }
      awaitingPong.add(conn);
      try {
        conn.ping();
      } catch {
        conn.terminate();
      }
    }
  }, pingIntervalMs);
  pingTimer.unref(); // the listening socket, not the heartbeat, keeps the process alive

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(requestedPort, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(pingTimer);
    wss.close();
    throw err;
  }
  httpServer.on('error', (err: Error & { code?: string }) =>
    log(`server error (${err.code ?? 'unknown'})`),
  );

  const port = (httpServer.address() as AddressInfo).port;
  const url = `ws://${urlHost(host)}:${port}`;
  log(`listening on ${url}`);

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      clearInterval(pingTimer);
      for (const conn of wss.clients) conn.terminate();
      wss.close();
      // Resolve on the HTTP server's close, which waits for every socket (upgraded ones
      // included) to be gone; idle keep-alive HTTP sockets are dropped so it need not wait.
      httpServer.close(() => {
        log('closed');
        resolve();
      });
      httpServer.closeAllConnections();
    });
    return closed;
  };

  return { url, port, host, connections: () => wss.clients.size, close };
}
