import { useEffect, useRef, useState, type FormEvent } from 'react';
import { decodeShareCode } from '../../../src-shared/share-code';
import { useHearth } from '../../app/HearthContext';
import type { JoinAttempt } from '../../services/types';

export interface JoinDraft {
  code: string;
  displayName: string;
}

/** Submits a share code; a code the app refuses leaves the inputs as they were. */
export function useJoinForm(draft: JoinDraft, onStarted: (attempt: JoinAttempt) => void) {
  const app = useHearth();
  const [codeError, setCodeError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const codeRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  // An error goes as soon as its field is fixed, not at the next press of Join.
  const nameFixed = draft.displayName.trim() !== '';
  const codeFixed = decodeShareCode(draft.code).ok;
  useEffect(() => {
    if (nameFixed) setNameError(null);
  }, [nameFixed]);
  // Keyed on the code itself: a readable code can still be refused (already a member), and a
  // different readable code deserves a fresh try.
  useEffect(() => {
    if (codeFixed) setCodeError(null);
  }, [draft.code, codeFixed]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const displayName = draft.displayName.trim();
    if (!displayName) {
      setCodeError(null);
      setNameError('Please choose the name people in this circle will see.');
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    const result = app.join(draft.code.trim(), displayName);
    if (!result.ok) {
      setCodeError(result.message);
      codeRef.current?.focus();
      return;
    }
    setCodeError(null);
    onStarted(result.attempt);
  };

  return { codeError, nameError, codeRef, nameRef, onSubmit };
}
