// The byte-level reader of Yjs updates agrees with Yjs's own decoder on every struct of honest
// circle logs (seeded), and refuses what it does not read.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import {
  readDeleteSet,
  REF_BINARY,
  REF_TYPE,
  UnreadContent,
  walkUpdate,
  type WalkedStruct,
} from '../../src-shared/sync/update-walk';
import { mulberry32 } from '../support/seeded-random';

const SEED = Number(process.env.HEARTH_SEED ?? 20261207);

/** A circle log of a few writers, some of whose items were deleted (and collected) here. */
function honestLog(rand: () => number): Y.Doc {
  const doc = new Y.Doc();
  for (let w = 0; w < 3; w++) {
    const writer = new Y.Doc();
    const log = new BucketLog(writer, `writer${w}`, 1 + Math.floor(rand() * 20));
    const n = 1 + Math.floor(rand() * 60);
    for (let i = 0; i < n; i++) log.append([new Uint8Array(1 + Math.floor(rand() * 300)).fill(i)]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
  }
  const buckets = doc.getMap<Y.Array<Uint8Array>>('buckets');
  doc.transact(() => {
    for (const bucket of buckets.values())
      if (bucket.length > 2 && rand() < 0.5) bucket.delete(1, 1);
  });
  return doc;
}

describe('walkUpdate', () => {
  it(`reads every struct of honest logs as Yjs does (seed ${SEED}, replay with HEARTH_SEED)`, () => {
    console.log(`update-walk seed ${SEED}`);
    const rand = mulberry32(SEED);
    for (let round = 0; round < 50; round++) {
      const update = Y.encodeStateAsUpdate(honestLog(rand));
      const walked: Pick<WalkedStruct, 'client' | 'clock' | 'length' | 'ref'>[] = [];
      const end = walkUpdate(update, (s) =>
        walked.push({ client: s.client, clock: s.clock, length: s.length, ref: s.ref }),
      );
      const { structs, ds } = Y.decodeUpdate(update);
      expect(walked.map(({ client, clock, length }) => ({ client, clock, length }))).toEqual(
        structs.map((s) => ({ client: s.id.client, clock: s.id.clock, length: s.length })),
      );
      expect(walked.filter((s) => s.ref === REF_TYPE).length).toBeGreaterThan(0);
      expect(walked.filter((s) => s.ref === REF_BINARY).length).toBeGreaterThan(0);
      expect(readDeleteSet(update, end).empty).toBe(ds.clients.size === 0);
    }
  });

  it('stops at contents no Hearth document holds, and at bytes that are no struct', () => {
    const text = new Y.Doc();
    text.getText('t').insert(0, 'hello');
    expect(() => walkUpdate(Y.encodeStateAsUpdate(text), () => {})).toThrow(UnreadContent);
    const json = new Y.Doc();
    json.getMap('m').set('k', { any: 'thing' });
    expect(() => walkUpdate(Y.encodeStateAsUpdate(json), () => {})).toThrow(UnreadContent);
    const junk = new Uint8Array([1, 1, 5, 0, 0x1f]);
    expect(() => walkUpdate(junk, () => {})).toThrow();
    expect(() => walkUpdate(junk, () => {})).not.toThrow(UnreadContent);
  });
});
