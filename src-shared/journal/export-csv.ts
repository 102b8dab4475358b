// CSV export (RFC 4180): one row per entry, CRLF line ends, every field that holds a comma,
// quote, CR or LF quoted with inner quotes doubled. The file starts with a UTF-8 byte order
// mark: Excel opens BOM-less CSV in the system's legacy code page and garbles accents and
// emoji, while LibreOffice, Numbers, Google Sheets and CSV parsers all accept the BOM.
import { utf8 } from '../bytes';
import { entriesForExport, offsetText, type ExportInput } from './export-common';
import type { JournalEntry } from './schema';

export const CSV_COLUMNS = [
  'id',
  'date',
  'time',
  'utc_offset',
  'kind',
  'mood',
  'emotions',
  'sleep',
  'energy',
  'text',
  'at',
  'created_at',
  'updated_at',
] as const;

const row = (e: JournalEntry): string[] => [
  e.id,
  e.date,
  e.time,
  offsetText(e.utcOffset),
  e.kind,
  e.mood === null ? '' : String(e.mood),
  e.emotions.join('; '),
  e.sleep,
  e.energy,
  e.text,
  e.at,
  e.createdAt,
  e.updatedAt,
];

/** One CSV field: quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The journal as CSV text (without the byte order mark). */
export function journalToCsv(input: ExportInput): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entriesForExport(input)) lines.push(row(e).map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

export const csvBytes = (input: ExportInput): Uint8Array => utf8('\uFEFF' + journalToCsv(input));
