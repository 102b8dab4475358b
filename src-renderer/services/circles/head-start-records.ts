// A session's head start, both ways (head-start.ts): the index of what we hand a newcomer we
// admit, and the records our own welcome gave us that the circle's log has not brought (yet).
// Whatever a member shows a newcomer, every member must be able to see (and moderate): after the
// first sync with a peer, those still missing are added to the log.
import { HeadStartIndex, type HeadStartFor } from '../../../src-shared/circle/head-start';
import type { RecordContent } from '../../../src-shared/records/schema';
import { envelopeKey } from '../../../src-shared/records/seal';

export class HeadStartRecords {
  private readonly index = new HeadStartIndex();
  /** Our welcome's records not seen in the log, by envelope key. */
  private readonly unconfirmed = new Map<string, Uint8Array>();

  /** Remembers a judged record (its sealed bytes if known: the store keeps only the record). */
  note(key: string, record: RecordContent, sealed: Uint8Array | null = null): void {
    this.index.note(key, record, sealed);
  }

  /** An envelope judged on an earlier run, met in the log: its bytes can now be handed out. */
  seen(key: string, sealed: Uint8Array): void {
    if (this.index.wants(key)) this.index.attach(key, sealed);
  }

  /** What a newcomer gets in its welcome: membership, then the newest messages. */
  bundle(to: HeadStartFor): Uint8Array[] {
    return this.index.bundle(to);
  }

  /** The sealed rekeys and promotions that prove a welcome's keys, and `newcomer`'s admission with its invite. */
  chain(newcomer?: string): Uint8Array[] {
    return this.index.chain(newcomer);
  }

  /** Membership envelopes by envelope key, for the handover rooms. */
  membershipEnvelopes(): Map<string, Uint8Array> {
    return this.index.membershipEnvelopes();
  }

  /** Changes when a membership record is noted. */
  get membershipCount(): number {
    return this.index.membershipCount;
  }

  /** Our welcome's records, to be confirmed by the log. */
  welcomed(records: readonly Uint8Array[]): void {
    for (const sealed of records) {
      const key = envelopeKey(sealed);
      if (key !== null) this.unconfirmed.set(key, sealed);
    }
  }

  /** Envelopes the log holds: no need to add them. */
  confirm(keys: readonly (string | null)[]): void {
    if (this.unconfirmed.size === 0) return;
    for (const k of keys) if (k !== null) this.unconfirmed.delete(k);
  }

  /** Forgets records (by author/id) whose text their author deleted: never handed out again. */
  forget(records: ReadonlySet<string>): void {
    this.index.forget(records);
  }

  /** Envelopes that did not open: nothing to pass on, every peer would drop them too. */
  drop(keys: readonly string[]): void {
    if (this.unconfirmed.size === 0) return;
    for (const k of keys) this.unconfirmed.delete(k);
  }

  /** Takes the welcome's records the log has not brought, to add them to it. */
  takeUnconfirmed(): Uint8Array[] {
    const missing = [...this.unconfirmed.values()];
    this.unconfirmed.clear();
    return missing;
  }
}
