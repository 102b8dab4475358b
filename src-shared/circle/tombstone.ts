// What is kept of a record whose text its author deleted (a message, or an edit of one): enough
// for the ledger's sequence, removal and equivocation rules to work after a reload, and nothing
// the author wrote. `hash` tells the same record coming back (from a peer that still holds it)
// apart from a second, different record under its id (a fork).
import { recordHash } from '../records/record-hash';
import type { RecordContent } from '../records/schema';

export interface Tombstone {
  kind: 'tombstone';
  /** The kind the record was: a message's tombstone still shows, as "Message deleted". */
  of: RecordContent['kind'];
  circle: string;
  epoch: number;
  id: string;
  author: string;
  seq: number;
  /** Kept for the author's quota (records per day of the time they claim). */
  ts: number;
  /** recordHash of the record as it was. */
  hash: string;
}

/** The tombstone of `r`: its place in its author's records, its hash, never its body. */
export function tombstoneOf(r: RecordContent): Tombstone {
  const { circle, epoch, id, author, seq, ts } = r;
  return { kind: 'tombstone', of: r.kind, circle, epoch, id, author, seq, ts, hash: recordHash(r) };
}

/** Whether a stored or held record is a tombstone. */
export const isTombstone = (r: RecordContent | Tombstone): r is Tombstone => r.kind === 'tombstone';
