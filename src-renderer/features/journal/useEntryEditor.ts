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
    setFields((f) => ({ ...f, [key]: value }));
    setSaved(null);
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
    if (fields.kind === 'check-in' && fields.mood === null) {
      setError('Please choose how you feel, from 1 to 5.');
      return;
    }
    if (
      fields.kind === 'entry' &&
      fields.mood === null &&
      !fields.text.trim() &&
      !fields.emotions.trim()
    ) {
      setError('Write something, or choose a mood, before saving.');
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
