// Honest circle logs for the update-guard and channel-guard tests: writers append records to
// their own buckets (src-shared/circle/bucket-log.ts) and pass each transaction's update to the
// others, as y-webrtc would. Records are patterned bytes of a sealed record's sizes: the guards
// judge structure and size, not seals.
import * as Y from 'yjs';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { MAX_SEALED_RECORD_BYTES } from '../../src-shared/records/schema';
import { patterned } from './patterned-bytes';

/** One writer: its document, its log, and the updates its own appends made. */
export interface HonestWriter {
  id: string;
  doc: Y.Doc;
  log: BucketLog;
}

/** A writer with a fresh document; `bucketSize` small makes many buckets. */
export function honestWriter(id: string, bucketSize: number): HonestWriter {
  const doc = new Y.Doc();
  return { id, doc, log: new BucketLog(doc, id, bucketSize) };
}

/** A record size as a circle sees them: mostly short messages, now and then the largest. */
export function recordSize(rand: () => number): number {
  const r = rand();
  if (r < 0.1) return MAX_SEALED_RECORD_BYTES;
  if (r < 0.3) return 1 + Math.floor(rand() * MAX_SEALED_RECORD_BYTES);
  return 150 + Math.floor(rand() * 600);
}

/** Appends `count` records to `writer`'s log in one transaction; returns the update it made. */
export function appendRecords(
  writer: HonestWriter,
  count: number,
  size: () => number,
  seed: number,
): Uint8Array {
  let made: Uint8Array | null = null;
  const take = (update: Uint8Array) => (made = update);
  writer.doc.on('update', take);
  writer.log.append(Array.from({ length: count }, (_, i) => patterned(size(), seed * 1000 + i)));
  writer.doc.off('update', take);
  return made!;
}

/** A log of about `bytes` of records by three writers (three Yjs clients), in one document. */
export function logOfSize(bytes: number, rand: () => number): Y.Doc {
  const writers = ['alice', 'bob', 'carol'].map((id) => honestWriter(id, 50));
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const size = recordSize(rand);
    writers[i % writers.length]!.log.append([patterned(size, i + 1)]);
    total += size;
  }
  const doc = new Y.Doc();
  for (const writer of writers) Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer.doc));
  return doc;
}

/** What a circle log holds, comparable with toEqual: each bucket's records as base64. */
export function logContent(doc: Y.Doc): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const buckets = doc.getMap<unknown>('buckets');
  for (const key of [...buckets.keys()].sort()) {
    const bucket = buckets.get(key);
    out[key] =
      bucket instanceof Y.Array
        ? bucket.toArray().map((r) => Buffer.from(r as Uint8Array).toString('base64'))
        : [`not a bucket: ${String(bucket)}`];
  }
  return out;
}
