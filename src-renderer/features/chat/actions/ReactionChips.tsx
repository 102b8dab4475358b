import type { Reaction } from '../../../services/types';
import { chipsFor } from './reaction-text';

interface ReactionChipsProps {
  reactions: readonly Reaction[] | undefined;
  myKey: string;
  /** Members this reader blocked: their reactions are not counted here. */
  blocked: ReadonlySet<string>;
  nameOf: (key: string) => string;
  /** Null when we cannot react (no longer in the circle, or paused): the chips only show. */
  onToggle: ((emoji: string, on: boolean) => void) | null;
}

/** The reactions under a message: one toggle per emoji, with how many and who. */
export function ReactionChips({ reactions, myKey, blocked, nameOf, onToggle }: ReactionChipsProps) {
  const chips = chipsFor(reactions, myKey, blocked, nameOf);
  if (chips.length === 0) return null;
  return (
    <ul className="reaction-chips" aria-label="Reactions" data-testid="reaction-chips">
      {chips.map(({ emoji, count, mine, label }) => (
        <li key={emoji}>
          <button
            type="button"
            className={mine ? 'reaction-chip reaction-chip--mine' : 'reaction-chip'}
            aria-pressed={mine}
            aria-label={label}
            title={label}
            disabled={!onToggle}
            onClick={() => onToggle?.(emoji, !mine)}
            data-testid="reaction-chip"
          >
            <span aria-hidden="true">
              {emoji} {count}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
