import type { FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { badgeFor } from '../chat/badge';
import { ReasonField, useReason } from './ReasonField';
import { useAction } from './useAction';
import { SubmitActions } from '../../ui/SubmitActions';

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
  const reason = useReason();
  const remove = useAction(
    `${member.displayName} could not be removed just now. Please try again.`,
  );
  const name = member.displayName;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.take();
    if (text === null) return;
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
        <ReasonField state={reason} testId="remove-reason" />
        <Alert message={remove.error} />
        <SubmitActions
          label={`Remove ${name}`}
          busy={remove.running !== null}
          onCancel={onClose}
          testId="remove-confirm"
        />
      </form>
    </Dialog>
  );
}
