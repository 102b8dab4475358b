// Attacks and races on "a delete means gone" (issue 19), each failing on the code before its fix:
// a message and its delete that arrive together must still leave their place in the author's
// sequence; a record sealed twice must leave no copy; opening a circle must not write a deleted
// text back; a run of deletes must not rewrite the whole store once per record.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { utf8 } from '../../src-shared/bytes';
import { contentKeyMap, envelopeKey, openRecord } from '../../src-shared/records/seal';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { LogKeeper } from '../../src-renderer/services/circles/log-keeper';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { SimMember } from '../support/circle-sim';
import {
  db,
  forget,
  includesBytes,
  newCircles,
  reopenAfterLock,
  recordsIn,
  remotePeer,
  sessionOf,
  settle,
  store,
  useCircleServices,
  vault,
  waitFor,
} from '../support/circle-services';
import { sealBy } from '../support/sealed-writer';

useCircleServices();

/** Ana's other device: it writes after what `s` holds, under Ana's key. */
const otherDevice = (s: CircleSession) =>
  new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));

/** How many items of the log open to a record with this id. */
function copiesInLog(s: CircleSession, id: string): number {
  const keys = contentKeyMap(s.secrets.epochs.map((e) => [e.epoch, e.contentKey] as const));
  return s.log.all().filter((i) => {
    const r = openRecord(i, s.secrets.circleId, keys);
    return r.ok && r.record.id === id;
  }).length;
}

async function textStored(localId: string, text: string): Promise<boolean> {
  const rows = await db.records.where('circle').equals(localId).toArray();
  return rows.some((row) =>
    includesBytes(utf8(JSON.stringify(vault.openJson(row.enc, `records:${localId}`))), utf8(text)),
  );
}

describe('Deleting a message, attacked', () => {
  it('a message and its delete in one update keep their place in the author’s sequence after a reload', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Seq', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    const other = otherDevice(s);
    const key = s.currentEpoch().contentKey;
    const m = other.message('SAID-AND-TAKEN-BACK-1', Date.now());
    const d = other.write('delete', { target: m.id, at: m.ts });
    remotePeer(s, 'other').log.append([sealBy(other, m, key), sealBy(other, d, key)]);
    await settle(s);
    await waitFor(() => s.ledger.seenUpTo(s.myKey) === d.seq);
    await s.persist();

    const again = sessionOf(await reopenAfterLock(circles), id);
    // Without the tombstones the sequence stops below the message: a removal signed from it
    // would cut every later record of this author.
    expect(again.ledger.seenUpTo(again.myKey)).toBe(d.seq);
    expect(await textStored(id, 'SAID-AND-TAKEN-BACK-1')).toBe(false);
  });

  it('a record sealed twice and deleted in the same update leaves no copy in the log', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Twice', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    const other = otherDevice(s);
    const key = s.currentEpoch().contentKey;
    const m = other.message('SEALED-TWICE-2', Date.now());
    const d = other.write('delete', { target: m.id, at: m.ts });
    const [first, second] = [sealBy(other, m, key), sealBy(other, m, key)];
    expect(envelopeKey(first)).not.toBe(envelopeKey(second));
    remotePeer(s, 'other').log.append([first, second, sealBy(other, d, key)]);
    await settle(s);
    await waitFor(() =>
      s
        .view()
        .messages.slice()
        .some((x) => x.id === m.id && x.deleted),
    );
    await waitFor(() => copiesInLog(s, m.id) === 0);
    await s.persist();
    expect(await textStored(id, 'SEALED-TWICE-2')).toBe(false);
  });

  it('opening a circle of many stored rows does not write a deleted text back', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Rows', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    for (let i = 0; i < 70; i++) {
      await circles.sendMessage(id, `filler ${i}`);
      await s.persist();
    }
    expect(await db.records.where('circle').equals(id).count()).toBeGreaterThan(64);
    const other = otherDevice(s);
    const key = s.currentEpoch().contentKey;
    const m = other.message('WRITTEN-BACK-AT-OPEN-3', Date.now());
    const d = other.write('delete', { target: m.id, at: m.ts });
    await circles.closeAll();
    forget(circles);
    // The app stopped after storing the message and its delete, before the erase was written.
    await store.appendLogs(id, {
      update: null,
      judged: {
        records: [
          { key: envelopeKey(sealBy(other, m, key))!, record: m },
          { key: envelopeKey(sealBy(other, d, key))!, record: d },
        ],
        rejected: [],
      },
    });
    const again = newCircles();
    await again.openAll();
    const opened = sessionOf(again, id);
    await waitFor(() =>
      opened
        .view()
        .messages.slice()
        .some((x) => x.id === m.id && x.deleted),
    );
    await opened.persist();
    await opened.persist();
    expect(await textStored(id, 'WRITTEN-BACK-AT-OPEN-3')).toBe(false);
    // And the log loaded at open is still on disk: nothing rebuilt it from an empty document.
    expect(
      opened
        .view()
        .messages.slice()
        .filter((x) => x.text.startsWith('filler')),
    ).toHaveLength(70);
    const reopened = sessionOf(await reopenAfterLock(again), id);
    expect(
      reopened
        .view()
        .messages.slice()
        .filter((x) => x.text.startsWith('filler')),
    ).toHaveLength(70);
  });

  it('a run of edits to a deleted message, one update each, shares the rewrites of the store', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Run', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    const other = otherDevice(s);
    const key = s.currentEpoch().contentKey;
    const m = other.message('DELETED-THEN-EDITED-4', Date.now());
    const peer = remotePeer(s, 'other');
    peer.log.append([sealBy(other, m, key)]);
    await settle(s);
    peer.log.append([sealBy(other, other.write('delete', { target: m.id, at: m.ts }), key)]);
    await settle(s);
    await s.persist();
    const compactions = vi.spyOn(store, 'compactUpdates');
    const loads = vi.spyOn(store, 'loadJudged');
    for (let i = 0; i < 50; i++) {
      peer.log.append([
        sealBy(other, other.write('edit', { target: m.id, text: `again ${i}` }), key),
      ]);
      await settle(s);
    }
    await s.persist();
    await new Promise((r) => setTimeout(r, 2_500));
    await s.persist();
    expect(compactions.mock.calls.length).toBeLessThanOrEqual(3);
    expect(loads.mock.calls.length).toBeLessThanOrEqual(1);
    const state = Y.encodeStateAsUpdate(s.doc);
    expect(includesBytes(state, utf8('again 49'))).toBe(false);
  }, 30_000);

  it('a stranger’s record deleted while it waits for its author’s admission is never stored', () => {
    const kept: string[] = [];
    const keeper = new LogKeeper(new BucketLog(new Y.Doc(), 'w'), {
      lost: () => {},
      storeState: () => {},
      isKnown: () => true,
      keep: (r) => void kept.push(r.key),
    });
    const record = { author: 'mallory', id: 'm1' } as never;
    keeper.holdStranger({ key: 'env-1', record, sealed: new Uint8Array([1]) });
    keeper.holdStranger({
      key: 'env-2',
      record: { author: 'mallory', id: 'm2' } as never,
      sealed: new Uint8Array([2]),
    });
    expect(keeper.dropStrangers(new Set(['mallory/m1']))).toEqual(['env-1']);
    keeper.settleStrangers();
    expect(kept).toEqual(['env-2']);
    keeper.stop();
  });
});
