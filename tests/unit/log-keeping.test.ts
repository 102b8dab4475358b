// What a peer leaves in a circle's log does not stay there unless it is worth keeping: junk,
// forgeries, copies and a flood over an author's quota are taken out here (and stay out after a
// restart), and what a peer's overwrite takes out with a bucket is written back. Attacks first.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUTHOR_QUOTA } from '../../src-shared/circle/author-quota';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import { generateEpochKeys, generateMemberKeys } from '../../src-shared/crypto/keys';
import type { LogKeeper } from '../../src-renderer/services/circles/log-keeper';
import { sodium } from '../../src-shared/crypto/sodium';
import { envelopeKey, sealRecord } from '../../src-shared/records/seal';
import { draftRecord } from '../../src-shared/circle/founding';
import { screenUpdate } from '../../src-shared/sync/update-guard';
import {
  forget,
  newCircles,
  recordsIn,
  remotePeer,
  sessionOf,
  settle,
  sleep,
  useCircleServices,
  waitFor,
} from '../support/circle-services';
import { SimMember } from '../support/circle-sim';
import { sealBy } from '../support/sealed-writer';

useCircleServices();

/** Items in the document that hold bytes, live (not taken out). */
const liveBytes = (s: { log: BucketLog }) =>
  s.log.all().filter((item): item is Uint8Array => item instanceof Uint8Array);

