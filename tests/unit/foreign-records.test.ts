// Records of a kind this app does not know (from a newer Hearth): a sealed record that opens, is
// signed by a member and has a well-formed envelope is kept in the log and the store, passed on,
// counted in its author's quota and sequence, never shown and never acted on; an app that knows
// the kind judges it when it opens the store. Known kinds stay strict. Written as attacks (a
// flood of unknown kinds is held by the quota; `foreign` cannot be sent as such) and as
// compatibility (an unknown kind reaches a newcomer through an app that does not know it).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUTHOR_QUOTA } from '../../src-shared/circle/author-quota';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { parseRecordContent, type RecordContent } from '../../src-shared/records/schema';
import { sealSigned, signContent } from '../../src-shared/records/seal';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { SimMember } from '../support/circle-sim';
import {
  db,
  forget,
  newCircles,
  reopenAfterLock,
  recordsIn,
  remotePeer,
  sessionOf,
  settle,
  sleep,
  store,
  useCircleServices,
  waitFor,
} from '../support/circle-services';

useCircleServices();

/** A record of kind `kind` by `by` at its next place, as a newer Hearth would write it. */
function newerKind(by: SimMember, kind: string, body: unknown, ts = Date.now()): RecordContent {
  const content = {
    v: 1,
    circle: by.ledger.circleId,
    epoch: 0,
    id: Math.random().toString(36).slice(2).padEnd(22, 'x').slice(0, 22),
    author: by.key,
    seq: by.ledger.nextSeq(by.key),
    prev: by.ledger.prevForNew(),
    ts,
    kind,
    body,
  };
  const parsed = parseRecordContent(content)!;
  by.receive([parsed]);
  return content as unknown as RecordContent;
}

const sealNewer = (by: SimMember, content: RecordContent, key: Uint8Array) =>
  sealSigned(signContent(content, by.keys.signSecretKey), content.epoch, key);

/** Ana's circle, and Ana on another device (same keys), writing as a newer Hearth would. */
async function circleWithNewerDevice(name: string) {
  const circles = newCircles();
  const id = await circles.createCircle({ name, description: '', displayName: 'Ana' });
  const s = sessionOf(circles, id);
  const newer = new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));
  return { circles, id, s, newer, key: s.currentEpoch().contentKey };
}

const inLog = (s: CircleSession, sealed: Uint8Array) =>
  s.log
    .all()
    .some(
      (i) =>
        i instanceof Uint8Array && i.length === sealed.length && i.every((b, n) => b === sealed[n]),
    );

describe('the schema', () => {
  const envelope = {
    v: 1,
    circle: 'c'.repeat(22),
    epoch: 0,
    id: 'i'.repeat(22),
    author: 'a'.repeat(43),
    seq: 1,
    prev: [],
    ts: 1_700_000_000_000,
  };

  it('takes an unknown kind with a well-formed envelope as foreign, keeping kind and body', () => {
    const r = parseRecordContent({ ...envelope, kind: 'reaction', body: { emoji: '🌱' } });
    expect(r).toMatchObject({ kind: 'foreign', body: { kind: 'reaction', body: { emoji: '🌱' } } });
  });

  it('keeps known kinds strict, and refuses a bad envelope or `foreign` sent as such', () => {
    expect(parseRecordContent({ ...envelope, kind: 'message', body: { text: '' } })).toBeNull();
    expect(
      parseRecordContent({ ...envelope, kind: 'message', body: { text: 'x', y: 1 } }),
    ).toBeNull();
    expect(parseRecordContent({ ...envelope, seq: 0, kind: 'reaction', body: {} })).toBeNull();
    expect(parseRecordContent({ ...envelope, extra: 1, kind: 'reaction', body: {} })).toBeNull();
    expect(parseRecordContent({ ...envelope, kind: 'Reaction!', body: {} })).toBeNull();
    expect(parseRecordContent({ ...envelope, kind: 'x'.repeat(40), body: {} })).toBeNull();
    const literal = {
      ...envelope,
      kind: 'foreign',
      body: { kind: 'message', body: { text: 'x' } },
    };
    expect(parseRecordContent(literal)).toBeNull();
  });
});

