import { useId, useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import {
  MAX_REPORT_DETAILS_CHARS,
  REPORT_CONCERNS,
  type ReportConcern,
} from '../../../src-shared/records/private-note';
import type { ChatMessage } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextArea } from '../../ui/TextArea';
import { useAction } from '../facilitation/useAction';
import { CONCERN_LABELS } from './reportText';
import './reports.css';
import { SubmitActions } from '../../ui/SubmitActions';

interface ReportDialogProps {
  localId: string;
  /** The member reported, with their name as shown here. */
  member: { key: string; name: string };
  /** The message reported, or null for a report about the member. */
  message: ChatMessage | null;
  onClose: () => void;
}

/**
 * Sends a private report to the circle's facilitators. Says plainly who can read it (the
 * facilitators, not the person reported, not other members) and what the reporter will be told.
 */
export function ReportDialog({ localId, member, message, onClose }: ReportDialogProps) {
  const app = useHearth();
  const [concern, setConcern] = useState<ReportConcern | null>(null);
  const [details, setDetails] = useState('');
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState(false);
  const action = useAction('The report could not be sent just now. Please try again.');
  const groupName = useId();
  const legendId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!concern) {
      setMissing(true);
      return;
    }
    const about = { member: member.key, message: message?.id ?? null };
    const done = await action.run('report', () => app.sendReport(localId, about, concern, details));
    if (done) setSent(true);
  };

  const title = message ? `Report ${member.name}'s message` : `Report ${member.name}`;
  if (sent) {
    return (
      <Dialog title={title} onClose={onClose}>
        <div className="stack" role="status" data-testid="report-sent">
          <p>Thank you for telling the facilitators. Only they can read your report.</p>
          <p>You will see here, under Reports, when one of them has looked at it.</p>
          {concern === 'at-risk' ? <AtRiskLine /> : null}
          <div className="actions">
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          Only this circle's facilitators can read your report (if it is about a facilitator, only
          the others). They will see that it came from you. {member.name} and other members will not
          know that anyone reported.
        </p>
        {message ? <blockquote className="moderation__quote">{message.text}</blockquote> : null}
        <fieldset
          className="report-concerns"
          aria-labelledby={legendId}
          aria-invalid={missing && !concern}
        >
          <legend id={legendId} className="field__label">
            What worries you?
          </legend>
          {REPORT_CONCERNS.map((c) => (
            <label key={c} className="report-concern">
              <input
                type="radio"
                name={groupName}
                checked={concern === c}
                onChange={() => setConcern(c)}
                data-testid={`report-concern-${c}`}
              />
              <span>{CONCERN_LABELS[c]}</span>
            </label>
          ))}
        </fieldset>
        {missing && !concern ? <Alert message="Please choose what worries you." /> : null}
        <TextArea
          label="Anything the facilitators should know (optional)"
          value={details}
          maxLength={MAX_REPORT_DETAILS_CHARS}
          rows={3}
          onChange={(e) => setDetails(e.target.value)}
          data-testid="report-details"
        />
        {concern === 'at-risk' ? <AtRiskLine /> : null}
        <Alert message={action.error} />
        <SubmitActions
          label={'Send report'}
          busy={action.running !== null}
          onCancel={onClose}
          testId="report-send"
        />
      </form>
    </Dialog>
  );
}

/** Peer support cannot answer an emergency: the way to help that can is named. */
function AtRiskLine() {
  return (
    <p className="report-at-risk">
      If someone is in danger right now, emergency services can act faster than the circle. “Get
      help” at the top of the window lists them for your region.
    </p>
  );
}
