// `npm run signal -- --host 127.0.0.1 --port 4444`: runs the signaling server until
// SIGINT/SIGTERM. Exit codes: 0 clean shutdown, 1 could not start, 2 bad arguments.

import { USAGE, parseCliArgs } from './cli-args';
import { startSignalingServer, type SignalingServer } from './server';

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

  const { host, port } = parsed.options;
  let server: SignalingServer;
  try {
    server = await startSignalingServer(parsed.options);
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

  process.stdout.write(`Hearth signaling server listening on ${server.url}\n`);

  let stopping = false;
  const stop = (): void => {
    // A second signal means "now": skip waiting for the graceful close.
    if (stopping) process.exit(1);
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`hearth signal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
