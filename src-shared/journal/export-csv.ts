// CSV export (RFC 4180): one row per entry and per questionnaire result, oldest first, CRLF line
// ends, every field that holds a comma,
// quote, CR or LF quoted with inner quotes doubled. The file starts with a UTF-8 byte order
// mark: Excel opens BOM-less CSV in the system's legacy code page and garbles accents and
// emoji, while LibreOffice, Numbers, Google Sheets and CSV parsers all accept the BOM.
import { utf8 } from '../bytes';
import { entriesForExport, measuresForExport, offsetText, type ExportInput } from './export-common';
import { closingAnswer, INSTRUMENTS, scoreAnswers, type MeasureResult } from './measures';
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
  // Questionnaire rows (kind `questionnaire`) fill these, and leave the entry columns empty.
  'questionnaire',
  'score',
  'max_score',
  'band',
  'answers',
  'how_difficult',
] as const;

const NO_RESULT = ['', '', '', '', '', ''];

const entryRow = (e: JournalEntry): string[] => [
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
  ...NO_RESULT,
];

/** A result's row; null for one that does not score (the schema lets none through). */
function resultRow(r: MeasureResult): string[] | null {
  const instrument = INSTRUMENTS[r.instrument];
  const scored = scoreAnswers(r.instrument, r.answers);
  if (!scored.ok) return null;
  const { score, band } = scored.value;
  return [
    r.id,
    r.date,
    '',
    '',
    'questionnaire',
    ...['', '', '', '', ''],
    r.at,
    r.at,
    r.at,
    instrument.name,
    String(score),
    String(instrument.maxScore),
    band.name,
    r.answers.join('; '),
    closingAnswer(r) ?? '',
  ];
}

/** One CSV field: quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The journal as CSV text (without the byte order mark): entries and results by time. */
export function journalToCsv(input: ExportInput): string {
  const rows: { at: string; cells: string[] }[] = [
    ...entriesForExport(input).map((e) => ({ at: e.at, cells: entryRow(e) })),
    ...measuresForExport(input).flatMap((r) => {
      const cells = resultRow(r);
      return cells ? [{ at: r.at, cells }] : [];
    }),
  ];
  // Stable: at the same instant, entries stay before results and each keeps its own order.
  rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lines = [CSV_COLUMNS.join(',')];
  for (const { cells } of rows) lines.push(cells.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

export const csvBytes = (input: ExportInput): Uint8Array => utf8('\uFEFF' + journalToCsv(input));
