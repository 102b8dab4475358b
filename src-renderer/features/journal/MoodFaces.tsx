import { useId, type KeyboardEvent } from 'react';
import { MOOD_WORDS, type Mood } from '../../../src-shared/journal';
import './mood-faces.css';

interface MoodFacesProps {
  legend: string;
  value: Mood | null;
  onChange: (mood: Mood) => void;
}

const MOODS = [1, 2, 3, 4, 5] as const;

/** The mouth's curve: a frown at 1, flat at 3, a smile at 5 (the quadratic's control point). */
const mouth = (m: Mood) => `M8 16 Q12 ${16 + (m - 3) * 2} 16 16`;

/** A face drawn inline (no emoji font needed), coloured by mood; decorative beside its word. */
function Face({ mood }: { mood: Mood }) {
  return (
    <svg className="mood-face__svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10.5" className="mood-face__skin" />
      <circle cx="8.5" cy="9.5" r="1.3" className="mood-face__ink" />
      <circle cx="15.5" cy="9.5" r="1.3" className="mood-face__ink" />
      <path d={mouth(mood)} className="mood-face__mouth" />
    </svg>
  );
}

/**
 * The check-in's mood as five faces in one radio group: arrow keys move between them (and choose,
 * as radios do), Space or Enter chooses the focused one, and each face is named by its word.
 */
export function MoodFaces({ legend, value, onChange }: MoodFacesProps) {
  const name = useId();
  // Enter would submit the form from a radio; here it chooses, so Save stays a deliberate step.
  const onKeyDown = (m: Mood) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    onChange(m);
  };
  return (
    <fieldset className="mood-faces" data-testid="mood-faces">
      <legend className="field__label">{legend}</legend>
      <div className="mood-faces__options">
        {MOODS.map((m) => (
          <label key={m} className={`mood-face mood-${m}`}>
            <input
              type="radio"
              className="mood-face__input"
              name={name}
              value={m}
              checked={value === m}
              onChange={() => onChange(m)}
              onKeyDown={onKeyDown(m)}
              data-testid={`mood-${m}`}
            />
            <Face mood={m} />
            <span className="mood-face__word">{MOOD_WORDS[m]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
