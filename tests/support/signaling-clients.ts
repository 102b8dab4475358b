// A real signaling server on 127.0.0.1:0 and real `ws` clients that queue what they receive, for
// tests that drive the server over the network. Call closeAll() after each test.
import { once } from 'node:events';
import { expect } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import {
  startSignalingServer,
  type SignalingServer,
  type SignalingServerOptions,
} from '../../src-server/signaling/server';

export type Msg = Record<string, unknown>;

/** A ws client that queues parsed incoming messages for awaiting in order. */
export interface Client {
  ws: WebSocket;
  send(message: unknown): void;
  next(timeoutMs?: number): Promise<Msg>;
  /** Round-trips an application ping: everything sent before it has been processed. */
  sync(): Promise<void>;
  closed: Promise<{ code: number }>;
}

const servers: SignalingServer[] = [];
const sockets: WebSocket[] = [];

/** Terminates every socket and closes every server the helpers opened; run after each test. */
export async function closeAll(): Promise<void> {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

export async function serve(opts: SignalingServerOptions = {}): Promise<SignalingServer> {
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, ...opts });
  servers.push(server);
  return server;
}

export function openSocket(url: string, options?: ClientOptions): WebSocket {
  const ws = new WebSocket(url, options);
  sockets.push(ws);
  return ws;
}

export async function connect(server: SignalingServer, options?: ClientOptions): Promise<Client> {
  const ws = openSocket(server.url, options);
  const queue: Msg[] = [];
  const waiters: Array<(m: Msg) => void> = [];
  ws.on('message', (data) => {
    // A Buffer, as ws delivers text and binary frames alike with its default binaryType.
    const msg = JSON.parse((data as Buffer).toString('utf8')) as Msg;
    const waiter = waiters.shift();
    if (waiter) waiter(msg);
    else queue.push(msg);
  });
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.on('close', (code) => resolve({ code })),
  );
  await once(ws, 'open');
  const client: Client = {
    ws,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (timeoutMs = 10_000) =>
      new Promise<Msg>((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => reject(new Error('no message within timeout')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      }),
    sync: async () => {
      client.send({ type: 'ping' });
      expect(await client.next()).toEqual({ type: 'pong' });
    },
  };
  return client;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 if it was accepted. */
export function upgradeStatus(url: string, options?: ClientOptions): Promise<number> {
  const ws = openSocket(url, options);
  return new Promise((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
}

export const httpUrl = (server: SignalingServer, path: string) =>
  `http://127.0.0.1:${server.port}${path}`;

export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
