import { useEffect, useId, useRef } from 'react';
import type { JoinAttempt, JoinPhase } from '../../services/types';
import { Button } from '../../ui/Button';
import {
  AWAITING_APPROVAL_TEXT,
  refusalText,
  SIGNALING_UNREACHABLE_TEXT,
  WAITING_TEXT,
} from './phaseText';
import { useJoinPhase } from './useJoinPhase';

interface JoinStatusProps {
  attempt: JoinAttempt;
  onAdmitted: (localId: string) => void;
  /** Leave this page; the attempt has been cancelled. */
  onClose: () => void;
  /** Back to the form to try the code again. */
  onRetry: () => void;
}

/** Phases that wait on someone else: a quiet ring says Hearth is still at it. */
const WAITING_PHASES: ReadonlySet<JoinPhase['phase']> = new Set([
  'connecting',
  'waiting',
  'awaiting-approval',
]);

/** Follows one join attempt until the person is let in, refused, or it fails. */
export function JoinStatus({ attempt, onAdmitted, onClose, onRetry }: JoinStatusProps) {
  const state = useJoinPhase(attempt);
  // Read on each phase change: the name arrives with the first answer (a status or the welcome).
  const circleName = attempt.circleName();
  const titleId = useId();
  useAdmission(state, onAdmitted);

  const cancel = () => {
    attempt.cancel();
    onClose();
  };
  const retry = () => {
    attempt.cancel();
    onRetry();
  };

  return (
    <section className="pane-page" aria-labelledby={titleId}>
      <h2 id={titleId} data-testid="join-title">
        {circleName === null ? 'Joining a circle' : `Joining “${circleName}”`}
      </h2>
      <p>
        {state.phase === 'refused' ? 'You asked to join as ' : 'You are joining as '}
        <strong>{attempt.displayName}</strong>.
        {circleName === null
          ? " You will see the circle's name as soon as a member answers."
          : null}
      </p>
      <div className="join-status" data-testid="join-status" data-phase={state.phase}>
        {WAITING_PHASES.has(state.phase) ? (
          <span className="join-status__ring" aria-hidden="true" />
        ) : null}
        <div className="join-status__text">
          <div role="status">
            <PhaseMessage state={state} />
          </div>
          {state.phase === 'failed' ? (
            <p className="alert" role="alert" data-testid="join-error">
              {state.message}
            </p>
          ) : null}
        </div>
      </div>
      <div className="actions">
        {state.phase === 'failed' ? (
          <>
            <Button variant="primary" onClick={retry}>
              Try again
            </Button>
            <Button onClick={cancel}>Close</Button>
          </>
        ) : (
          <Button onClick={cancel}>{state.phase === 'refused' ? 'Close' : 'Cancel'}</Button>
        )}
      </div>
    </section>
  );
}

function PhaseMessage({ state }: { state: JoinPhase }) {
  switch (state.phase) {
    case 'connecting':
      return <p>Connecting…</p>;
    case 'waiting':
      return (
        <>
          <p>{WAITING_TEXT}</p>
          {state.signalingReachable ? null : <p>{SIGNALING_UNREACHABLE_TEXT}</p>}
        </>
      );
    case 'awaiting-approval':
      return <p>{AWAITING_APPROVAL_TEXT}</p>;
    case 'refused':
      return <p data-testid="join-refused">{refusalText(state.reason)}</p>;
    case 'admitted':
      return <p>You have been let in. Opening the circle…</p>;
    case 'failed':
      return null;
  }
}

/** Calls onAdmitted once when the attempt reaches 'admitted'. */
function useAdmission(state: JoinPhase, onAdmitted: (localId: string) => void) {
  const onAdmittedRef = useRef(onAdmitted);
  onAdmittedRef.current = onAdmitted;
  const admittedId = state.phase === 'admitted' ? state.localId : null;
  useEffect(() => {
    if (admittedId) onAdmittedRef.current(admittedId);
  }, [admittedId]);
}
