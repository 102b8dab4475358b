import { useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { Member } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/SelectField';
import { formatDateTime } from '../chat/format';
import { ReasonField, useReason } from './ReasonField';
import { useAction } from './useAction';
import { SubmitActions } from '../../ui/SubmitActions';

const HOUR = 3_600_000;
const DURATIONS = [
  { value: String(HOUR), label: 'For an hour' },
  { value: String(24 * HOUR), label: 'For a day' },
  { value: String(3 * 24 * HOUR), label: 'For three days' },
  { value: String(7 * 24 * HOUR), label: 'For a week' },
];

interface MuteMemberDialogProps {
  localId: string;
  member: Member;
  /** The member's mute now, if any: the dialog then ends it. */
  muted: { until: number; reason: string } | null;
  onClose: () => void;
}

/**
 * Mutes a member for a while (what they write meanwhile is shown to nobody), or ends a mute, with
 * a reason for the facilitators' log.
 */
export function MuteMemberDialog({ localId, member, muted, onClose }: MuteMemberDialogProps) {
  const app = useHearth();
  const [duration, setDuration] = useState(DURATIONS[1]!.value);
  const reason = useReason();
  const action = useAction('That did not work just now. Please try again.');
  const name = member.displayName;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.take();
    if (text === null) return;
    const done = await action.run('mute', () =>
      muted
        ? app.unmuteMember(localId, member.key, text)
        : app.muteMember(localId, member.key, Date.now() + Number(duration), text),
    );
    if (done) onClose();
  };

  return (
    <Dialog title={muted ? `End ${name}'s mute?` : `Mute ${name}?`} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate>
        {muted ? (
          <p>
            {name} is muted until {formatDateTime(muted.until)}. Ending it now lets the circle see
            what they write from here on.
          </p>
        ) : (
          <>
            <p>
              While muted, what {name} writes is shown to nobody, and stays unshown afterwards.{' '}
              {name} stays in the circle and can read everything.
            </p>
            <SelectField
              label="How long"
              options={DURATIONS}
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              data-testid="mute-duration"
            />
          </>
        )}
        <ReasonField state={reason} testId="mute-reason" />
        <Alert message={action.error} />
        <SubmitActions
          label={muted ? 'End the mute' : `Mute ${name}`}
          busy={action.running !== null}
          onCancel={onClose}
          testId="mute-confirm"
        />
      </form>
    </Dialog>
  );
}
