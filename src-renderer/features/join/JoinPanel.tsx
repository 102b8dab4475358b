import { useState } from 'react';
import type { JoinAttempt } from '../../services/types';
import { JoinForm } from './JoinForm';
import { JoinStatus } from './JoinStatus';
import type { JoinDraft } from './useJoinForm';
import './join.css';

interface JoinPanelProps {
  /** The attempt to follow, or null to show the form. */
  attempt: JoinAttempt | null;
  /** A code to start with (from a hearth://join/ link). */
  initialCode?: string;
  onAttemptChange: (attempt: JoinAttempt | null) => void;
  onAdmitted: (localId: string) => void;
  onClose: () => void;
}

/** The join page: the form, then the attempt's progress. Keeps what was typed for a retry. */
export function JoinPanel({
  attempt,
  initialCode,
  onAttemptChange,
  onAdmitted,
  onClose,
}: JoinPanelProps) {
  const [draft, setDraft] = useState<JoinDraft>({ code: initialCode ?? '', displayName: '' });
  if (attempt) {
    return (
      <JoinStatus
        key={attempt.id}
        attempt={attempt}
        onAdmitted={onAdmitted}
        onClose={onClose}
        onRetry={() => onAttemptChange(null)}
      />
    );
  }
  return (
    <JoinForm
      draft={draft}
      onDraftChange={setDraft}
      onStarted={onAttemptChange}
      onCancel={onClose}
    />
  );
}
