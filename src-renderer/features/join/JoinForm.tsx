import { useId } from 'react';
import type { JoinAttempt } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { MAX_NAME_CHARS } from '../limits';
import { useJoinForm, type JoinDraft } from './useJoinForm';

interface JoinFormProps {
  draft: JoinDraft;
  onDraftChange: (draft: JoinDraft) => void;
  onStarted: (attempt: JoinAttempt) => void;
  onCancel: () => void;
}

/** Paste a share code and choose a name for that circle. */
export function JoinForm({ draft, onDraftChange, onStarted, onCancel }: JoinFormProps) {
  const { codeError, nameError, codeRef, nameRef, onSubmit } = useJoinForm(draft, onStarted);
  const titleId = useId();
  const codeErrorId = useId();

  return (
    <section className="pane-page" aria-labelledby={titleId}>
      <h2 id={titleId}>Join a circle</h2>
      <p>
        Paste the share code someone from the circle gave you. It starts with “hearth1”. A hearth://
        link works too.
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <TextArea
          ref={codeRef}
          label="Share code"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={draft.code}
          onChange={(e) => onDraftChange({ ...draft, code: e.target.value })}
          aria-invalid={codeError ? true : undefined}
          describedBy={codeError ? codeErrorId : undefined}
          data-testid="join-code"
        />
        <TextField
          ref={nameRef}
          label="Your name in this circle"
          hint="Each circle gets its own name and identity for you, so people in one circle cannot link you to your other circles."
          autoComplete="off"
          maxLength={MAX_NAME_CHARS}
          value={draft.displayName}
          onChange={(e) => onDraftChange({ ...draft, displayName: e.target.value })}
          error={nameError}
          data-testid="join-name"
        />
        <Alert id={codeErrorId} message={codeError} testId="join-error" />
        <div className="actions">
          <Button type="submit" variant="primary" data-testid="join-submit">
            Join
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}
