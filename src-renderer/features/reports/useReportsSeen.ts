import { useCallback, useState } from 'react';
import type { ReportsView } from '../../../src-shared/circle/report-desk';
import type { CircleView } from '../../services/types';

/**
 * When this person last looked at the answers to their reports, per circle. In memory only, for
 * this run of the app: on disk, even a time would say that they reported someone.
 */
const seen = new Map<string, number>();

/** The time answers were last seen in circle `localId`, and a way to mark them seen now. */
export function useReportsSeen(localId: string) {
  const [seenAt, setSeenAt] = useState(() => seen.get(localId) ?? 0);
  const dismiss = useCallback(() => {
    const now = Date.now();
    seen.set(localId, now);
    setSeenAt(now);
  }, [localId]);
  return { seenAt: seen.get(localId) ?? seenAt, dismiss };
}

/** Reports sent to this facilitator that nobody has answered yet. */
export const openInbox = (reports: ReportsView): number =>
  reports.inbox.filter((r) => r.outcome === null).length;

/**
 * What the header's Reports button shows: for a facilitator, the reports waiting for an answer;
 * null (no button) for a member who has sent none.
 */
export function reportCount(view: CircleView, facilitator: boolean): number | null {
  if (!facilitator && view.reports.mine.length === 0 && view.reports.inbox.length === 0)
    return null;
  return openInbox(view.reports);
}
