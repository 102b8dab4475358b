import { useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/SelectField';
import { badgeFor } from '../chat/badge';
import { needsSuccessor, successorChoices } from './permissions';
import { useAction } from './useAction';

interface LeaveDialogProps {
  localId: string;
  circleName: string;
  members: ReadonlyMap<string, Member>;
  myKey: string;
  onClose: () => void;
  /** The circle's history was deleted from this device: there is nothing left to show. */
  onWiped: () => void;
}

/**
 * Leaving a circle, with the choice to delete its history here. The circle's only facilitator
 * names who facilitates next first, so the others are never left without one.
 */
export function LeaveDialog({
  localId,
  circleName,
  members,
  myKey,
  onClose,
  onWiped,
}: LeaveDialogProps) {
  const app = useHearth();
  const [wipe, setWipe] = useState(false);
  const [successor, setSuccessor] = useState('');
  const [successorError, setSuccessorError] = useState<string | null>(null);
  const leave = useAction('Leaving did not go through just now. Please try again.');
  const askSuccessor = needsSuccessor(members, myKey);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (askSuccessor && !members.has(successor)) {
      setSuccessorError('Please choose who facilitates the circle after you.');
      return;
    }
    setSuccessorError(null);
    const options = askSuccessor ? { wipe, successor } : { wipe };
    if (!(await leave.run('leave', () => app.leaveCircle(localId, options)))) return;
    if (wipe) onWiped();
    else onClose();
  };

  const choices = [
    { value: '', label: 'Choose a member' },
    ...successorChoices(members, myKey).map((m) => ({
      value: m.key,
      label: `${m.displayName} (badge ${badgeFor(m.key)})`,
    })),
  ];

  return (
    <Dialog title={`Leave ${circleName}?`} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          You will stop receiving messages from this circle, and the others will see that you left.{' '}
          {wipe
            ? 'Its history will be deleted from this device.'
            : 'What you already have stays on this device, read only.'}
        </p>
        {askSuccessor ? (
          <SelectField
            label="Who should facilitate after you?"
            hint="You are this circle's only facilitator. The person you choose can invite, let people in and look after the circle."
            required
            options={choices}
            value={successor}
            onChange={(e) => setSuccessor(e.target.value)}
            error={successorError}
            data-testid="leave-successor"
          />
        ) : null}
        <CheckboxField
          label="Also delete this circle's history from this device"
          checked={wipe}
          onChange={setWipe}
          testId="leave-wipe"
        />
        <Alert message={leave.error} />
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            disabled={leave.running !== null}
            data-testid="leave-confirm"
          >
            Leave circle
          </Button>
          <Button onClick={onClose}>Stay in the circle</Button>
        </div>
      </form>
    </Dialog>
  );
}
