// Decides which new messages, and which newcomers knocking, deserve a desktop notification.
// Pure: fed the circles' latest messages and waiting knocks on every app change, it answers with
// at most one notice per change. A blocked member's message is never one (issue 17: a block must
// not pull the person back to read them).

import type { CircleSummary, CircleView } from '../types';

export interface LatestMessage {
  readonly localId: string;
  readonly circleName: string;
  /** The newest message in that circle, or null for an empty circle. */
  readonly last: { id: string; author: string; text: string } | null;
  readonly myKey: string;
  /** Members this device blocked in that circle: what they write is never a notice. */
  readonly blocked: ReadonlySet<string>;
  /** Newcomers waiting for this device's facilitator to approve them (0 for members). */
  readonly knocks: number;
}

/** Where one open circle stands, as MessageWatch needs it. */
export function latestMessageOf(circle: CircleSummary, view: CircleView): LatestMessage {
  return {
    localId: circle.localId,
    circleName: circle.name,
    myKey: circle.myKey,
    blocked: view.blocked,
    last: view.messages.at(-1) ?? null,
    knocks: view.knocks.length,
  };
}

/** What a facilitator is told when someone knocks: no name, whatever the preview setting. */
export const KNOCK_NOTICE = 'Someone is asking to join. You can let them in from the circle.';

export interface Notice {
  readonly circleName: string;
  readonly text: string;
}

/** Quiet period between notifications, so a burst of catch-up history makes one, not hundreds. */
export const NOTICE_GAP_MS = 5_000;

export class MessageWatch {
  private readonly seen = new Map<string, string | null>();
  private readonly knocksSeen = new Map<string, number>();
  private lastNoticeAt = -Infinity;

  /**
   * The notices for what changed since the last call. The first sight of a circle (at unlock,
   * or a circle just joined) only records where it stands: old history is not news.
   */
  update(circles: readonly LatestMessage[], now: number): Notice[] {
    const notices: Notice[] = [];
    for (const circle of circles) {
      const knocksBefore = this.knocksSeen.get(circle.localId) ?? 0;
      this.knocksSeen.set(circle.localId, circle.knocks);
      if (circle.knocks > knocksBefore)
        notices.push({ circleName: circle.circleName, text: KNOCK_NOTICE });
      const lastId = circle.last?.id ?? null;
      const known = this.seen.has(circle.localId);
      const before = this.seen.get(circle.localId);
      this.seen.set(circle.localId, lastId);
      if (
        !known ||
        lastId === before ||
        circle.last === null ||
        circle.last.author === circle.myKey ||
        circle.blocked.has(circle.last.author)
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
    this.knocksSeen.clear();
  }
}
