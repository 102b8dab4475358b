// Debian's coturn for the end-to-end tests: a TURN server on 127.0.0.1 only, on a free port, with
// one static user, no TLS, relaying between loopback peers, logging to a temp folder; stopped
// (and the folder removed) by the test that started it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TURNSERVER = '/usr/bin/turnserver';

export interface Coturn {
  /** `turn:127.0.0.1:<port>` */
  url: string;
  username: string;
  credential: string;
  /** What coturn logged so far. */
  log(): string;
  stop(): Promise<void>;
}

/** A UDP port on 127.0.0.1 that nothing holds at the moment. */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  await new Promise<void>((done) => socket.close(() => done()));
  return port;
}

/** Resolves once a STUN Binding request to the port gets its answer (coturn is listening). */
async function answersStun(port: number, timeoutMs = 10_000): Promise<void> {
  const socket = createSocket('udp4');
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
  request.writeUInt32BE(0x2112a442, 4); // magic cookie (RFC 5389)
  for (let i = 8; i < 20; i++) request[i] = Math.floor(Math.random() * 256);
  const answered = new Promise<void>((done) =>
    socket.on('message', (msg) => {
      if (msg.readUInt16BE(0) === 0x0101) done();
    }),
  );
  const end = Date.now() + timeoutMs;
  try {
    while (Date.now() < end) {
      socket.send(request, port, '127.0.0.1');
      const ok = await Promise.race([
        answered.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 200)),
      ]);
      if (ok) return;
    }
    throw new Error(`coturn did not answer on 127.0.0.1:${port}`);
  } finally {
    socket.close();
  }
}

/** Starts coturn with user `username` / `credential`, ready to answer. */
export async function startCoturn(
  username = 'hearth',
  credential = 'quiet-harbour-7',
): Promise<Coturn> {
  if (!existsSync(TURNSERVER))
    throw new Error(`${TURNSERVER} is missing: apt-get install -y coturn (see .ci/run)`);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-coturn-'));
  const port = await freeUdpPort();
  const logFile = join(dir, 'turn.log');
  // prettier-ignore
  const args = [
    '-n', // no configuration file: only what is below
    '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(port),
    '--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--fingerprint',
    '--lt-cred-mech', '--realm', 'hearth.test', '--user', `${username}:${credential}`,
    // --verbose: each allocation is logged, so a test can see coturn carried its peers.
    '--log-file', logFile, '--simple-log', '--verbose', '--pidfile', join(dir, 'turn.pid'),
    '--userdb', join(dir, 'turndb'),
  ];
  const child: ChildProcess = spawn(TURNSERVER, args, { stdio: 'ignore' });
  const exited = once(child, 'exit');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await answersStun(port);
  } catch (error) {
    const tail = log().split('\n').slice(-20).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  return { url: `turn:127.0.0.1:${port}`, username, credential, log, stop };
}
