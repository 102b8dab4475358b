import { useId } from 'react';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { splitEmotions, type DraftFields } from './useEntryEditor';

export const SUGGESTED_EMOTIONS = [
  'calm',
  'hopeful',
  'grateful',
  'tired',
  'anxious',
  'sad',
  'lonely',
  'angry',
  'content',
  'proud',
];

interface EntryDetailsProps {
  fields: DraftFields;
  set: <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;
  toggleEmotion: (word: string) => void;
  /** The question above the text (the check-in prompt), or null for a plain entry. */
  prompt: string | null;
}

/** Everything about an entry besides its mood: emotions, text, sleep, energy, date and time. */
export function EntryDetails({ fields, set, toggleEmotion, prompt }: EntryDetailsProps) {
  const chosen = new Set(splitEmotions(fields.emotions).map((w) => w.toLocaleLowerCase()));
  const suggestionsId = useId();
  const isCheckIn = fields.kind === 'check-in';
  return (
    <>
      <div className="stack stack--tight">
        <TextField
          label="Emotions"
          hint="Words for what you feel, separated by commas."
          value={fields.emotions}
          onChange={(e) => set('emotions', e.target.value)}
          autoComplete="off"
          data-testid="entry-emotions"
        />
        <div className="journal-chips" role="group" aria-labelledby={suggestionsId}>
          <span id={suggestionsId} className="journal-chips__label">
            Add a word:
          </span>
          {SUGGESTED_EMOTIONS.map((w) => (
            <button
              key={w}
              type="button"
              className="journal-chip"
              aria-pressed={chosen.has(w)}
              onClick={() => toggleEmotion(w)}
            >
              {w}
            </button>
          ))}
        </div>
      </div>
      <TextArea
        label={prompt ?? 'What is on your mind?'}
        hint={
          isCheckIn ? 'A line or two is plenty.' : 'You can use Markdown. Only you can read this.'
        }
        rows={isCheckIn ? 3 : 8}
        value={fields.text}
        onChange={(e) => set('text', e.target.value)}
        data-testid="entry-text"
      />
      <div className="journal-editor__row">
        <TextField
          label="Sleep (optional)"
          hint="For example: 7 hours, restless."
          value={fields.sleep}
          maxLength={500}
          onChange={(e) => set('sleep', e.target.value)}
          data-testid="entry-sleep"
        />
        <TextField
          label="Energy (optional)"
          hint="For example: low in the afternoon."
          value={fields.energy}
          maxLength={500}
          onChange={(e) => set('energy', e.target.value)}
          data-testid="entry-energy"
        />
      </div>
      <div className="journal-editor__row">
        <TextField
          label="Date"
          type="date"
          required
          value={fields.date}
          onChange={(e) => set('date', e.target.value)}
          data-testid="entry-date"
        />
        <TextField
          label="Time"
          type="time"
          required
          value={fields.time}
          onChange={(e) => set('time', e.target.value)}
          data-testid="entry-time"
        />
      </div>
    </>
  );
}
