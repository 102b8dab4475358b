// Sealed records for the tests of a session's parts (opening, judging, intake, head start): a
// simulated member (circle-sim.ts) writes each record at its own next position, as the app does,
// and it is sealed under the epoch keys a test names. Real keys and signatures throughout.
import type { EpochKeys } from '../../src-shared/crypto/keys';
import { draftRecord } from '../../src-shared/circle/founding';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { sealRecord } from '../../src-shared/records/seal';
import type { SimMember } from './circle-sim';

/** `record` sealed by `author` under `contentKey`, as it would sit in the circle's log. */
export const sealBy = (author: SimMember, record: RecordContent, contentKey: Uint8Array) =>
  sealRecord(record, author.keys.signSecretKey, contentKey);

/**
 * A message by `author` that says it belongs to `keys.epoch`, whether or not `author` has seen
 * the rekey that started it (a test of keys arriving late needs exactly that), at the author's
 * next sequence number and causal position. Taken into the author's own ledger like its other
 * records, so the next one gets the next number.
 */
export function messageIn(
  author: SimMember,
  keys: EpochKeys,
  text: string,
  ts: number,
): { record: RecordOf<'message'>; sealed: Uint8Array } {
  const record = draftRecord(
    {
      circleId: author.ledger.circleId,
      epoch: keys.epoch,
      keys: author.keys,
      seq: author.ledger.nextSeq(author.key),
      prev: author.ledger.prevForNew(),
    },
    'message',
    { text },
    ts,
  );
  author.ledger.ingest([record]);
  return { record, sealed: sealBy(author, record, keys.contentKey) };
}
