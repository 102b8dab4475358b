// `relayCatchUp10kMs`: a member who was away while 10,000 messages were written gets them from
// the blind relay alone (the writer has quit), timed from the moment their app is unlocked until
// all 10,000 are verified and the newest is shown. Real Chromium peers and the relay process
// (`npm run relay`) over loopback WebRTC, as the other figures. Called from bench/run.ts.
import * as Y from 'yjs';
import { loadSodium } from '../src-shared/crypto/sodium';
import { RelayStore } from '../src-server/relay/relay-store';
import { roomFor } from '../src-shared/crypto/keys';
import { decodeRelayCode } from '../src-shared/relay-code';
import { relayDataDir, RelayProcess } from '../tests/support/relay-process';
import {
  api,
  AUTO_INVITE,
  closePeer,
  joinAdmitted,
  launch,
  openFirstCircle,
  PASS,
  visibleAt,
} from './peers';

export const RELAY_CATCH_UP_TARGETS = { relayCatchUp10kMs: '≤ 3000' };
const MESSAGES = 10_000;
const LAST = 'last of ten thousand, through the relay';

/** Records the relay holds for the room, read from its store as a restarted relay would. */
function recordsHeld(dataDir: string, room: string): number {
  const store = RelayStore.open(dataDir);
  try {
    const doc = new Y.Doc();
    for (const u of store.loadRoom(room).updates) Y.applyUpdate(doc, u);
    let n = 0;
    for (const bucket of doc.getMap<Y.Array<unknown>>('buckets').values()) n += bucket.length;
    return n;
  } finally {
    void store.close();
  }
}

export async function benchRelayCatchUp(
  url: string,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  await loadSodium();
  const data = relayDataDir();
  const writer = await launch(url);
  const reader = await launch(url);
  let relay: RelayProcess | null = null;
  try {
    log('Relay catch-up: a circle of two, and the relay let in…');
    await api(writer.page).run((app, pass) => app.createVault(pass), PASS);
    await api(reader.page).run((app, pass) => app.createVault(pass), PASS);
    const id = await api(writer.page).run(
      (app) => app.createCircle({ name: 'Relayed', description: '', displayName: 'W' }),
      null,
    );
    const invite = await api(writer.page).run(
      (app, [id, options]) => app.createInvite(id, options),
      [id, AUTO_INVITE] as const,
    );
    await joinAdmitted(reader.page, invite.token, 'R');
    // Locking writes what the reader holds to disk; the reader is then away.
    await api(reader.page).run((app) => app.lock(), null);
    await reader.context.close();

    // The facilitator makes a relay code in the app, as the Relay dialog does.
    const token = await api(writer.page).run((app, id) => app.makeRelayCode(id), id);
    const decoded = decodeRelayCode(token);
    if (!decoded.ok) throw new Error(`the app made a bad relay code: ${decoded.error}`);
    const room = roomFor(decoded.code.roomSecret).name;
    relay = await RelayProcess.start(data.dir, [token]);

    log(`Relay catch-up: writing ${MESSAGES.toLocaleString('en')} messages…`);
    await api(writer.page).run(
      async (app, [id, count, last]) => {
        for (let i = 0; i < count; i++)
          await app.sendMessage(id, i === count - 1 ? last : `message ${i} ${'x'.repeat(90)}`);
      },
      [id, MESSAGES, LAST] as const,
    );
    // Once the relay holds all of them, the writer quits: the reader can get them nowhere else.
    // (The circle's membership records come on top of the messages: the count must also settle.)
    const until = Date.now() + 120_000;
    for (let before = -1, now = 0; now < MESSAGES || now !== before;) {
      if (Date.now() > until) throw new Error('the relay did not store the 10k messages');
      await new Promise((r) => setTimeout(r, 1_000));
      [before, now] = [now, recordsHeld(data.dir, room)];
    }
    await closePeer(writer);

    log('Relay catch-up: the reader comes back…');
    const back = await launch(url, reader.dir);
    try {
      const unlocked = await api(back.page).run(async (app, pass) => {
        await app.unlock(pass);
        return performance.timeOrigin + performance.now();
      }, PASS);
      const lastShown = visibleAt(back.page, LAST);
      await openFirstCircle(back.page);
      await lastShown;
      const allVerified = await api(back.page).run(
        (app, count) =>
          new Promise<number>((resolve) => {
            const done = () => {
              const view = app.circleView(app.circles()[0]!.localId);
              return view !== null && view.syncing === null && view.messages.length >= count;
            };
            if (done()) return resolve(performance.timeOrigin + performance.now());
            const stop = app.subscribe(() => {
              if (!done()) return;
              stop();
              resolve(performance.timeOrigin + performance.now());
            });
          }),
        MESSAGES,
      );
      return { relayCatchUp10kMs: Math.round((allVerified - unlocked) * 10) / 10 };
    } finally {
      await closePeer(back);
    }
  } finally {
    await closePeer(writer);
    await reader.context.close().catch(() => {});
    await relay?.stop();
    data.remove();
  }
}
