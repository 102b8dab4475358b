// The signaling server's figures (issue 18), measured in Node with no browser:
// - `signalingClientsHeld` and `signalingRssMB`: 10,000 WebSocket clients over loopback, each in
//   one room, held by one server at its default limits (`npm run signal`), and the resident memory
//   of the server's process once all of them answer a ping. Server and clients run in separate
//   processes, each with its open-files limit raised to the hard limit, so the server's RSS is its
//   own. The clients come from 25 loopback addresses, as from 25 homes, since a public server takes
//   at most 500 connections from one address.
// - `signalingFanoutP99Ms`: a publish to 100 subscribers spread over two servers bridged by a real
//   redis-server, from the publish leaving the client to each subscriber receiving it (p99 over
//   200 publishes, 20,000 deliveries).
// Called from bench/run.ts; `npx tsx bench/signaling.ts` runs it alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { startRedis } from '../tests/support/redis-server';

const CLIENTS = 10_000;
const CLIENT_ADDRESSES = 25;
const SUBSCRIBERS = 100;
const PUBLISHES = 200;
const root = fileURLToPath(new URL('..', import.meta.url));

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** A node process running `script`, its open-files limit raised first (`exec` keeps the pid). */
function nodeProcess(script: string, args: string[]): ChildProcess {
  const command = `ulimit -n "$(ulimit -Hn)" && exec "${process.execPath}" --import tsx "$@"`;
  return spawn('bash', ['-c', command, 'bash', script, ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** The next stdout line of `child` that `pick` accepts (JSON-parsed). */
function lineOf<T>(child: ChildProcess, pick: (value: Record<string, unknown>) => T | undefined) {
  return new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before answering`)));
    lines.on('line', (line) => {
      const found = pick(JSON.parse(line) as Record<string, unknown>);
      if (found === undefined) return;
      lines.close();
      resolve(found);
    });
  });
}

/** Starts `npm run signal`'s code with `args`; resolves with its process and URL. */
async function signalServer(args: string[]) {
  const child = nodeProcess('src-server/signaling/cli.ts', ['--port', '0', ...args]);
  const url = await lineOf(child, (l) => (l.event === 'listening' ? String(l.url) : undefined));
  return { child, url };
}

const rssMB = (pid: number): number => {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!;
  return Number(kb) / 1024;
};

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function clientsHeld(log: (line: string) => void) {
  log(`Signaling: ${CLIENTS.toLocaleString('en')} clients on one server…`);
  const server = await signalServer([]);
  const clients = nodeProcess('bench/signaling-clients.ts', [
    server.url,
    String(CLIENTS),
    String(CLIENT_ADDRESSES),
  ]);
  try {
    const { held, openMs } = await lineOf(clients, (l) =>
      typeof l.held === 'number' ? (l as { held: number; openMs: number }) : undefined,
    );
    const rss = rssMB(server.child.pid!);
    log(`  ${held} held (opened in ${openMs} ms), server RSS ${round(rss)} MB`);
    return { signalingClientsHeld: held, signalingRssMB: round(rss) };
  } finally {
    await stop(clients);
    await stop(server.child);
  }
}

/** A subscriber that records when each publish arrives. */
async function subscriber(url: string, topic: string, arrivals: number[][]) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const m = JSON.parse(data.toString()) as { type: string; data?: { k: number } };
    if (m.type === 'publish') arrivals[m.data!.k]!.push(at);
  });
  ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
  ws.send('{"type":"ping"}');
  await new Promise((resolve) => ws.once('message', resolve)); // the pong: subscribed
  return ws;
}

async function fanout(log: (line: string) => void) {
  log(`Signaling: publish to ${SUBSCRIBERS} subscribers over two Redis-bridged servers…`);
  const redis = await startRedis();
  const servers = await Promise.all([
    signalServer(['--redis', redis.url]),
    signalServer(['--redis', redis.url]),
  ]);
  const sockets: WebSocket[] = [];
  try {
    const arrivals = Array.from({ length: PUBLISHES }, () => [] as number[]);
    for (let i = 0; i < SUBSCRIBERS; i++)
      sockets.push(await subscriber(servers[i % 2]!.url, 'fanout-room', arrivals));
    const publisher = new WebSocket(servers[0].url);
    sockets.push(publisher);
    await new Promise((resolve) => publisher.once('open', resolve));
    // The pongs say each server took its subscribers; its SUBSCRIBE to Redis follows a moment later.
    await new Promise((r) => setTimeout(r, 500));
    const latencies: number[] = [];
    const warmUp = 20;
    for (let k = 0; k < PUBLISHES; k++) {
      const sentAt = performance.now();
      publisher.send(JSON.stringify({ type: 'publish', topic: 'fanout-room', data: { k } }));
      const deadline = Date.now() + 5_000;
      while (arrivals[k]!.length < SUBSCRIBERS && Date.now() < deadline)
        await new Promise((r) => setImmediate(r));
      if (arrivals[k]!.length < SUBSCRIBERS)
        throw new Error(`publish ${k} reached ${arrivals[k]!.length} of ${SUBSCRIBERS}`);
      if (k >= warmUp) latencies.push(...arrivals[k]!.map((at) => at - sentAt));
      await new Promise((r) => setTimeout(r, 5));
    }
    const p99 = percentile(latencies, 99);
    log(`  p50 ${round(percentile(latencies, 50))} ms, p99 ${round(p99)} ms`);
    return { signalingFanoutP99Ms: round(p99) };
  } finally {
    for (const ws of sockets) ws.terminate();
    await Promise.all(servers.map((s) => stop(s.child)));
    await redis.stop();
  }
}

export async function benchSignaling(log: (line: string) => void): Promise<Record<string, number>> {
  return { ...(await clientsHeld(log)), ...(await fanout(log)) };
}

export const SIGNALING_TARGETS: Record<string, string> = {
  signalingClientsHeld: '≥ 10000',
  signalingRssMB: '≤ 300',
  signalingFanoutP99Ms: '≤ 50',
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchSignaling((line) => console.error(line))
    .then((results) => console.log(JSON.stringify(results)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
