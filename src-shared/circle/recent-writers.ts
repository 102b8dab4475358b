// The writers (Yjs client ids) whose items a document took most recently, with what it holds of
// each: what a member's presence claim and a relay's claim carry, so that a writer can tell its
// message reached another device (presence.ts, relay-claim.ts). Read from each transaction's
// before and after state vectors, which Yjs keeps anyway: no update is parsed again.
import type * as Y from 'yjs';
import { MAX_HELD_CLIENTS } from './presence';

export class RecentWriters {
  /** Client ids in the order they last wrote (a Map keeps insertion order). */
  private readonly order = new Map<number, number>();
  private readonly onTransaction: (tr: Y.Transaction) => void;

  constructor(
    private readonly doc: Y.Doc,
    /** Called after a transaction that did not start here (a peer's update) added items. */
    onRemote: () => void = () => {},
  ) {
    this.onTransaction = (tr) => {
      let grew = false;
      // forEach, not for-of: a document of many writers (a flood brings thousands of client ids)
      // would allocate an entry pair per writer per transaction.
      tr.afterState.forEach((clock, client) => {
        if (clock === (tr.beforeState.get(client) ?? 0)) return;
        this.order.delete(client);
        this.order.set(client, clock);
        grew = true;
      });
      while (this.order.size > MAX_HELD_CLIENTS)
        this.order.delete(this.order.keys().next().value as number);
      if (grew && !tr.local) onRemote();
    };
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Client id -> next clock held, for the most recent writers, oldest first. */
  held(): Map<number, number> {
    return new Map(this.order);
  }

  stop(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }
}
