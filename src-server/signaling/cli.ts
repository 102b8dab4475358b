// `npm run signal -- --host 127.0.0.1 --port 4444`: runs the signaling server until
// SIGINT/SIGTERM, logging one JSON object per line on stdout. Exit codes: 0 after a shutdown
// (graceful, or cut short at the deadline), 1 could not start, 2 bad arguments.

import { readFileSync } from 'node:fs';
import { USAGE, parseCliArgs } from './cli-args';
import { formatLogLine, type SignalingLogEntry } from './log';
import { startSignalingServer, type SignalingServer } from './server';

/** A shutdown that has not finished by then is cut short: systemd and Docker wait 10 s at most. */
const SHUTDOWN_DEADLINE_MS = 5_000;
/** Sockets besides the clients': the listener, Redis, health checks, refused handshakes. */
const SPARE_FILES = 64;

const writeLog = (entry: SignalingLogEntry): void => {
  process.stdout.write(`${formatLogLine(entry)}\n`);
};

/** The soft limit on open files, from /proc on Linux; null where it cannot be read. */
function openFilesLimit(): number | null {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(
      readFileSync('/proc/self/limits', 'utf8'),
    );
    return line === null || line[1] === 'unlimited' ? null : Number(line[1]);
  } catch {
    return null;
  }
}

/** The shared secret for Redis channel names: a file (a systemd credential), not argv. */
function readSecret(path: string): string {
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 16) throw new Error(`the secret in ${path} is shorter than 16 characters`);
  return secret;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`hearth signal: ${parsed.message}\nRun with --help for usage.\n`);
    process.exitCode = 2;
    return;
  }

  const { options } = parsed;
  const { host, port } = options;
  let server: SignalingServer;
  try {
    if (parsed.redisSecretFile !== undefined && options.redis !== undefined) {
      options.redis.secret = readSecret(parsed.redisSecretFile);
    }
    server = await startSignalingServer({ ...options, log: writeLog });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `cannot bind host "${host}"`
          : err instanceof Error
            ? err.message
            : String(err);
    process.stderr.write(`hearth signal: could not start: ${reason}\n`);
    process.exitCode = 1;
    return;
  }

  const limit = openFilesLimit();
  if (limit !== null && limit < options.maxConnections + SPARE_FILES) {
    // Past the limit, accept() fails and new clients hang: say so now, not under load.
    writeLog({
      event: 'open_files_limit_low',
      level: 'warn',
      openFilesLimit: limit,
      connections: options.maxConnections,
    });
  }

  let stopping = false;
  const stop = (): void => {
    // A second signal means "now": skip waiting for the graceful close.
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`hearth signal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
