// The words of reports: what a concern is called, and what the reporter is told became of it.
// The reporter learns only "acted on" or "reviewed", never who answered or what was done.
import type { Report } from '../../../src-shared/circle/report-desk';
import type { ReportConcern } from '../../../src-shared/records/private-note';

export const CONCERN_LABELS: Record<ReportConcern, string> = {
  'at-risk': 'Someone may be at risk of harm',
  unkind: 'Unkind, hurtful or harassing',
  unwanted: 'Spam, or something that does not belong here',
  other: 'Something else',
};

/** What became of a report, as its writer reads it. */
export function outcomeForReporter(report: Report): string {
  switch (report.outcome?.outcome) {
    case undefined:
      return 'Sent. A facilitator has not looked at it yet.';
    case 'reviewed':
      return 'A facilitator reviewed it.';
    case 'acted':
      return 'A facilitator acted on it.';
  }
}

/** What became of a report, as facilitators read it (they see who answered). */
export function outcomeForFacilitators(report: Report, nameOf: (key: string) => string): string {
  const o = report.outcome;
  if (!o) return 'Open: nobody has answered it yet.';
  const who = nameOf(o.by);
  return o.outcome === 'acted' ? `Acted on, by ${who}.` : `Reviewed, by ${who}.`;
}

/** Reports this member sent whose answer came after `seenAt` (ms), for a gentle notice. */
export function answeredSince(mine: readonly Report[], seenAt: number): number {
  return mine.filter((r) => r.outcome !== null && r.outcome.at > seenAt).length;
}
