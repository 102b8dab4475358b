// Where a record of ours stands in a circle's history: our next sequence number, the membership
// records we have seen last, and a time that strictly increases and is never earlier than what
// those name (peers refuse a record that goes back in time).
import { draftRecord, type Authoring } from '../../../src-shared/circle/founding';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import type { MemberKeys } from '../../../src-shared/crypto/keys';
import type { RecordKind, RecordOf } from '../../../src-shared/records/schema';

export class RecordDrafter {
  private lastTs = 0;

  constructor(
    private readonly ledger: CircleLedger,
    private readonly myKey: string,
    /** The circle, the epoch we write in now, and our keys. */
    private readonly where: () => { circleId: string; epoch: number; keys: MemberKeys },
  ) {}

  /** A record of ours, drafted at our place in the circle's history now. */
  draft<K extends RecordKind>(kind: K, body: RecordOf<K>['body'], id?: string): RecordOf<K> {
    const who = this.authoring();
    this.lastTs = Math.max(Date.now(), this.lastTs + 1, this.ledger.tsFloor(who.prev));
    return draftRecord(who, kind, body, this.lastTs, id);
  }

  /** Who writes, where, and at which place in the history. */
  authoring(): Authoring {
    return {
      ...this.where(),
      seq: this.ledger.nextSeq(this.myKey),
      prev: this.ledger.prevForNew(),
    };
  }
}
