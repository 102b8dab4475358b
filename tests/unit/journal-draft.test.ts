// What stops a journal draft from being saved: the editor shows this message, and clears it as
// soon as the answer turns to null (the person fixed the field).
import { describe, expect, it } from 'vitest';
import { draftProblem, type DraftFields } from '../../src-renderer/features/journal/useEntryEditor';

const draft = (over: Partial<DraftFields>): DraftFields => ({
  kind: 'check-in',
  date: '2026-12-01',
  time: '09:30',
  mood: null,
  emotions: '',
  sleep: '',
  energy: '',
  text: '',
  ...over,
});

describe('a journal draft', () => {
  it('asks a check-in for a face, and nothing else', () => {
    expect(draftProblem(draft({}))).toMatch(/face closest to how you feel/);
    expect(draftProblem(draft({ mood: 3 }))).toBeNull();
  });

  it('asks an entry for words or a mood', () => {
    expect(draftProblem(draft({ kind: 'entry' }))).toMatch(/Write something/);
    expect(draftProblem(draft({ kind: 'entry', text: '  ' }))).toMatch(/Write something/);
    expect(draftProblem(draft({ kind: 'entry', emotions: 'calm' }))).toBeNull();
    expect(draftProblem(draft({ kind: 'entry', text: 'A walk' }))).toBeNull();
  });

  it('needs a date and a time', () => {
    expect(draftProblem(draft({ mood: 2, date: '' }))).toMatch(/date and time/);
    expect(draftProblem(draft({ mood: 2, time: '' }))).toMatch(/date and time/);
  });
});
