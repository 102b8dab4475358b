// Read markers: up to which message each circle has been read, and which circle is on screen in
// a visible window (what arrives there is read as it arrives). Unread counts (unread.ts) are
// counted from these markers.
import type { ReadableList } from '../../../src-shared/list-snapshot';
import type { ChatMessage } from '../types';
import { newestUpTo } from './unread';

export class ReadMarkers {
  private readonly lastRead = new Map<string, number>();
  /** The circle on screen in a visible window. */
  private viewing: string | null = null;

  constructor(
    /** A circle's messages in display order (empty when it is not open). */
    private readonly messagesOf: (localId: string) => ReadableList<ChatMessage>,
  ) {}

  /** Each circle's marker: the time of the newest message read. */
  get marks(): ReadonlyMap<string, number> {
    return this.lastRead;
  }

  /** Moves the circle's marker to its newest message; false if it was there already. */
  advance(localId: string): boolean {
    const last = newestUpTo(this.messagesOf(localId), Date.now());
    if ((this.lastRead.get(localId) ?? 0) >= last) return false;
    this.lastRead.set(localId, last);
    return true;
  }

  /** Moves the marker of the circle on screen, if any. */
  advanceViewing(): void {
    if (this.viewing) this.advance(this.viewing);
  }

  /** Notes that `localId` is on screen, until the returned function is called. */
  view(localId: string): () => void {
    this.viewing = localId;
    return () => {
      if (this.viewing === localId) this.viewing = null;
    };
  }

  forget(localId: string): void {
    this.lastRead.delete(localId);
  }

  clear(): void {
    this.lastRead.clear();
  }
}
