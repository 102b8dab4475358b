// What a signaling server sees, recorded: a WebSocket proxy on 127.0.0.1 in front of a real
// server that keeps, per connection, the URL it was opened with and every frame the client sent,
// and passes everything on both ways unchanged. Tests read `connections` as the server's view.
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export interface SeenConnection {
  /** The request line's path and query, as the server got it. */
  readonly url: string;
  /** Every frame from the client, as text, in order. */
  readonly frames: string[];
  open: boolean;
}

export interface RecordingProxy {
  /** ws://127.0.0.1:port */
  readonly url: string;
  readonly connections: SeenConnection[];
  close(): Promise<void>;
}

const text = (data: RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as Buffer).toString('utf8');

/** Starts a proxy to `upstream` (a ws:// URL without path); close() ends every connection. */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const connections: SeenConnection[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (client, req) => {
    const seen: SeenConnection = { url: req.url ?? '', frames: [], open: true };
    connections.push(seen);
    const server = new WebSocket(upstream + seen.url);
    const pending: string[] = [];
    client.on('message', (data) => {
      const frame = text(data);
      seen.frames.push(frame);
      if (server.readyState === WebSocket.OPEN) server.send(frame);
      else pending.push(frame);
    });
    server.on('open', () => {
      for (const frame of pending.splice(0)) server.send(frame);
    });
    server.on('message', (data) => client.send(text(data)));
    const end = () => {
      seen.open = false;
      client.terminate();
      server.terminate();
    };
    client.on('close', end);
    client.on('error', end);
    server.on('close', end);
    server.on('error', end);
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
