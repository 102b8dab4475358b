// Edits and deletes of messages (docs/ARCHITECTURE.md "Membership"), kept by the message they
// name. A change names its target by id within its own author's records (author/id is a record's
// identity), so nobody can edit or delete another member's message: such a change names nothing.
// Every change waits for its target, in whatever order they arrive; an edit whose target never
// comes (or is not a message) never shows. Which edit counts is the message book's call: the
// valid one with the author's highest seq, the same on every peer.
import type { RecordOf } from '../records/schema';

export type MessageChange = RecordOf<'edit'> | RecordOf<'delete'>;
/** A record the message book takes: a message, or a change to one. */
export type BookRecord = RecordOf<'message'> | MessageChange;

/** The author/id key of the message a change names. */
export const targetOf = (r: MessageChange): string => `${r.author}/${r.body.target}`;

export class MessageChanges {
  private readonly edits = new Map<string, RecordOf<'edit'>[]>();
  private readonly deletes = new Set<string>();

  /** Notes a change; returns the key of the message it names. */
  add(r: MessageChange): string {
    const target = targetOf(r);
    if (r.kind === 'delete') this.deletes.add(target);
    else if (!this.deletes.has(target)) {
      const list = this.edits.get(target);
      if (list) list.push(r);
      else this.edits.set(target, [r]);
    }
    return target;
  }

  /** Whether the message under `key` (author/id) was deleted by its author. */
  isDeleted(key: string): boolean {
    return this.deletes.has(key);
  }

  /** The edit of `key` that counts: among those `valid` says count, the highest seq. */
  latestEdit(key: string, valid: (r: RecordOf<'edit'>) => boolean): RecordOf<'edit'> | undefined {
    let best: RecordOf<'edit'> | undefined;
    for (const e of this.edits.get(key) ?? [])
      if (valid(e) && (!best || e.seq > best.seq)) best = e;
    return best;
  }

  /** Forgets the edits of a deleted message and returns them, so their text goes too. */
  takeEdits(key: string): RecordOf<'edit'>[] {
    const list = this.edits.get(key) ?? [];
    this.edits.delete(key);
    return list;
  }
}
