// State of the entry editor: the draft, saving, and what to say afterwards.
import { useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { EntryDraft, JournalEntry } from '../../services/journal/journal-types';
import { localNow } from '../../services/journal/clock';

export type DraftFields = Omit<EntryDraft, 'emotions'> & { emotions: string };

function initialFields(entry: JournalEntry | null, kind: JournalEntry['kind']): DraftFields {
  if (entry) return { ...entry, emotions: entry.emotions.join(', ') };
  const { date, time } = localNow(new Date());
  return { kind, date, time, mood: null, emotions: '', sleep: '', energy: '', text: '' };
}

/** What stops the draft from being saved, in a calm sentence, or null when it can be saved. */
export function draftProblem(fields: DraftFields): string | null {
  if (fields.kind === 'check-in' && fields.mood === null)
    return 'Please choose the face closest to how you feel.';
  if (
    fields.kind === 'entry' &&
    fields.mood === null &&
    !fields.text.trim() &&
    !fields.emotions.trim()
  )
    return 'Write something, or choose a mood, before saving.';
  if (!fields.date || !fields.time) return 'Please give the date and time this is about.';
  return null;
}

/** Emotion words from the comma-separated field. */
export const splitEmotions = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export function useEntryEditor(
  entry: JournalEntry | null,
  kind: JournalEntry['kind'],
  onSaved: (entry: JournalEntry) => void,
) {
  const app = useHearth();
  const [fields, setFields] = useState<DraftFields>(() => initialFields(entry, kind));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => {
    const next = { ...fields, [key]: value };
    setFields(next);
    setSaved(null);
    // A message about the draft goes as soon as the draft is fixed (or turns into the next one).
    if (error !== null) setError(draftProblem(next));
  };

  /** Adds or removes one emotion word (the quick-pick buttons). */
  const toggleEmotion = (word: string) => {
    const words = splitEmotions(fields.emotions);
    const has = words.some((w) => w.toLocaleLowerCase() === word.toLocaleLowerCase());
    set(
      'emotions',
      (has
        ? words.filter((w) => w.toLocaleLowerCase() !== word.toLocaleLowerCase())
        : [...words, word]
      ).join(', '),
    );
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = draftProblem(fields);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await app.journal.save({
        ...fields,
        emotions: splitEmotions(fields.emotions),
      });
      if (!entry) setFields(initialFields(null, kind));
      setSaved(
        entry
          ? 'Changes saved.'
          : fields.kind === 'check-in'
            ? 'Check-in saved. Thank you for taking a moment.'
            : 'Entry saved.',
      );
      onSaved(result);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return { fields, set, toggleEmotion, onSubmit, error, saved, busy };
}
