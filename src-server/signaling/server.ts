// Hearth's signaling relay, wire-compatible with y-webrtc's reference server
// (node_modules/y-webrtc/bin/server.js) but bound to one interface and bounded in every
// resource an anonymous client can make it hold. The server only ever sees topic names
// and opaque (encrypted) signaling payloads; it never logs either (log.ts says what it logs).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { AddressBudgets } from './address-limits';
import { addressPrefix, type LogReason, type SignalingLog } from './log';
import { ConnectionBudget, DEFAULT_RATE_LIMITS } from './rate-limit';
import type { TopicBridge } from './redis-bridge';
import { positiveInt, rawToText, refuseUpgrade, requestAddress, urlHost } from './server-helpers';
import {
  EXTRA_SOCKETS,
  GOING_AWAY,
  MIN_MAX_BUFFERED_BYTES,
  SIGNALING_DEFAULTS,
  type SignalingServer,
  type SignalingServerOptions,
} from './server-options';
import { PONG_PAYLOAD, TopicRegistry, parseCommand, relayPayload } from './topics';

export { clientAddress } from './server-helpers';
export {
  GOING_AWAY,
  SIGNALING_DEFAULTS,
  type SignalingServer,
  type SignalingServerOptions,
} from './server-options';

export async function startSignalingServer(
  opts: SignalingServerOptions = {},
): Promise<SignalingServer> {
  const host = opts.host ?? SIGNALING_DEFAULTS.host;
  const requestedPort = opts.port ?? SIGNALING_DEFAULTS.port;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer in 0..65535, got ${requestedPort}`);
  }
  const setting = (name: Exclude<keyof typeof SIGNALING_DEFAULTS, 'host' | 'port'>): number =>
    positiveInt(name, opts[name] ?? SIGNALING_DEFAULTS[name]);
  const maxMessageBytes = setting('maxMessageBytes');
  const maxTopicsPerConnection = setting('maxTopicsPerConnection');
  const maxTopicLength = setting('maxTopicLength');
  const maxConnections = setting('maxConnections');
  const pingIntervalMs = setting('pingIntervalMs');
  const handshakeTimeoutMs = setting('handshakeTimeoutMs');
  const shutdownGraceMs = setting('shutdownGraceMs');
  const statsIntervalMs = setting('statsIntervalMs');
  const addresses = new AddressBudgets({
    maxConnections:
      opts.maxConnectionsPerAddress === undefined
        ? Number.POSITIVE_INFINITY
        : positiveInt('maxConnectionsPerAddress', opts.maxConnectionsPerAddress),
    framesPerSecond: opts.addressRateLimit?.framesPerSecond ?? Number.POSITIVE_INFINITY,
    frameBurst: opts.addressRateLimit?.frameBurst ?? Number.POSITIVE_INFINITY,
  });
  const rateLimits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
  const health = opts.health ?? true;
  const trustProxy = opts.trustProxy ?? false;
  const allowedOrigins = opts.allowedOrigins === undefined ? null : new Set(opts.allowedOrigins);
  const maxBufferedBytes = Math.max(MIN_MAX_BUFFERED_BYTES, 4 * maxMessageBytes);

  const log: SignalingLog = (entry) => {
    try {
      opts.log?.(entry);
    } catch {
      // A broken logger must not take the relay down.
    }
  };
  // Counts since the last `stats` entry.
  const counts = { framesIn: 0, relayed: 0, bridgedIn: 0, bridgedOut: 0 };

  const send = (conn: WebSocket, payload: string): void => {
    if (conn.readyState !== WebSocket.OPEN) return;
    if (conn.bufferedAmount > maxBufferedBytes) {
      log({ event: 'receiver_not_reading', level: 'warn' });
      conn.terminate();
      return;
    }
    counts.relayed += 1;
    conn.send(payload);
  };

  /** Relays a publish frame to this server's subscribers of `topic`. */
  const relayLocally = (topic: string, frame: string, receivers: readonly WebSocket[]): void => {
    if (receivers.length === 0) return;
    const payload = relayPayload(frame, receivers.length);
    for (const receiver of receivers) send(receiver, payload);
  };

  let bridge: TopicBridge | null = null;
  const registry = new TopicRegistry<WebSocket>(maxTopicsPerConnection, (topic, present) => {
    if (present) bridge?.watch(topic);
    else bridge?.unwatch(topic);
  });
  if (opts.redis !== undefined) {
    // Loaded only when asked for: the desktop app's LAN server never evaluates the Redis client.
    const { startRedisBridge } = await import('./redis-bridge');
    bridge = startRedisBridge({
      ...opts.redis,
      log,
      deliver: (topic, frame) => {
        counts.bridgedIn += 1;
        relayLocally(topic, frame, registry.subscribers(topic));
      },
    });
  }

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
      // Still 200 with Redis away: this server goes on serving its own clients.
      const redis = bridge?.state();
      const status = closing ? 'closing' : redis === 'down' ? 'degraded' : 'ok';
      res.writeHead(closing ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(redis === undefined ? { status } : { status, redis }));
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

  /**
   * Closes a connection over a budget rather than dropping frames: a lost offer or answer
   * would leave a peer connection stuck for good, while a closed socket makes the client
   * reconnect and announce itself again. Returns whether the connection may go on.
   */
  const withinBudget = (
    conn: WebSocket,
    allowed: boolean,
    reason: 'connection_budget' | 'address_budget',
    address: string,
  ): boolean => {
    if (!allowed && conn.readyState === WebSocket.OPEN) {
      log({ event: 'rate_limited', level: 'warn', reason, addressPrefix: addressPrefix(address) });
      conn.close(1008, 'rate limit');
    }
    return allowed;
  };

  const onMessage = (
    conn: WebSocket,
    budget: ConnectionBudget,
    address: string,
    data: RawData,
  ): void => {
    const now = performance.now();
    if (!withinBudget(conn, budget.frame(now), 'connection_budget', address)) return;
    if (!withinBudget(conn, addresses.frame(address, now), 'address_budget', address)) return;
    counts.framesIn += 1;
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
        // With a bridge the frame also goes to Redis once, whoever listens here.
        const sends = receivers.length + (bridge === null ? 0 : 1);
        if (sends === 0) break;
        const allowed = budget.relay(Buffer.byteLength(text), sends, now);
        if (!withinBudget(conn, allowed, 'connection_budget', address)) break;
        relayLocally(command.topic, command.text, receivers);
        if (bridge !== null) {
          counts.bridgedOut += 1;
          bridge.publish(command.topic, command.text);
        }
        break;
      }
      case 'ping':
        send(conn, PONG_PAYLOAD);
        break;
    }
  };

  wss.on('connection', (conn: WebSocket, req: IncomingMessage) => {
    const openedAt = performance.now();
    const address = requestAddress(req, trustProxy);
    addresses.opened(address, openedAt);
    log({ event: 'connection_opened', level: 'info', connections: wss.clients.size });
    conn.on('pong', () => awaitingPong.delete(conn));
    const budget = new ConnectionBudget(rateLimits, openedAt);
    conn.on('message', (data: RawData) => {
      try {
        onMessage(conn, budget, address, data);
      } catch (err) {
        // Whatever a client sends must not take the relay (or the desktop app) down.
        log({ event: 'frame_dropped', level: 'error', code: errorCode(err) });
      }
    });
    // Without an 'error' listener EventEmitter would throw (e.g. on an oversized frame);
    // ws closes the socket on its own afterwards. Only the code is logged, never data.
    conn.on('error', (err) =>
      log({ event: 'connection_error', level: 'info', code: errorCode(err) }),
    );
    conn.on('close', (closeCode: number) => {
      addresses.closed(address);
      registry.remove(conn);
      awaitingPong.delete(conn);
      log({
        event: 'connection_closed',
        level: 'info',
        connections: wss.clients.size,
        closeCode,
        durationMs: Math.round(performance.now() - openedAt),
      });
    });
  });

  const refuse = (socket: Duplex, status: 403 | 429 | 503, text: string, reason: LogReason) => {
    log({ event: 'upgrade_refused', level: 'warn', reason });
    refuseUpgrade(socket, status, text);
  };
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer resetting mid-handshake must not surface as an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    if (closing) return refuse(socket, 503, 'Shutting Down', 'shutting_down');
    if (allowedOrigins !== null && !allowedOrigins.has(req.headers.origin ?? '')) {
      return refuse(socket, 403, 'Forbidden', 'origin');
    }
    if (wss.clients.size >= maxConnections) {
      return refuse(socket, 503, 'Service Unavailable', 'connection_limit');
    }
    const address = requestAddress(req, trustProxy);
    if (!addresses.mayConnect(address)) {
      log({
        event: 'upgrade_refused',
        level: 'warn',
        reason: 'address_limit',
        addressPrefix: addressPrefix(address),
      });
      return refuseUpgrade(socket, 429, 'Too Many Requests');
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
        log({ event: 'no_pong', level: 'info' });
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
  const statsTimer = setInterval(() => {
    log({
      event: 'stats',
      level: 'info',
      connections: wss.clients.size,
      topics: registry.topicCount(),
      addresses: addresses.size(),
      ...counts,
      ...(bridge === null ? {} : { redis: bridge.state() }),
    });
    Object.assign(counts, { framesIn: 0, relayed: 0, bridgedIn: 0, bridgedOut: 0 });
  }, statsIntervalMs);
  statsTimer.unref();

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
    clearInterval(statsTimer);
    wss.close();
    await bridge?.close();
    throw err;
  }
  httpServer.on('error', (err) =>
    log({ event: 'server_error', level: 'error', code: errorCode(err) }),
  );

  const port = (httpServer.address() as AddressInfo).port;
  const url = `ws://${urlHost(host)}:${port}`;
  log({ event: 'listening', level: 'info', url });

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      const started = performance.now();
      closing = true;
      log({ event: 'shutdown_started', level: 'info', connections: wss.clients.size });
      clearInterval(pingTimer);
      clearInterval(statsTimer);
      // Stop accepting, say goodbye with a close frame, and cut off whoever has not answered it
      // by the end of the grace period.
      for (const conn of wss.clients) conn.close(GOING_AWAY, 'server shutting down');
      const cutOff = setTimeout(() => {
        for (const conn of wss.clients) conn.terminate();
        httpServer.closeAllConnections(); // requests still half-sent, too
      }, shutdownGraceMs);
      // ws emits 'close' once its last client is gone; the HTTP server's close waits for every
      // socket, and idle keep-alive HTTP sockets are dropped so it need not wait for them.
      await Promise.all([
        new Promise<void>((resolve) => wss.close(() => resolve())),
        new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeIdleConnections();
        }),
      ]);
      clearTimeout(cutOff);
      await bridge?.close();
      log({ event: 'closed', level: 'info', durationMs: Math.round(performance.now() - started) });
    })();
    return closed;
  };

  return { url, port, host, connections: () => wss.clients.size, close };
}

const errorCode = (err: unknown): string =>
  (err as { code?: unknown }).code !== undefined
    ? String((err as { code: unknown }).code)
    : err instanceof Error
      ? err.name
      : 'unknown';
