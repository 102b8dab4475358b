// A journal entry as stored, exported and imported. Versioned with the export format
// (docs/journal-format.md); anything that does not match is refused, never half-read.
import { z } from 'zod';

export const JOURNAL_FORMAT = 'hearth-journal';
/** 2 added questionnaire results (`measures`); version 1 files, without them, still import. */
export const JOURNAL_FORMAT_VERSION = 2;

export const MAX_ENTRY_TEXT_CHARS = 100_000;
export const MAX_NOTE_CHARS = 500;
export const MAX_EMOTIONS = 20;
export const MAX_EMOTION_CHARS = 40;

export const MOOD_WORDS = {
  1: 'very low',
  2: 'low',
  3: 'okay',
  4: 'good',
  5: 'very good',
} as const;
export type Mood = keyof typeof MOOD_WORDS;

/** A calendar date in the writer's own time zone, `YYYY-MM-DD`. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => isRealDate(s), 'not a calendar date');
/** A wall-clock time in the writer's own time zone, `HH:MM`. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/**
 * An instant in UTC exactly as `Date.prototype.toISOString` writes it, e.g.
 * `2026-11-24T08:43:00.000Z`: one canonical form, so instants compare correctly as strings.
 */
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s,
    'not a real instant',
  );
export const EntryId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const note = z.string().max(MAX_NOTE_CHARS);
export const Emotion = z.string().trim().min(1).max(MAX_EMOTION_CHARS);

export const JournalEntrySchema = z
  .strictObject({
    id: EntryId,
    /** A check-in is an entry made from the daily prompt; otherwise the same. */
    kind: z.enum(['entry', 'check-in']),
    /** When the entry is about (editable). `date`/`time` are the same moment on the writer's clock. */
    at: Instant,
    date: LocalDate,
    time: LocalTime,
    /** Minutes east of UTC on the writer's clock at `at` (e.g. 60 for Paris in winter). */
    utcOffset: z.number().int().min(-840).max(840),
    mood: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
      .nullable(),
    emotions: z.array(Emotion).max(MAX_EMOTIONS),
    sleep: note,
    energy: note,
    /** Free text, Markdown. */
    text: z.string().max(MAX_ENTRY_TEXT_CHARS),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .refine((e) => localMatchesInstant(e.at, e.date, e.time, e.utcOffset), {
    message: 'date and time do not match the instant and UTC offset',
    path: ['date'],
  });

export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** True when `YYYY-MM-DD` names a day that exists (no 2026-02-30). */
export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The writer's local date and time for an instant and a UTC offset in minutes. */
export function localParts(at: string, utcOffset: number): { date: string; time: string } {
  const shifted = new Date(Date.parse(at) + utcOffset * 60_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

function localMatchesInstant(at: string, date: string, time: string, utcOffset: number): boolean {
  const local = localParts(at, utcOffset);
  return local.date === date && local.time === time;
}

/** Entries newest first (by instant, then id so the order is total and stable). */
export function compareNewestFirst(a: JournalEntry, b: JournalEntry): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
