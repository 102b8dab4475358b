import type { ReactNode } from 'react';
import { Button } from './Button';

interface SubmitActionsProps {
  /** What the form does, on its submit button. */
  label: ReactNode;
  /** While the action runs, its button is disabled. */
  busy: boolean;
  onCancel: () => void;
  testId: string;
}

/** A form dialog's buttons: its action (the form's submit) and Cancel, which keeps things as they are. */
export function SubmitActions({ label, busy, onCancel, testId }: SubmitActionsProps) {
  return (
    <div className="actions">
      <Button type="submit" variant="primary" disabled={busy} data-testid={testId}>
        {label}
      </Button>
      <Button onClick={onCancel}>Cancel</Button>
    </div>
  );
}
