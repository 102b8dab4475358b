// Worker side of WorkerRecordOpener: opens chunks of sealed records off the UI thread.
import { draftRecord, foundCircle } from '../../../src-shared/circle/founding';
import { loadSodium } from '../../../src-shared/crypto/sodium';
import { sealRecord } from '../../../src-shared/records/seal';
import { openChunk, runRequest, type WorkerRequest } from './record-opener';

/**
 * Compiles libsodium and runs the real opening path a few hundred times on a throwaway circle.
 * WebAssembly and the JIT start in their slow tiers; measured here, the first 1,000 records of
 * a catch-up took 0.7–1.6 s in a cold worker and 0.16 s once warm. The pool is warmed at unlock.
 */
const ready = loadSodium().then(() => {
  const circle = foundCircle({ name: 'warm-up', description: '', displayName: 'warm-up' });
  const sealed = sealRecord(
    draftRecord(
      { circleId: circle.circleId, epoch: 0, keys: circle.keys, seq: 2, prev: [] },
      'message',
      { text: 'warm-up '.repeat(12) },
    ),
    circle.keys.signSecretKey,
    circle.epoch.contentKey,
  );
  openChunk({
    circleId: circle.circleId,
    contentKeys: [[0, circle.epoch.contentKey]],
    items: new Array(300).fill(sealed),
  });
});

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    await ready;
    (self as unknown as Worker).postMessage({ id: event.data.id, results: runRequest(event.data) });
  } catch {
    // The page opens this chunk itself (see WorkerRecordOpener): never leave it waiting.
    (self as unknown as Worker).postMessage({ id: event.data.id, failed: true });
  }
};
