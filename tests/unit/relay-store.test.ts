// The blind relay's store (src-server/relay/relay-store.ts): what is written comes back after a
// reopen, compaction keeps every record in one row, codes are kept and forgotten with what was
// stored for them, and the files are readable by their owner only (they hold room secrets).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayStore } from '../../src-server/relay/relay-store';
import { appendRecords, honestWriter, logContent } from '../support/bucket-docs';
import { relayDataDir } from '../support/relay-process';

const ROOM = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function openStore() {
  const data = relayDataDir();
  const store = RelayStore.open(data.dir);
  cleanups.push(data.remove);
  return { dir: data.dir, store };
}

/** A writer's log and the updates it made, one per append. */
function writes(count: number, perUpdate = 3) {
  const writer = honestWriter('w', 100);
  const updates = Array.from({ length: count }, (_, i) =>
    appendRecords(writer, perUpdate, () => 200, i + 1),
  );
  return { writer, updates };
}

const docOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};

describe('relay store', () => {
  it('gives back after a reopen every update it acknowledged, in order', async () => {
    const { dir, store } = openStore();
    const { writer, updates } = writes(20);
    await Promise.all(updates.map((u, i) => store.append(ROOM, i, u)));
    await store.close();

    const again = RelayStore.open(dir);
    cleanups.push(() => again.close());
    const room = again.loadRoom(ROOM);
    expect(room.updates).toHaveLength(20);
    expect(room.nextSeq).toBe(20);
    expect(room.bytes).toBe(updates.reduce((n, u) => n + u.length, 0));
    expect(logContent(docOf(room.updates))).toEqual(logContent(writer.doc));
    expect(again.loadRoom(OTHER).updates).toHaveLength(0);
  });

  it('compacts the head of a list into one row in one step, leaving the rows after it', async () => {
    const { store } = openStore();
    cleanups.push(() => store.close());
    const { writer, updates } = writes(60);
    await Promise.all(updates.map((u, i) => store.append(ROOM, i, u)));
    const before = store.loadRoom(ROOM);

    const delta = await store.compact(ROOM, 49);
    const after = store.loadRoom(ROOM);
    expect(after.updates).toHaveLength(11);
    expect(after.nextSeq).toBe(60);
    expect(after.bytes).toBe(before.bytes + delta);
    // The merged row is the state of a document holding the head, and nothing is lost.
    expect(Y.encodeStateVector(docOf(after.updates.slice(0, 1)))).toEqual(
      Y.encodeStateVector(docOf(updates.slice(0, 50))),
    );
    expect(logContent(docOf(after.updates))).toEqual(logContent(writer.doc));
    // Appending after a compaction carries on from the next sequence number.
    await store.append(
      ROOM,
      60,
      appendRecords(writer, 1, () => 100, 99),
    );
    expect(logContent(docOf(store.loadRoom(ROOM).updates))).toEqual(logContent(writer.doc));
  });

  it('keeps codes, tells other processes they changed, and forgets a room with its code', async () => {
    const { dir, store } = openStore();
    cleanups.push(() => store.close());
    // A second handle on the same environment, as `npm run relay -- add` holds while the relay runs.
    const cli = RelayStore.open(dir);
    const v0 = store.codesVersion();
    await cli.putCode(ROOM, 'hearthrelay1first');
    await cli.putCode(OTHER, 'hearthrelay1other');
    expect(store.codesVersion()).not.toBe(v0);
    const codes = store.listCodes();
    expect([...codes.keys()].sort()).toEqual([ROOM, OTHER]);
    expect(new Set([...codes.values()].map((c) => c.logId)).size).toBe(2);

    // A new code for the same room (a new relay seed) replaces the old one, under the same log id.
    const logId = codes.get(ROOM)!.logId;
    await cli.putCode(ROOM, 'hearthrelay1second');
    expect(store.listCodes().get(ROOM)).toEqual({ token: 'hearthrelay1second', logId });

    await Promise.all(writes(30).updates.map((u, i) => store.append(ROOM, i, u)));
    await store.append(OTHER, 0, writes(1).updates[0]!);
    const v1 = store.codesVersion();
    expect(await cli.removeCode(ROOM)).toBe(true);
    expect(await cli.removeCode(ROOM)).toBe(false);
    await cli.close();
    expect(store.codesVersion()).not.toBe(v1);
    expect([...store.listCodes().keys()]).toEqual([OTHER]);
    expect(store.loadRoom(ROOM).updates).toHaveLength(0);
    expect(store.loadRoom(OTHER).updates).toHaveLength(1);

    // A row a room wrote as its code went is forgotten once it has left; a room with a code is not.
    await Promise.all(writes(5).updates.map((u, i) => store.append(ROOM, 30 + i, u)));
    await store.forgetRows(ROOM);
    await store.forgetRows(OTHER);
    expect(store.loadRoom(ROOM).updates).toHaveLength(0);
    expect(store.loadRoom(OTHER).updates).toHaveLength(1);
  });

  it('makes its directory and files readable by their owner only', async () => {
    const { dir, store } = openStore();
    await store.putCode(ROOM, 'hearthrelay1secret');
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });
});
