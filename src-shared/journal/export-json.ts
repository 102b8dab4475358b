// JSON export: the documented, versioned format of docs/journal-format.md. It is also the
// backup format: importJournal reads it back.
import { utf8 } from '../bytes';
import {
  entriesForExport,
  measuresForExport,
  type DateRange,
  type ExportInput,
} from './export-common';
import type { MeasureResult } from './measures/result-schema';
import { JOURNAL_FORMAT, JOURNAL_FORMAT_VERSION, type JournalEntry } from './schema';

export interface JournalFile {
  format: typeof JOURNAL_FORMAT;
  version: typeof JOURNAL_FORMAT_VERSION;
  exportedAt: string;
  range: DateRange | null;
  entries: JournalEntry[];
  /** Questionnaire results (since version 2). */
  measures: MeasureResult[];
}

/** The journal as a JournalFile object, entries and questionnaire results oldest first. */
export function journalToJsonObject(input: ExportInput): JournalFile {
  return {
    format: JOURNAL_FORMAT,
    version: JOURNAL_FORMAT_VERSION,
    exportedAt: input.exportedAt,
    range: input.range,
    entries: entriesForExport(input),
    measures: measuresForExport(input),
  };
}

/** Pretty-printed (two spaces) so the file is readable and diffs well. */
export const jsonBytes = (input: ExportInput): Uint8Array =>
  utf8(JSON.stringify(journalToJsonObject(input), null, 2) + '\n');
