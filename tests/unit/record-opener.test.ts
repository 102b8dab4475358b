import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { contentKeyMap, envelopeKey, peekRecord } from '../../src-shared/records/seal';
import {
  inlineOpener,
  packJob,
  runRequest,
  runTask,
  unpackJob,
  workerRequest,
  type OpenJob,
} from '../../src-renderer/services/circles/record-opener';
import { SimMember } from '../support/circle-sim';
import { messageIn } from '../support/sealed-writer';

beforeAll(loadSodium);

function jobOf(texts: string[]): OpenJob {
  const circle = foundCircle({ name: 'Opener', description: '', displayName: 'Ana' }, 500);
  const ana = new SimMember(circle.keys, circle.genesis);
  const items = texts.map((text, i) => messageIn(ana, circle.epoch, text, 1_000 + i).sealed);
  return { circleId: circle.circleId, contentKeys: [[0, circle.epoch.contentKey]], items };
}

describe('record opener', () => {
  it('opens with envelope keys worked out before to the same results, and keeps them aligned when chunked', async () => {
    const job = jobOf(['a', 'b', 'c']);
    const keys = runTask('key', job) as string[];
    expect(runTask('open', { ...job, envelopeKeys: keys })).toEqual(runTask('open', job));
    const opened = (
      await Promise.all(inlineOpener.inChunks('open', { ...job, envelopeKeys: keys }, 2))
    ).flat();
    expect(opened.map((r) => (r.ok ? r.nonceKey : null))).toEqual(keys);
    // Keys out of step with the items are refused rather than used.
    expect(() => runTask('open', { ...job, envelopeKeys: keys.slice(1) })).toThrow(RangeError);
  });

  it('packs a chunk into one buffer for a worker and unpacks the same items', () => {
    const job = jobOf(['one', 'two, a little longer', 'three']);
    const packed = packJob(job)!;
    expect(packed.bytes.length).toBe(
      (job.items as Uint8Array[]).reduce((n, item) => n + item.length, 0),
    );
    const back = unpackJob(packed);
    expect(back.circleId).toBe(job.circleId);
    expect(back.items).toEqual(job.items);
    // Opening what was unpacked gives the same records as opening the original.
    expect(runTask('open', back)).toEqual(runTask('open', job));
  });

  it('leaves a chunk with anything but bytes unpacked (it is posted, or opened, as it is)', () => {
    const job = jobOf(['one']);
    expect(packJob({ ...job, items: [...job.items, { not: 'bytes' }] })).toBeNull();
    expect(packJob({ ...job, items: [] })).toEqual({
      circleId: job.circleId,
      contentKeys: job.contentKeys,
      bytes: new Uint8Array(0),
      ends: new Uint32Array(0),
    });
  });

  it('scans each item for its envelope key and claims in one pass, the same as key and peek apart', () => {
    const job = jobOf(['newest?', 'older']);
    const junk = new Uint8Array([1, 2, 3]);
    const withJunk = { ...job, items: [...job.items, junk] };
    const keys = contentKeyMap(job.contentKeys);
    expect(runTask('scan', withJunk)).toEqual([
      ...(job.items as Uint8Array[]).map((item) => ({
        key: envelopeKey(item),
        peek: peekRecord(item, keys),
      })),
      { key: null, peek: null },
    ]);
    expect(runTask('scan', withJunk).map((s) => s.key)).toEqual(runTask('key', withJunk));
    expect(runTask('scan', withJunk).map((s) => s.peek)).toEqual(runTask('peek', withJunk));
    expect(runTask('scan', job)[0]!.peek).toEqual({ kind: 'message', ts: 1_000 });
  });

  it('a chunk posted to a worker (packed and moved) opens there to the same results, and the page keeps its own copy', () => {
    const job = jobOf(['one', 'two']);
    const before = (job.items as Uint8Array[]).map((item) => item.slice());
    for (const task of ['open', 'scan', 'key', 'peek'] as const) {
      const { request, transfer } = workerRequest(7, task, job);
      expect(request.packed).toBeDefined();
      // What postMessage does to it: a structured clone with the buffers moved.
      const posted = structuredClone(request, { transfer });
      expect(runRequest(posted)).toEqual(runTask(task, job));
    }
    expect(job.items).toEqual(before);
  });

  it('a chunk that cannot be packed is posted as it is and still runs', () => {
    const job = jobOf(['one']);
    const mixed = { ...job, items: [...job.items, 'not bytes'] };
    const { request, transfer } = workerRequest(8, 'open', mixed);
    expect(request.packed).toBeUndefined();
    expect(transfer).toEqual([]);
    const results = runRequest(structuredClone(request)) as { ok: boolean }[];
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(() => runRequest({ id: 9, task: 'open' })).toThrow(TypeError);
  });
});