describe('keeping the log', () => {
  it('attack: junk and forged records from a peer are taken out, and are not in the stored document after a restart', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Kept', description: '', displayName: 'Ana' });
    await circles.sendMessage(id, 'first');
    const s = sessionOf(circles, id);
    const peer = remotePeer(s, 'mallory');
    const forged = (i: number) =>
      sealRecord(
        draftRecord(s.authoring(), 'message', { text: `forged ${i}` }),
        s.secrets.keys.signSecretKey,
        generateEpochKeys(0).contentKey, // a key nobody in the circle has
      );
    const junk = [
      ...Array.from({ length: 300 }, (_, i) => forged(i)),
      ...Array.from({ length: 300 }, () => sodium().randombytes_buf(200)),
    ];
    peer.log.append(junk);
    await settle(s);
    await waitFor(() => liveBytes(s).length === 1, 20_000);
    expect(s.view().messages.map((m) => m.text)).toEqual(['first']);

    await circles.closeAll();
    forget(circles);
    const again = newCircles();
    await again.openAll();
    const s2 = sessionOf(again, id);
    expect(liveBytes(s2)).toHaveLength(1);
    // Nothing of the junk is left in what was stored: not even as bytes inside the document.
    const stored = Y.encodeStateAsUpdate(s2.doc);
    const needle = junk[300]!.subarray(0, 32);
    expect(Buffer.from(stored).includes(Buffer.from(needle))).toBe(false);
  }, 30_000);

  it('attack: copies of records already in the log are taken out', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Copies', description: '', displayName: 'Ana' });
    for (let i = 0; i < 5; i++) await circles.sendMessage(id, `m${i}`);
    const s = sessionOf(circles, id);
    const originals = liveBytes(s);
    const peer = remotePeer(s, 'mallory');
    for (let round = 0; round < 3; round++) peer.log.append(originals.map((o) => o.slice()));
    await settle(s);
    await waitFor(() => liveBytes(s).length === originals.length);
    expect(s.view().messages).toHaveLength(5);
  }, 30_000);

  it('attack: an overwrite that waited for the bucket it names takes it out at a newcomer; the newcomer writes its records back', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Back', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    // Bo, a member on another device, writes three messages into his own bucket.
    const bo = new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));
    const boDoc = new Y.Doc();
    const boLog = new BucketLog(boDoc, 'bo-device');
    const sealed = ['one', 'two', 'three'].map((t) =>
      sealBy(bo, bo.message(t), s.currentEpoch().contentKey),
    );
    boLog.append(sealed);
    // Mallory has Bo's bucket and writes over its map entry.
    const mallory = new Y.Doc();
    Y.applyUpdate(mallory, Y.encodeStateAsUpdate(boDoc));
    const before = Y.encodeStateVector(mallory);
    mallory.getMap('buckets').set('bo-device:0', new Uint8Array([1, 2, 3]));
    const overwrite = Y.encodeStateAsUpdate(mallory, before);
    // At a member who holds the bucket, the guard refuses the overwrite outright.
    expect(screenUpdate(overwrite, CIRCLE_LOG_SHAPE, boDoc)).toEqual({
      ok: false,
      problem: 'rewrite',
    });
    // At a newcomer (here, our session before Bo's bucket arrived) it cannot be told apart yet:
    const screened = screenUpdate(overwrite, CIRCLE_LOG_SHAPE, s.doc);
    expect(screened.ok).toBe(true);
    if (!screened.ok) return;
    Y.applyUpdate(s.doc, screened.update, 'remote');
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(boDoc), 'remote');
    // Yjs took Bo's bucket out as it arrived...
    expect(s.doc.getMap('buckets').get('bo-device:0') instanceof Y.Array).toBe(false);
    await sleep(0);
    await settle(s);
    // ...and the session wrote its records back into its own bucket: shown, and there to sync.
    await waitFor(() => s.view().messages.length === 3);
    const keys = new Set(liveBytes(s).map((b) => envelopeKey(b)));
    for (const b of sealed) expect(keys.has(envelopeKey(b))).toBe(true);
  }, 30_000);

  it('attack: a member flooding more than their daily quota of bytes has the rest refused and not stored', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Flood', description: '', displayName: 'Ana' });
    const s = sessionOf(circles, id);
    const flooder = new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));
    const peer = remotePeer(s, 'second-device');
    const before = liveBytes(s).length;
    // The longest messages (4,000 characters of 3 bytes each), all on one day after the circle began.
    const after = s.ledger.genesis.ts + 1;
    const nextDay = Math.ceil(after / 86_400_000) * 86_400_000;
    const day = nextDay - after > 10_000 ? after : nextDay;
    const text = (i: number) => `${i} `.padEnd(4_000, '心');
    const flood = Array.from({ length: 2_900 }, (_, i) =>
      sealBy(flooder, flooder.message(text(i), day + i), s.currentEpoch().contentKey),
    );
    const sizes = flood.map((b) => b.length);
    const fits = Math.floor(AUTHOR_QUOTA.bytesPerDay / Math.min(...sizes));
    expect(fits).toBeLessThan(flood.length - 100);
    peer.log.append(flood);
    await settle(s);
    const shown = s.view().messages.length;
    expect(shown).toBeGreaterThanOrEqual(Math.floor(AUTHOR_QUOTA.bytesPerDay / Math.max(...sizes)));
    expect(shown).toBeLessThanOrEqual(fits);
    await waitFor(() => liveBytes(s).length === before + shown, 20_000);

    await circles.closeAll();
    forget(circles);
    const again = newCircles();
    await again.openAll();
    expect(sessionOf(again, id).view().messages).toHaveLength(shown);
  }, 60_000);

  it('attack: records signed by keys never let in wait a short while for an admission, then are taken out and never stored', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({
      name: 'Strangers',
      description: '',
      displayName: 'Ana',
    });
    await circles.sendMessage(id, 'first');
    const s = sessionOf(circles, id);
    const keeper = (s as unknown as { keeper: LogKeeper }).keeper;
    const peer = remotePeer(s, 'forger');
    const contentKey = s.currentEpoch().contentKey;
    const strangers = Array.from({ length: 5 }, () =>
      new SimMember(generateMemberKeys(), s.ledger.genesis).receive(recordsIn(s)),
    );
    peer.log.append(strangers.map((x) => sealBy(x, x.message('never let in'), contentKey)));
    await settle(s);
    expect(s.view().messages.map((m) => m.text)).toEqual(['first']);
    // Still in the log while an admission could be on its way...
    keeper.settleStrangers(Date.now() + 1_000);
    keeper.flush();
    expect(liveBytes(s)).toHaveLength(6);
    // ...and taken out once that time is over.
    keeper.settleStrangers(Date.now() + 60_000);
    keeper.flush();
    expect(liveBytes(s)).toHaveLength(1);

    await circles.closeAll();
    forget(circles);
    const again = newCircles();
    await again.openAll();
    const s2 = sessionOf(again, id);
    expect(liveBytes(s2)).toHaveLength(1);
    expect(s2.ledger.stats.pending).toBe(0);
  }, 30_000);

  // Residual risk (THREAT_MODEL.md, "Any peer in a room or lobby"): Yjs item ids are not signed, so
  // a peer that reaches a newcomer before honest peers can send a different item under a record's
  // id; the newcomer then never takes the real one (Yjs holds one item per id), and an honest
  // peer's sync, which sends only what the newcomer's state vector lacks, does not bring it. The
  // record cannot be changed or forged, only kept from that newcomer; members who have it keep it.
  it.fails(
    'a peer that reaches a newcomer first cannot keep a record from it by sending junk under its id',
    async () => {
      const circles = newCircles();
      const id = await circles.createCircle({ name: 'Ids', description: '', displayName: 'Ana' });
      const s = sessionOf(circles, id);
      const writer = new SimMember(s.secrets.keys, s.ledger.genesis).receive(recordsIn(s));
      const honest = new Y.Doc();
      new BucketLog(honest, 'honest').append([
        sealBy(writer, writer.message('kept from the newcomer?'), s.currentEpoch().contentKey),
      ]);
      // Mallory copies the honest document and swaps the record's bytes for junk, same ids.
      const forged = Y.encodeStateAsUpdate(honest);
      const record = [...honest.getMap<Y.Array<Uint8Array>>('buckets').values()][0]!.get(0);
      const at = Buffer.from(forged).indexOf(Buffer.from(record));
      forged.set(sodium().randombytes_buf(record.length), at);
      for (const update of [forged, Y.encodeStateAsUpdate(honest, Y.encodeStateVector(s.doc))]) {
        const screened = screenUpdate(update, CIRCLE_LOG_SHAPE, s.doc);
        if (screened.ok) Y.applyUpdate(s.doc, screened.update, 'remote');
      }
      await settle(s);
      await sleep(300);
      expect(s.view().messages.map((m) => m.text)).toEqual(['kept from the newcomer?']);
    },
    30_000,
  );
});
