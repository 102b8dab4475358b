// Every record a ledger took, by author/id (a tombstone once its text was deleted) and by
// author#seq: how a second record under one id or one number is caught, and which sequence
// numbers an author has used.
import type { RecordContent } from '../records/schema';
import type { Tombstone } from './tombstone';

export type Taken = RecordContent | Tombstone;

export class TakenRecords {
  private readonly byKey = new Map<string, Taken>();
  private readonly bySeq = new Map<string, string>();
  private readonly maxSeq = new Map<string, number>();

  /** The record (or tombstone) taken under `key` (author/id). */
  get(key: string): Taken | undefined {
    return this.byKey.get(key);
  }

  /** Whether a record was taken under `key`. */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * Takes `r` under `key`; returns the key of an earlier record under the same author and seq
   * (a fork), which keeps that number.
   */
  add(key: string, r: Taken): string | undefined {
    this.byKey.set(key, r);
    if (r.seq > (this.maxSeq.get(r.author) ?? 0)) this.maxSeq.set(r.author, r.seq);
    const seqKey = `${r.author}#${r.seq}`;
    const other = this.bySeq.get(seqKey);
    if (other === undefined) this.bySeq.set(seqKey, key);
    return other;
  }

  /** Puts `r`'s tombstone in its place, if `r` is the record held under `key`. */
  bury(key: string, r: RecordContent, tombstone: Tombstone): void {
    if (this.byKey.get(key) === r) this.byKey.set(key, tombstone);
  }

  /** Forgets `r` if it is the record held under `key` (not the other side of a fork). */
  forget(key: string, r: RecordContent): boolean {
    if (this.byKey.get(key) !== r) return false;
    this.byKey.delete(key);
    const seqKey = `${r.author}#${r.seq}`;
    if (this.bySeq.get(seqKey) === key) this.bySeq.delete(seqKey);
    return true;
  }

  /** The next sequence number for `author` (one more than any of theirs seen). */
  nextSeq(author: string): number {
    return (this.maxSeq.get(author) ?? 0) + 1;
  }

  /** The highest of `author`'s sequence numbers held with none missing below it. */
  seenUpTo(author: string): number {
    const seqs = new Set<number>();
    for (const r of this.byKey.values()) if (r.author === author) seqs.add(r.seq);
    let n = 0;
    while (seqs.has(n + 1)) n++;
    return n;
  }
}
