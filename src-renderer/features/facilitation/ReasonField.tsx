import { useState } from 'react';
import { MAX_REASON_CHARS } from '../../../src-shared/records/schema';
import { TextArea } from '../../ui/TextArea';

const MISSING = 'Please write a short reason. It helps the other facilitators understand.';

/** A facilitator action's reason: its text, its error, and a check that says what is missing. */
export function useReason() {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The trimmed reason, or null (and the error shown) when there is none. */
  const take = (): string | null => {
    const text = reason.trim();
    setError(text ? null : MISSING);
    return text || null;
  };
  return { reason, setReason, error, take };
}

/** The reason box every facilitator action has, kept in the facilitators' log. */
export function ReasonField({
  state,
  testId,
}: {
  state: ReturnType<typeof useReason>;
  testId: string;
}) {
  return (
    <TextArea
      label="Reason"
      hint="Kept in the facilitators' log, which only facilitators see."
      rows={3}
      required
      maxLength={MAX_REASON_CHARS}
      value={state.reason}
      onChange={(e) => state.setReason(e.target.value)}
      error={state.error}
      data-testid={testId}
    />
  );
}
