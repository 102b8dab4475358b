// Starts stock y-webrtc clients (tests/support/ywebrtc-peer.ts), each in its own process, and
// follows what they report. Call stopPeers() after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './signaling-clients';

export interface StockPeer {
  /** Sets `key` in the peer's shared map. */
  set(key: string, value: string): void;
  /** Resolves once the peer's map holds `key` = `value`. */
  holds(key: string, value: string, timeoutMs?: number): Promise<void>;
  peers(): number;
}

const children: ChildProcess[] = [];
const root = fileURLToPath(new URL('../..', import.meta.url));

export async function startPeer(
  room: string,
  password: string,
  urls: string[],
): Promise<StockPeer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/ywebrtc-peer.ts', room, password, urls.join(',')],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.push(child);
  let doc: Record<string, string> = {};
  let peers = 0;
  let ready = false;
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, i)) as {
        doc?: Record<string, string>;
        peers?: number;
        ready?: boolean;
      };
      buffer = buffer.slice(i + 1);
      if (message.doc) doc = message.doc;
      if (message.peers !== undefined) peers = message.peers;
      if (message.ready) ready = true;
    }
  });
  await waitFor(() => ready, 20_000);
  return {
    set: (key, value) => child.stdin.write(`${JSON.stringify({ set: [key, value] })}\n`),
    holds: (key, value, timeoutMs = 30_000) =>
      waitFor(() => doc[key] === value, timeoutMs).catch(() => {
        // Says what the peer had, so that a failure on a busy CI host can be told from a bug.
        throw new Error(
          `peer with ${peers} connection(s) never held ${key}=${value}: ${JSON.stringify(doc)}`,
        );
      }),
    peers: () => peers,
  };
}

export async function stopPeers(): Promise<void> {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