describe('an app that does not know a kind', () => {
  it('keeps it in the log and the store, counts its seq, shows nothing, and passes it to a newcomer', async () => {
    const { circles, id, s, newer, key } = await circleWithNewerDevice('Compatible');
    const reaction = newerKind(newer, 'reaction', { target: 'x'.repeat(22), emoji: '🌱' });
    const sealed = sealNewer(newer, reaction, key);
    const after = newer.message('after the reaction', Date.now() + 1);
    const sealedAfter = sealNewer(newer, after, key);
    remotePeer(s, 'newer').log.append([sealed, sealedAfter]);
    await settle(s);
    await sleep(400); // past the log keeper's discard delay: nothing of it may go
    expect(inLog(s, sealed)).toBe(true);
    expect(s.view().messages.map((m) => m.text)).toEqual(['after the reaction']);
    expect(s.ledger.seenUpTo(s.myKey)).toBe(after.seq);

    // A newcomer who syncs from this app gets it, exactly as it was sealed.
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(s.doc));
    expect(
      new BucketLog(newcomer, 'n')
        .all()
        .some((i) => i instanceof Uint8Array && i.every((b, n) => b === sealed[n])),
    ).toBe(true);

    // Stored, and still neither shown nor lost after a reopen.
    await s.persist();
    const again = await reopenAfterLock(circles);
    const s2 = sessionOf(again, id);
    await settle(s2);
    expect(s2.view().messages.map((m) => m.text)).toEqual(['after the reaction']);
    expect(inLog(s2, sealed)).toBe(true);
    expect(s2.view().ignoredRecords).toBe(0);
  });

  it('an updated app judges a stored unknown record once it knows the kind', async () => {
    const { circles, id, s, newer } = await circleWithNewerDevice('Updated');
    const message = newer.message('written in a kind this app learnt later', Date.now());
    await s.persist();
    // As an older app stored it: wrapped as foreign (parseRecordContent's shape for it).
    const { kind, body, ...envelope } = message;
    await store.appendLogs(id, {
      update: null,
      judged: {
        records: [
          { key: 'k'.repeat(22), record: { ...envelope, kind: 'foreign', body: { kind, body } } },
        ],
        rejected: [],
      },
    });
    await circles.closeAll();
    forget(circles);
    const again = newCircles();
    await again.openAll();
    expect(again.circleView(id)!.messages.map((m) => m.text)).toEqual([
      'written in a kind this app learnt later',
    ]);
  });

  it('a member flooding unknown kinds is held by the daily quota: the rest leave the log', async () => {
    const { id, s, newer, key } = await circleWithNewerDevice('Flood');
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 3_600_000;
    const filler = 'z'.repeat(15_500);
    const flood: Uint8Array[] = [];
    for (let i = 0; flood.length * 15_700 < AUTHOR_QUOTA.bytesPerDay + 40 * 15_700; i++)
      flood.push(sealNewer(newer, newerKind(newer, 'sticker', { filler }, day + i), key));
    const rowsBefore = await db.records.where('circle').equals(id).count();
    remotePeer(s, 'flooder').log.append(flood);
    await settle(s);
    await waitFor(() => s.log.all().length < flood.length, 20_000);
    const kept = s.log.all().filter((i) => i instanceof Uint8Array && i.length > 15_000).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept * 15_500).toBeLessThanOrEqual(AUTHOR_QUOTA.bytesPerDay);
    expect(flood.length - kept).toBeGreaterThanOrEqual(40);
    expect(s.view().messages.length).toBe(0);
    await s.persist();
    expect(await db.records.where('circle').equals(id).count()).toBeGreaterThan(rowsBefore);
  }, 120_000);
});
