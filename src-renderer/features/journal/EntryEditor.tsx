import { useId, useState } from 'react';
import type { JournalEntry } from '../../services/journal/journal-types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { EntryDetails } from './EntryDetails';
import { MoodFaces } from './MoodFaces';
import { MoodPicker } from './MoodPicker';
import { useEntryEditor } from './useEntryEditor';

interface EntryEditorProps {
  /** The entry to edit, or null for a new one. */
  entry: JournalEntry | null;
  kind: JournalEntry['kind'];
  /** The question above the text (the check-in prompt), or null for a plain entry. */
  prompt: string | null;
  onSaved: (entry: JournalEntry) => void;
  onCancel?: () => void;
}

/**
 * Writes or edits an entry. A new check-in is two steps: a face, then Save; the rest (emotions,
 * text, sleep, energy, date and time) waits behind "Add more". A plain entry shows everything.
 */
export function EntryEditor({ entry, kind, prompt, onSaved, onCancel }: EntryEditorProps) {
  const editor = useEntryEditor(entry, kind, onSaved);
  const { fields, set } = editor;
  const isCheckIn = fields.kind === 'check-in';
  const quick = isCheckIn && entry === null;
  const [more, setMore] = useState(!quick);
  const detailsId = useId();

  return (
    <form
      className="stack journal-editor"
      onSubmit={(e) => void editor.onSubmit(e)}
      noValidate
      data-testid="entry-editor"
    >
      {isCheckIn ? (
        <MoodFaces
          legend="Choose the face closest to how you feel"
          value={fields.mood}
          onChange={(m) => set('mood', m)}
        />
      ) : (
        <MoodPicker
          legend="Mood (optional)"
          value={fields.mood}
          onChange={(m) => set('mood', m)}
          allowNone
        />
      )}
      {more ? (
        <div id={detailsId} className="stack">
          <EntryDetails
            fields={fields}
            set={set}
            toggleEmotion={editor.toggleEmotion}
            prompt={prompt}
          />
        </div>
      ) : null}
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
        {quick ? (
          <Button
            variant="quiet"
            aria-expanded={more}
            aria-controls={more ? detailsId : undefined}
            onClick={() => setMore((m) => !m)}
            data-testid="check-in-more"
          >
            {more ? 'Show less' : 'Add more'}
          </Button>
        ) : null}
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
        <p className="journal-status" role="status" data-testid="entry-saved">
          {editor.saved}
        </p>
      </div>
    </form>
  );
}
