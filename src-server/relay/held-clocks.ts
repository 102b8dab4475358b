// What a relay holds durably in one room, as the state vector its claim signs (relay-claim.ts):
// client -> next clock, in the order the clients were last written to, so that a claim, which
// carries only the newest writers, names the ones members are waiting to hear about.
import * as Y from 'yjs';

export class HeldClocks {
  private readonly clocks = new Map<number, number>();

  /** Starts from a loaded document: everything in it was read from disk. */
  static of(doc: Y.Doc): HeldClocks {
    const held = new HeldClocks();
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc)))
      held.clocks.set(client, clock);
    return held;
  }

  /**
   * Counts `update` as held. Call it only once the update is on disk, and only for a document
   * update (never a peer's raw message): its clients' earlier clocks are then on disk already.
   */
  cover(update: Uint8Array): void {
    for (const [client, to] of Y.parseUpdateMeta(update).to) {
      const before = this.clocks.get(client) ?? 0;
      this.clocks.delete(client);
      this.clocks.set(client, Math.max(before, to));
    }
  }

  /** The clocks, oldest-written client first. */
  get map(): ReadonlyMap<number, number> {
    return this.clocks;
  }
}
