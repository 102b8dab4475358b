import { useMemo } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Report, ReportsView } from '../../../src-shared/circle/report-desk';
import type { ReportOutcome } from '../../../src-shared/records/private-note';
import type { ChatMessage, CircleView } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../chat/format';
import { useAction } from '../facilitation/useAction';
import { CONCERN_LABELS, outcomeForFacilitators, outcomeForReporter } from './reportText';
import './reports.css';
import { MemberName } from '../chat/MemberName';

interface ReportsDialogProps {
  localId: string;
  reports: ReportsView;
  people: CircleView['people'];
  messages: CircleView['messages'];
  /** A facilitator now: may answer the reports sealed to them. */
  canAnswer: boolean;
  onClose: () => void;
}

/** Reports sent to this member as a facilitator (to answer), and the ones they sent (with what became of them). */
export function ReportsDialog({
  localId,
  reports,
  people,
  messages,
  canAnswer,
  onClose,
}: ReportsDialogProps) {
  const nameOf = (key: string) => people.get(key)?.displayName ?? 'Someone who left';
  // Only the reported messages are looked up, once per change of the list.
  const reported = useMemo(() => {
    const wanted = new Set(
      reports.inbox.flatMap((r) =>
        r.about.message ? [`${r.about.member}/${r.about.message}`] : [],
      ),
    );
    const found = new Map<string, ChatMessage>();
    if (wanted.size === 0) return found;
    for (const m of messages)
      if (wanted.has(`${m.author}/${m.id}`)) found.set(`${m.author}/${m.id}`, m);
    return found;
  }, [reports.inbox, messages]);

  return (
    <Dialog title="Reports" onClose={onClose}>
      <div className="stack">
        {canAnswer || reports.inbox.length > 0 ? (
          <section aria-labelledby="reports-inbox" className="stack">
            <h3 id="reports-inbox">Sent to you as a facilitator</h3>
            <p className="reports__note">
              Only facilitators can read these. The person who reported is told only whether you
              acted on it or reviewed it, never who answered or what was done.
            </p>
            {reports.inbox.length === 0 ? (
              <p data-testid="reports-inbox-empty">No reports. That is good news.</p>
            ) : (
              <ul className="reports__list" data-testid="reports-inbox">
                {reports.inbox.map((r) => (
                  <li key={r.id}>
                    <InboxReport
                      localId={localId}
                      report={r}
                      nameOf={nameOf}
                      message={
                        r.about.message
                          ? (reported.get(`${r.about.member}/${r.about.message}`) ?? null)
                          : null
                      }
                      canAnswer={canAnswer}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
        <section aria-labelledby="reports-mine" className="stack">
          <h3 id="reports-mine">Your reports</h3>
          {reports.mine.length === 0 ? (
            <p data-testid="reports-mine-empty">
              You have not sent any. To report a message or a person, use “Report…” beside it.
            </p>
          ) : (
            <ul className="reports__list" data-testid="reports-mine">
              {reports.mine.map((r) => (
                <li key={r.id} className="report" data-testid="my-report">
                  <p className="report__title">
                    About {nameOf(r.about.member)}
                    {r.about.message ? "'s message" : ''}: {CONCERN_LABELS[r.concern]}
                  </p>
                  <p className="report__meta">Sent {formatDateTime(r.ts)}</p>
                  <p className="report__status" data-testid="my-report-status">
                    {outcomeForReporter(r)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Dialog>
  );
}

function InboxReport({
  localId,
  report,
  nameOf,
  message,
  canAnswer,
}: {
  localId: string;
  report: Report;
  nameOf: (key: string) => string;
  message: ChatMessage | null;
  canAnswer: boolean;
}) {
  const app = useHearth();
  const action = useAction('That did not work just now. Please try again.');
  const answer = (outcome: ReportOutcome) =>
    void action.run(outcome, () => app.answerReport(localId, report.id, outcome));
  const subject = nameOf(report.about.member);
  return (
    <article className="report" data-testid="inbox-report">
      <p className="report__title">
        About {subject}
        {report.about.message ? "'s message" : ''}: {CONCERN_LABELS[report.concern]}
      </p>
      <p className="report__meta">
        From <MemberName name={nameOf(report.reporter)} memberKey={report.reporter} avatar />,{' '}
        {formatDateTime(report.ts)}
      </p>
      {report.about.message ? (
        <blockquote className="moderation__quote" data-testid="inbox-report-message">
          {message ? message.text : 'This message is not on this device.'}
        </blockquote>
      ) : null}
      {report.details ? (
        <p className="report__details" data-testid="inbox-report-details">
          {report.details}
        </p>
      ) : null}
      <p className="report__status" data-testid="inbox-report-status">
        {outcomeForFacilitators(report, nameOf)}
      </p>
      {canAnswer ? (
        <div className="actions">
          <Button
            onClick={() => answer('acted')}
            disabled={action.running !== null}
            data-testid="report-acted"
          >
            Mark as acted on
          </Button>
          <Button
            onClick={() => answer('reviewed')}
            disabled={action.running !== null}
            data-testid="report-reviewed"
          >
            Mark as reviewed
          </Button>
        </div>
      ) : null}
      <Alert message={action.error} />
    </article>
  );
}
