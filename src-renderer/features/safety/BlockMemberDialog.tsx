import type { FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { badgeFor } from '../chat/badge';
import { useAction } from '../facilitation/useAction';

interface BlockMemberDialogProps {
  localId: string;
  member: Member;
  /** Whether the member is blocked now (live): after a save that failed, the block still holds. */
  blocked: boolean;
  onClose: () => void;
}

/**
 * Asks before blocking, and says plainly what a block is: their messages covered on this device
 * only; nobody is told; it can be undone; Report is the way to tell facilitators about harm.
 */
export function BlockMemberDialog({ localId, member, blocked, onClose }: BlockMemberDialogProps) {
  const app = useHearth();
  const action = useAction('Blocking did not work just now. Please try again.');
  const name = member.displayName;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run('block', () => app.blockMember(localId, member.key))) onClose();
  };

  return (
    <Dialog title={`Block ${name}?`} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          Messages from {name} (badge {badgeFor(member.key)}) will be hidden on this device only.
          Each one shows as a quiet line that you can open if you choose, and none of them brings a
          notification or counts as unread.
        </p>
        <p>
          {name} is not told, and neither are the facilitators. Nothing is sent to anyone. You can
          unblock {name} at any time from the member list.
        </p>
        {member.role === 'facilitator' ? (
          <p>
            {name} is a facilitator. Blocking changes only what you see: what they do as a
            facilitator still applies.
          </p>
        ) : null}
        <p>
          If {name} has hurt you or someone else, you can also tell the facilitators with Report.
        </p>
        <Alert message={action.error} testId="block-error" />
        <div className="actions">
          {blocked ? (
            <Button variant="primary" onClick={onClose} data-testid="block-done">
              Close
            </Button>
          ) : (
            <>
              <Button
                type="submit"
                variant="primary"
                disabled={action.running !== null}
                data-testid="block-confirm"
              >
                Block {name}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
