import type { FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { ChatMessage } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { ReasonField, useReason } from './ReasonField';
import { useAction } from './useAction';
import { SubmitActions } from '../../ui/SubmitActions';

interface HideMessageDialogProps {
  localId: string;
  message: ChatMessage;
  authorName: string;
  onClose: () => void;
}

/** Hides a message from members (or shows it again), with a reason for the facilitators' log. */
export function HideMessageDialog({
  localId,
  message,
  authorName,
  onClose,
}: HideMessageDialogProps) {
  const app = useHearth();
  const hiding = !message.hidden;
  const reason = useReason();
  const action = useAction('That did not work just now. Please try again.');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.take();
    if (text === null) return;
    const done = await action.run('moderate', () =>
      hiding
        ? app.hideMessage(localId, message.author, message.id, text)
        : app.showMessage(localId, message.author, message.id, text),
    );
    if (done) onClose();
  };

  return (
    <Dialog
      title={hiding ? `Hide ${authorName}'s message?` : `Show ${authorName}'s message again?`}
      onClose={onClose}
    >
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          {hiding
            ? 'Members will see that a facilitator hid it, not what it said. Facilitators can still read it, and you can show it again later.'
            : 'Everyone in the circle will see it again.'}
        </p>
        <blockquote className="moderation__quote">{message.text}</blockquote>
        <ReasonField state={reason} testId="moderation-reason" />
        <Alert message={action.error} />
        <SubmitActions
          label={hiding ? 'Hide message' : 'Show message again'}
          busy={action.running !== null}
          onCancel={onClose}
          testId="moderation-confirm"
        />
      </form>
    </Dialog>
  );
}
