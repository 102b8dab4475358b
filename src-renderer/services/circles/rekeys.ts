// Starting new epochs (docs/ARCHITECTURE.md "Epochs"). A rekey seals new keys to every member
// now, written under the current keys; each member's own lockbox then moves it to the new room
// (epoch-follower.ts). A facilitator rekeys at once after removing someone, and also, after a
// short wait, whenever someone who left or was removed still holds the current keys (they left
// on their own, or a rekey raced with the removal), or a member admitted at the same time as the
// last rekey has no lockbox in it: the wait, longer for juniors, means usually one facilitator
// writes it, and two concurrent rekeys are resolved by the ledger anyway.
import { draftRekeyBody } from '../../../src-shared/circle/founding';
import type { CircleLedger } from '../../../src-shared/circle/ledger';
import { generateEpochKeys, randomId } from '../../../src-shared/crypto/keys';
import type { RecordOf } from '../../../src-shared/records/schema';

const REKEY_DELAY_MS = 1_500;

export class Rekeys {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly ledger: CircleLedger,
    private readonly myKey: string,
    /** Drafts (with `id`), seals and appends the rekey record. */
    private readonly write: (body: RecordOf<'rekey'>['body'], id: string) => void,
  ) {}

  /** Starts the next epoch now. */
  now(): void {
    const chain = this.ledger.epochs;
    const keys = generateEpochKeys(chain.length + 1);
    const id = randomId();
    const body = draftRekeyBody(
      this.ledger.circleId,
      id,
      keys,
      chain[chain.length - 1]?.hash ?? this.ledger.genesisHash,
      [...this.ledger.members.keys()],
    );
    this.write(body, id);
  }

  /** Rekeys after a wait if a departed member still holds the keys and we facilitate. */
  ifNeeded(): void {
    if (this.stopped || this.timer || !this.needed()) return;
    const rank = this.ledger.members.get(this.myKey)?.rank ?? 0;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        try {
          if (!this.stopped && this.needed()) this.now();
        } catch (e) {
          // A timer has nobody to tell; the next change looks again.
          console.warn(
            'Hearth could not start a new epoch:',
            e instanceof Error ? e.name : 'unknown',
          );
        }
      },
      REKEY_DELAY_MS * (1 + rank) + Math.random() * REKEY_DELAY_MS,
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** We facilitate, and someone gone still holds the keys, or a member lacks them. */
  private needed(): boolean {
    return (
      this.ledger.isFacilitator(this.myKey) &&
      (this.ledger.departedKeyHolders.length > 0 || this.ledger.membersMissingKeys.length > 0)
    );
  }
}
