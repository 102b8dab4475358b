import { useId } from 'react';
import type { JoinAttempt } from '../../services/types';
import { shortPhaseText } from './phaseText';
import { useJoinAttempts } from './useJoinAttempts';
import { useJoinPhase } from './useJoinPhase';

interface JoinAttemptListProps {
  selectedId: string | null;
  onSelect: (attempt: JoinAttempt) => void;
}

/** Join attempts still under way, in the sidebar. Renders nothing when there are none. */
export function JoinAttemptList({ selectedId, onSelect }: JoinAttemptListProps) {
  const attempts = useJoinAttempts();
  const headingId = useId();
  if (attempts.length === 0) return null;
  return (
    <div className="sidebar__group sidebar__group--joining">
      <h2 className="sidebar__heading" id={headingId}>
        Joining
      </h2>
      <ul className="circle-list" aria-labelledby={headingId}>
        {attempts.map((attempt) => (
          <JoinAttemptItem
            key={attempt.id}
            attempt={attempt}
            selected={attempt.id === selectedId}
            onSelect={onSelect}
          />
        ))}
      </ul>
    </div>
  );
}

function JoinAttemptItem({
  attempt,
  selected,
  onSelect,
}: {
  attempt: JoinAttempt;
  selected: boolean;
  onSelect: (a: JoinAttempt) => void;
}) {
  const state = useJoinPhase(attempt);
  const circleName = attempt.circleName();
  if (state.phase === 'admitted') return null;
  return (
    <li>
      <button
        type="button"
        className="circle-item circle-item--joining"
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(attempt)}
        data-testid="join-attempt"
        data-phase={state.phase}
      >
        <span className="circle-item__name">
          {circleName === null ? '' : `${circleName}: `}Joining as {attempt.displayName}
        </span>
        <span className="circle-item__detail">{shortPhaseText(state)}</span>
      </button>
    </li>
  );
}
