import { useState, type FormEvent } from 'react';
import { DEFAULT_INVITE_OPTIONS, type InviteOptions } from '../../services/types';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { SelectField } from '../../ui/SelectField';
import {
  EXPIRY_CHOICES,
  expiryFromValue,
  USES_CHOICES,
  usesFromValue,
  usesValue,
} from './inviteText';

interface InviteFormProps {
  busy: boolean;
  onMake: (options: InviteOptions) => void;
}

/** The limits of a new invite: how long it lasts, how many it lets in, who says yes. */
export function InviteForm({ busy, onMake }: InviteFormProps) {
  const [options, setOptions] = useState<InviteOptions>(DEFAULT_INVITE_OPTIONS);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onMake(options);
  };

  return (
    <form className="stack invite-form" onSubmit={onSubmit} data-testid="invite-form">
      <div className="invite-form__row">
        <SelectField
          label="Expires after"
          options={EXPIRY_CHOICES}
          value={options.expiresIn}
          onChange={(e) => setOptions({ ...options, expiresIn: expiryFromValue(e.target.value) })}
          data-testid="invite-expiry"
        />
        <SelectField
          label="How many people can use it"
          options={USES_CHOICES}
          value={usesValue(options.maxUses)}
          onChange={(e) => setOptions({ ...options, maxUses: usesFromValue(e.target.value) })}
          data-testid="invite-uses"
        />
      </div>
      <CheckboxField
        label="A facilitator approves each newcomer"
        hint={
          options.approval === 'facilitator'
            ? 'Nothing from the circle is shared with a newcomer until a facilitator says yes.'
            : "Anyone with the code is let in as soon as a member's app answers."
        }
        checked={options.approval === 'facilitator'}
        onChange={(on) => setOptions({ ...options, approval: on ? 'facilitator' : 'auto' })}
        testId="invite-approval"
      />
      <div className="actions">
        <Button type="submit" variant="primary" disabled={busy} data-testid="invite-make">
          Make share code
        </Button>
      </div>
    </form>
  );
}
