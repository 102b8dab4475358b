// What every export format shares: which entries, in which order, and the words for them.
import { longDate } from './dates';
import { compareOldestFirst, type MeasureResult } from './measures/result-schema';
import { MOOD_WORDS, type JournalEntry } from './schema';

export interface DateRange {
  /** Inclusive local dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

export interface ExportInput {
  entries: readonly JournalEntry[];
  /** Questionnaire results; absent where a format or caller has none. */
  measures?: readonly MeasureResult[];
  /** The PDF and HTML list every entry's text unless this is false (a summary for a professional). */
  withEntries?: boolean;
  /** Only entries and results in this range; null exports everything. */
  range: DateRange | null;
  /** When the export was made (an instant); passed in so output is reproducible. */
  exportedAt: string;
}

export type ExportFormat = 'markdown' | 'json' | 'csv' | 'pdf';

export const EXPORT_TYPES: Record<
  ExportFormat,
  { extension: string; mimeType: string; label: string }
> = {
  markdown: { extension: 'md', mimeType: 'text/markdown;charset=utf-8', label: 'Markdown' },
  json: { extension: 'json', mimeType: 'application/json', label: 'JSON' },
  csv: { extension: 'csv', mimeType: 'text/csv;charset=utf-8', label: 'CSV (spreadsheet)' },
  pdf: { extension: 'pdf', mimeType: 'application/pdf', label: 'PDF' },
};

/** The entries to export: those in the range, oldest first (the order one reads a journal in). */
export function entriesForExport(input: ExportInput): JournalEntry[] {
  const { range } = input;
  return input.entries
    .filter((e) => !range || (e.date >= range.from && e.date <= range.to))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The questionnaire results to export: those in the range, oldest first. */
export function measuresForExport(input: ExportInput): MeasureResult[] {
  const { range } = input;
  return (input.measures ?? [])
    .filter((r) => !range || (r.date >= range.from && r.date <= range.to))
    .sort(compareOldestFirst);
}

/** `hearth-journal-2026-11-24.md`, or with the range: `hearth-journal-2026-11-01-to-2026-11-24.csv`. */
export function exportFileName(
  format: ExportFormat,
  range: DateRange | null,
  today: string,
): string {
  const span = range ? `${range.from}-to-${range.to}` : today;
  return `hearth-journal-${span}.${EXPORT_TYPES[format].extension}`;
}

/** `3 (okay)`, or an empty string for an entry without a mood. */
export const moodText = (mood: JournalEntry['mood']): string =>
  mood === null ? '' : `${mood} (${MOOD_WORDS[mood]})`;

/** `±HH:MM` for a UTC offset in minutes. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The heading of an entry: `Tuesday 24 November 2026, 08:43`. */
export const entryHeading = (e: JournalEntry): string => `${longDate(e.date)}, ${e.time}`;

/** A line describing what was exported: `12 entries, 1 Nov 2026 to 24 Nov 2026` or `12 entries`. */
export function exportSummary(count: number, range: DateRange | null): string {
  const n = `${count} ${count === 1 ? 'entry' : 'entries'}`;
  return range ? `${n}, ${longDate(range.from)} to ${longDate(range.to)}` : n;
}
