import { useId } from 'react';
import { MOOD_WORDS, type Mood } from '../../../src-shared/journal';

interface MoodPickerProps {
  legend: string;
  value: Mood | null;
  onChange: (mood: Mood | null) => void;
  /** Offer "no mood" (a plain entry); a check-in always has one. */
  allowNone: boolean;
}

const MOODS = [1, 2, 3, 4, 5] as const;

/** Mood 1–5 as a radio group: arrow keys move between choices, each has a word as well as a number. */
export function MoodPicker({ legend, value, onChange, allowNone }: MoodPickerProps) {
  const name = useId();
  return (
    <fieldset className="mood-picker">
      <legend className="field__label">{legend}</legend>
      <div className="mood-picker__options">
        {MOODS.map((m) => (
          <label key={m} className={`mood-picker__option mood-${m}`}>
            <input
              type="radio"
              name={name}
              value={m}
              checked={value === m}
              onChange={() => onChange(m)}
              data-testid={`mood-${m}`}
            />
            <span className="mood-picker__number">{m}</span>
            <span className="mood-picker__word">{MOOD_WORDS[m]}</span>
          </label>
        ))}
        {allowNone ? (
          <label className="mood-picker__option">
            <input
              type="radio"
              name={name}
              value=""
              checked={value === null}
              onChange={() => onChange(null)}
              data-testid="mood-none"
            />
            <span className="mood-picker__word">No mood</span>
          </label>
        ) : null}
      </div>
    </fieldset>
  );
}
