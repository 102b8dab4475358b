import { useState } from 'react';
import { messageKey } from '../../../src-shared/circle/moderation';
import { useHearth } from '../../app/HearthContext';
import { firstUnread } from '../../services/circles/unread';
import type { CircleView } from '../../services/types';

/** Where the circle's unread messages began when it was opened, and how many there were. */
export interface FirstUnread {
  /** The oldest unread message's row key: messageKey(author, id). */
  readonly key: string;
  readonly count: number;
}

/**
 * The first unread message as the circle opens, worked out once: reading moves the marker at
 * once, but the divider stays where the unread began until the person leaves the circle.
 * Must run before useMarkRead's effect moves the marker (it reads during the first render).
 */
export function useFirstUnread(localId: string, view: CircleView | null): FirstUnread | null {
  const app = useHearth();
  const [first] = useState<FirstUnread | null>(() => {
    if (view === null) return null;
    const count = app.circles().find((c) => c.localId === localId)?.unread ?? 0;
    // What was written before this member joined is history, not news (a newcomer starts at the newest).
    const since = view.members.get(view.myKey)?.since;
    const found = firstUnread(view.messages, count, view.myKey, Date.now(), view.blocked, since);
    const oldest = found && view.messages.at(found.index)!;
    return oldest ? { key: messageKey(oldest.author, oldest.id), count: found.count } : null;
  });
  return first;
}
