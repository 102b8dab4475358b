import type { Report } from '../../../src-shared/circle/report-desk';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { answeredSince } from './reportText';

interface ReportAnswerNoticeProps {
  mine: readonly Report[];
  /** Answers at or before this time (ms) were seen already. */
  seenAt: number;
  onOpen: () => void;
  onDismiss: () => void;
}

/** Tells the reporter, in the app and nowhere else, that a facilitator answered their report. */
export function ReportAnswerNotice({ mine, seenAt, onOpen, onDismiss }: ReportAnswerNoticeProps) {
  const count = answeredSince(mine, seenAt);
  return (
    <div role="status" data-testid="report-answer-notice" data-count={count}>
      {count > 0 ? (
        <Banner tone="info">
          <div className="facilitation-notices__row">
            <p>
              {count === 1
                ? 'A facilitator has looked at your report.'
                : `Facilitators have looked at ${count} of your reports.`}{' '}
              Thank you for looking out for the circle.
            </p>
            <Button onClick={onOpen} data-testid="report-answer-open">
              See what happened
            </Button>
            <Button variant="quiet" onClick={onDismiss}>
              Dismiss
            </Button>
          </div>
        </Banner>
      ) : null}
    </div>
  );
}
