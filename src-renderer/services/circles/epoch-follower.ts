// Following the circle's epochs (docs/ARCHITECTURE.md "Epochs"): each rekey the ledger accepts
// may hold a lockbox for us; opened, its keys go into the keyring, and the keys of the newest
// epoch on the ledger's winning chain become the ones we write with and whose room we join.
// Keys from a lockbox are used only if they match the rekey's commitment (openLockbox checks).
import type { EpochKeyring } from '../../../src-shared/circle/epoch-keyring';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import type { EpochKeys, MemberKeys } from '../../../src-shared/crypto/keys';
import { epochKeyCommitment, openLockbox } from '../../../src-shared/crypto/lockbox';

export class EpochFollower {
  /** Rekeys already looked at, by hash. */
  private readonly seen = new Set<string>();
  /** What the last call looked at: the same arrays mean nothing changed (they are replaced, never changed in place). */
  private last: { rekeys: unknown; epochs: unknown; keys: unknown } | null = null;

  constructor(
    private readonly ledger: CircleLedger,
    private readonly keyring: EpochKeyring,
    private readonly me: { key: string; keys: MemberKeys },
  ) {}

  /**
   * Opens lockboxes of rekeys not looked at yet and chooses the current keys. Returns whether
   * keys were added and whether the current keys changed.
   */
  follow(): { added: boolean; moved: boolean } {
    // Called after every batch of records, most of them messages: without a new rekey, chain or
    // key there is nothing to open or choose, and no commitment to hash again.
    const now = {
      rekeys: this.ledger.rekeys,
      epochs: this.ledger.epochs,
      keys: this.keyring.contentKeys,
    };
    const last = this.last;
    if (last && last.rekeys === now.rekeys && last.epochs === now.epochs && last.keys === now.keys)
      return { added: false, moved: false };
    // Before any key is added: adding a newer epoch's keys makes them current at once.
    const before = this.keyring.current;
    let added = false;
    for (const rekey of this.ledger.rekeys) {
      if (this.seen.has(rekey.hash)) continue;
      this.seen.add(rekey.hash);
      const body = rekey.record.body;
      const box = body.lockboxes.find((b) => b.to === this.me.key);
      if (!box) continue;
      const keys = openLockbox(
        { ephemeral: body.ephemeral, box: box.box },
        this.me.keys,
        { circleId: this.ledger.circleId, epoch: body.epoch, rekeyId: rekey.record.id },
        body.keyCommitment,
      );
      if (keys && this.keyring.add(keys) !== 'known') added = true;
    }
    const winner = this.newestWinningKeys();
    if (winner) this.keyring.choose(winner);
    this.last = {
      rekeys: this.ledger.rekeys,
      epochs: this.ledger.epochs,
      keys: this.keyring.contentKeys,
    };
    return { added, moved: this.keyring.current !== before };
  }

  /** The held keys of the newest epoch on the winning chain (epoch 0 when there is no rekey yet). */
  private newestWinningKeys(): EpochKeys | null {
    const chain = this.ledger.epochs;
    const held = new Map(this.keyring.all().map((k) => [epochKeyCommitment(k), k]));
    for (let i = chain.length - 1; i >= 0; i--) {
      const keys = held.get(chain[i]!.record.body.keyCommitment);
      if (keys) return keys;
    }
    return held.get(this.ledger.info.keyCommitment) ?? null;
  }
}
