import { useId } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextArea } from '../../ui/TextArea';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS } from '../limits';
import { useNewCircleForm } from './useNewCircleForm';

interface NewCircleFormProps {
  onCreated: (localId: string) => void;
  onCancel: () => void;
}

/** Starts a circle, with the person as its first facilitator. */
export function NewCircleForm({ onCreated, onCancel }: NewCircleFormProps) {
  const form = useNewCircleForm(onCreated);
  const titleId = useId();

  return (
    <section className="pane-page" aria-labelledby={titleId}>
      <h2 id={titleId}>Start a new circle</h2>
      <p>
        A circle is a small, private group. You will be its facilitator, and you can invite people
        with a share code once it exists.
      </p>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        <TextField
          ref={form.refs.nameRef}
          label="Circle name"
          hint="Everyone in the circle sees this name. For example: Tuesday evening circle."
          autoFocus
          maxLength={MAX_NAME_CHARS}
          value={form.fields.name}
          onChange={(e) => form.setName(e.target.value)}
          error={form.errors.name}
          data-testid="circle-name"
        />
        <TextArea
          label="Description (optional)"
          hint="A sentence about what the circle is for."
          rows={3}
          maxLength={MAX_DESCRIPTION_CHARS}
          value={form.fields.description}
          onChange={(e) => form.setDescription(e.target.value)}
          data-testid="circle-description"
        />
        <TextField
          ref={form.refs.displayNameRef}
          label="Your name in this circle"
          hint="Each circle gets its own name and identity for you, so people in one circle cannot link you to your other circles. A first name or a nickname is fine."
          autoComplete="off"
          maxLength={MAX_NAME_CHARS}
          value={form.fields.displayName}
          onChange={(e) => form.setDisplayName(e.target.value)}
          error={form.errors.displayName}
          data-testid="display-name"
        />
        <CheckboxField
          label="Members may invite people too"
          hint="Off: only facilitators make share codes. Either way, a facilitator approves each newcomer unless whoever makes the code chooses otherwise."
          checked={form.fields.membersMayInvite}
          onChange={form.setMembersMayInvite}
          testId="members-may-invite"
        />
        <Alert message={form.submitError} />
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            aria-disabled={form.busy || undefined}
            data-testid="create-circle"
          >
            {form.busy ? 'Creating…' : 'Create circle'}
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}
