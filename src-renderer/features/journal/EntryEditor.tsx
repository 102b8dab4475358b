import { useId } from 'react';
import type { JournalEntry } from '../../services/journal/journal-types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { MoodPicker } from './MoodPicker';
import { splitEmotions, useEntryEditor } from './useEntryEditor';

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

interface EntryEditorProps {
  /** The entry to edit, or null for a new one. */
  entry: JournalEntry | null;
  kind: JournalEntry['kind'];
  /** The question above the text (the check-in prompt), or null for a plain entry. */
  prompt: string | null;
  onSaved: (entry: JournalEntry) => void;
  onCancel?: () => void;
}

/** Writes or edits an entry: mood, emotions, notes, text, and the date and time it is about. */
export function EntryEditor({ entry, kind, prompt, onSaved, onCancel }: EntryEditorProps) {
  const editor = useEntryEditor(entry, kind, onSaved);
  const { fields, set } = editor;
  const chosen = new Set(splitEmotions(fields.emotions).map((w) => w.toLocaleLowerCase()));
  const suggestionsId = useId();
  const isCheckIn = fields.kind === 'check-in';

  return (
    <form
      className="stack journal-editor"
      onSubmit={(e) => void editor.onSubmit(e)}
      noValidate
      data-testid="entry-editor"
    >
      <MoodPicker
        legend={isCheckIn ? 'Your mood, from 1 (very low) to 5 (very good)' : 'Mood (optional)'}
        value={fields.mood}
        onChange={(m) => set('mood', m)}
        allowNone={!isCheckIn}
      />
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
              onClick={() => editor.toggleEmotion(w)}
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
      <Alert message={editor.error} testId="entry-error" />
      <div className="actions">
        <Button
          type="submit"
          variant="primary"
          aria-disabled={editor.busy || undefined}
          data-testid="entry-save"
        >
          {entry ? 'Save changes' : isCheckIn ? 'Save check-in' : 'Save entry'}
        </Button>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
        <p className="journal-status" role="status" data-testid="entry-saved">
          {editor.saved}
        </p>
      </div>
    </form>
  );
}
