// The messages of a circle in display order, the same on every peer, handed to React as
// snapshots that cost no copy (ListSnapshot). Which messages belong here is the ledger's call.
import { ListSnapshot } from '../list-snapshot';
import type { MessageRef, WarningTopic } from '../records/schema';

export interface ChatMessage {
  id: string;
  author: string;
  ts: number;
  text: string;
  /** The topic of the writer's content warning, if any: shown covered until opened. */
  warning?: WarningTopic;
  /** The message this one answers, by author and id: readers quote it from their own timeline. */
  replyTo?: MessageRef;
  /** Hidden by a facilitator: members see that it was, facilitators may open it. */
  hidden?: { by: string; reason: string };
  /** Its author changed the text (the text and warning here are the latest edit's). */
  edited?: true;
  /** Its author deleted it: `text` is empty, and nothing of it is kept on this device. */
  deleted?: true;
}

/** Orders messages the same way on every peer: time, then id as a tie-break. */
export const compareMessages = (a: ChatMessage, b: ChatMessage): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class MessageTimeline {
  /** Grows at the end; a reorder makes a new array, so no item below an earlier length ever changes (ListSnapshot relies on it). */
  private list: ChatMessage[] = [];
  /** How much of `list` is known to be in order. */
  private orderedUpTo = 0;
  private lastSnapshot: ListSnapshot<ChatMessage> | null = null;

  /** Messages in display order once `settle` has run; read-only, replaced (never changed below its length) on a reorder. */
  get messages(): readonly ChatMessage[] {
    return this.list;
  }

  /** Adds a message at the end; the order is restored by `settle`, once per batch. */
  add(message: ChatMessage): void {
    this.list.push(message);
  }

  /**
   * Takes messages out (their author's records turned out void: removed before them, or signed
   * twice). A new array, so snapshots of the old one stay what they were.
   */
  remove(gone: ReadonlySet<ChatMessage>): void {
    if (gone.size === 0) return;
    this.settle();
    this.list = this.list.filter((m) => !gone.has(m));
    this.orderedUpTo = this.list.length;
  }

  /** Restores display order after a batch of `add`s: free when they came in order, a sort into a new array when not. */
  settle(): void {
    const list = this.list;
    if (this.orderedUpTo === list.length) return;
    let sorted = true;
    for (let i = Math.max(1, this.orderedUpTo); i < list.length; i++) {
      if (compareMessages(list[i - 1]!, list[i]!) > 0) {
        sorted = false;
        break;
      }
    }
    // A new array, not a sort in place: snapshots of the old one stay what they were.
    if (!sorted) this.list = list.slice().sort(compareMessages);
    this.orderedUpTo = this.list.length;
  }

  /** The messages as they are now, without a copy; the same object until they change. */
  snapshot(): ListSnapshot<ChatMessage> {
    const now = ListSnapshot.of(this.list);
    if (!this.lastSnapshot?.sameAs(now)) this.lastSnapshot = now;
    return this.lastSnapshot;
  }
}
