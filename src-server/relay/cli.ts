// `npm run relay -- --data DIR [--code CODE]...`: runs the blind relay until SIGINT/SIGTERM;
// `npm run relay -- add|remove --data DIR --code CODE...` changes the codes of a relay, running
// or not. Exit codes: 0 done or clean shutdown, 1 could not start, 2 bad arguments.
import { loadSodium } from '../../src-shared/crypto/sodium';
import { parseRelayArgs, RELAY_USAGE } from './cli-args';
import { jsonLog } from './relay-log';
import { RelayService } from './relay-service';
import { RelayStore } from './relay-store';
import { webrtcTransport } from './relay-transport';

async function main(): Promise<void> {
  // A code's room name is derived with libsodium, so it is loaded before the codes are read.
  await loadSodium();
  const parsed = parseRelayArgs(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(RELAY_USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`hearth relay: ${parsed.message}\nRun with --help for usage.\n`);
    process.exitCode = 2;
    return;
  }
  const store = RelayStore.open(parsed.data);

  if (parsed.kind !== 'run') {
    for (const { room, token } of parsed.codes)
      if (parsed.kind === 'add') await store.putCode(room, token);
      else if (!(await store.removeCode(room)))
        process.stdout.write('This relay did not have that code; nothing to remove.\n');
    await store.close();
    const n = parsed.codes.length;
    if (parsed.kind === 'add' && parsed.codes.some(({ code }) => code.signalingUrls.length === 0))
      process.stdout.write(
        'A code names no signaling server: the relay joins its circle only if it runs with --signal.\n',
      );
    process.stdout.write(
      parsed.kind === 'add'
        ? `Kept ${n} code${n === 1 ? '' : 's'}. A running relay joins within 2 seconds.\n`
        : 'Done. A running relay leaves within 2 seconds, and what it kept for that code is deleted.\n',
    );
    return;
  }

  for (const { room, token } of parsed.codes) await store.putCode(room, token);
  const log = jsonLog();
  const { iceServers, maxRoomBytes, signalingUrls } = parsed;
  const service = new RelayService({
    store,
    maxRoomBytes,
    signalingUrls,
    log,
    openTransport: (code, doc, onPeers) =>
      webrtcTransport(code.roomSecret, code.signalingUrls, iceServers, doc, onPeers),
  });
  await service.ready();
  log({ event: 'ready', rooms: service.openRooms.size });

  let stopping = false;
  const stop = (): void => {
    // A second signal means "now": what was acknowledged is on disk already.
    if (stopping) process.exit(1);
    stopping = true;
    log({ event: 'stopping' });
    void service
      .close()
      .then(() => store.close())
      .then(() => {
        log({ event: 'stopped' });
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `hearth relay: could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
