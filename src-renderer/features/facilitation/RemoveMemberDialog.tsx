import { useState, type FormEvent } from 'react';
import { MAX_REASON_CHARS } from '../../../src-shared/records/schema';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextArea } from '../../ui/TextArea';
import { badgeFor } from '../chat/badge';
import { useAction } from './useAction';

interface RemoveMemberDialogProps {
  localId: string;
  circleName: string;
  member: Member;
  onClose: () => void;
}

/** Takes a member out of the circle, with a reason for the facilitators' log. */
export function RemoveMemberDialog({
  localId,
  circleName,
  member,
  onClose,
}: RemoveMemberDialogProps) {
  const app = useHearth();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const remove = useAction(
    `${member.displayName} could not be removed just now. Please try again.`,
  );
  const name = member.displayName;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setReasonError('Please write a short reason. It helps the other facilitators understand.');
      return;
    }
    setReasonError(null);
    if (await remove.run('remove', () => app.removeMember(localId, member.key, text))) onClose();
  };

  return (
    <Dialog title={`Remove ${name} from ${circleName}?`} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          {name} (badge {badgeFor(member.key)}) will no longer be part of the circle. The circle
          then gets new keys, so {name} cannot read anything written afterwards. What they already
          had stays on their device, and their app tells them calmly that they are no longer in the
          circle.
        </p>
        <TextArea
          label="Reason"
          hint="Kept in the facilitators' log, which only facilitators see."
          rows={3}
          required
          maxLength={MAX_REASON_CHARS}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={reasonError}
          data-testid="remove-reason"
        />
        <Alert message={remove.error} />
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            disabled={remove.running !== null}
            data-testid="remove-confirm"
          >
            Remove {name}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
