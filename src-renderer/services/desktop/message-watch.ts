// Decides which new messages deserve a desktop notification. Pure: fed the circles' latest
// messages on every app change, it answers with at most one notice per circle per change.

export interface LatestMessage {
  readonly localId: string;
  readonly circleName: string;
  /** The newest message in that circle, or null for an empty circle. */
  readonly last: { id: string; author: string; text: string } | null;
  readonly myKey: string;
}

export interface Notice {
  readonly circleName: string;
  readonly text: string;
}

/** Quiet period between notifications, so a burst of catch-up history makes one, not hundreds. */
export const NOTICE_GAP_MS = 5_000;

export class MessageWatch {
  private readonly seen = new Map<string, string | null>();
  private lastNoticeAt = -Infinity;

  /**
   * The notices for what changed since the last call. The first sight of a circle (at unlock,
   * or a circle just joined) only records where it stands: old history is not news.
   */
  update(circles: readonly LatestMessage[], now: number): Notice[] {
    const notices: Notice[] = [];
    for (const circle of circles) {
      const lastId = circle.last?.id ?? null;
      const known = this.seen.has(circle.localId);
      const before = this.seen.get(circle.localId);
      this.seen.set(circle.localId, lastId);
      if (
        !known ||
        lastId === before ||
        circle.last === null ||
        circle.last.author === circle.myKey
      )
        continue;
      notices.push({ circleName: circle.circleName, text: circle.last.text });
    }
    if (notices.length === 0 || now - this.lastNoticeAt < NOTICE_GAP_MS) return [];
    this.lastNoticeAt = now;
    return notices.slice(0, 1);
  }

  /** Forget everything (at lock): the next unlock starts fresh. */
  reset(): void {
    this.seen.clear();
  }
}
