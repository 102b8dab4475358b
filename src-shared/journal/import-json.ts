// Reads a JSON export back. The whole file is validated before anything is decided: a file
// that is not a Hearth journal, of another version, or with any bad entry is refused with a
// message, and the caller changes nothing. Identity is the entry id (see planImport).
import { z } from 'zod';
import { fromUtf8 } from '../bytes';
import { MeasureResultSchema, type MeasureResult } from './measures/result-schema';
import {
  Instant,
  JOURNAL_FORMAT,
  JOURNAL_FORMAT_VERSION,
  JournalEntrySchema,
  LocalDate,
  type JournalEntry,
} from './schema';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_ENTRIES = 100_000;

/** Version 1 files (before questionnaires) have no `measures`; version 2 files must. */
const OLDEST_READABLE_VERSION = 1;
const fileFields = {
  format: z.literal(JOURNAL_FORMAT),
  exportedAt: Instant,
  range: z.strictObject({ from: LocalDate, to: LocalDate }).nullable(),
  entries: z.array(JournalEntrySchema).max(MAX_IMPORT_ENTRIES),
};
const JournalFileV1Schema = z.strictObject({
  ...fileFields,
  version: z.literal(OLDEST_READABLE_VERSION),
});
const JournalFileSchema = z.strictObject({
  ...fileFields,
  version: z.literal(JOURNAL_FORMAT_VERSION),
  measures: z.array(MeasureResultSchema).max(MAX_IMPORT_ENTRIES),
});

export type ParsedJournal =
  { ok: true; entries: JournalEntry[]; measures: MeasureResult[] } | { ok: false; message: string };

/** Parses and validates an exported file; never throws. */
export function parseJournalFile(bytes: Uint8Array): ParsedJournal {
  const fail = (message: string): ParsedJournal => ({ ok: false, message });
  if (bytes.length > MAX_IMPORT_BYTES)
    return fail('This file is too large to be a Hearth journal export.');
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return fail('This file is not a Hearth journal export: it is not valid JSON text.');
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== JOURNAL_FORMAT) {
    return fail('This file is not a Hearth journal export.');
  }
  if (head.version !== JOURNAL_FORMAT_VERSION && head.version !== OLDEST_READABLE_VERSION) {
    return fail(
      `This journal was exported in format version ${String(head.version)}, which this version of Hearth cannot read.`,
    );
  }
  const parsed =
    head.version === OLDEST_READABLE_VERSION
      ? JournalFileV1Schema.safeParse(json)
      : JournalFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where =
      issue.path[0] === 'entries' && typeof issue.path[1] === 'number'
        ? `entry ${issue.path[1] + 1}`
        : issue.path[0] === 'measures' && typeof issue.path[1] === 'number'
          ? `questionnaire ${issue.path[1] + 1}`
          : issue.path.join('.') || 'the file';
    return fail(
      `This journal file is damaged or was changed by hand (${where}: ${issue.path.slice(2).join('.') || 'value'} is not valid). Nothing was imported.`,
    );
  }
  const measures = 'measures' in parsed.data ? parsed.data.measures : [];
  const twice =
    firstRepeat(parsed.data.entries.map((e) => e.id)) ?? firstRepeat(measures.map((r) => r.id));
  if (twice !== null)
    return fail(`This journal file lists the entry ${twice} twice. Nothing was imported.`);
  return { ok: true, entries: parsed.data.entries, measures };
}

function firstRepeat(ids: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}

export interface ImportPlan {
  /** Entries whose id is new here. */
  add: JournalEntry[];
  /** Entries whose id exists here with an older updatedAt: the file's version replaces it. */
  replace: JournalEntry[];
  /** Same id and same updatedAt: already here (re-importing a file changes nothing). */
  unchanged: number;
  /** Same id, but the version here was edited later: kept, the file's older version is skipped. */
  keptNewer: number;
}

/**
 * Decides what an import does. An entry is the same entry when its id is the same; of two
 * versions the one edited last (updatedAt) wins, as a sync would, so restoring an old backup
 * never undoes later edits. Equal updatedAt means the same version: nothing happens.
 */
export function planImport(
  existing: ReadonlyMap<string, JournalEntry>,
  incoming: readonly JournalEntry[],
): ImportPlan {
  const plan: ImportPlan = { add: [], replace: [], unchanged: 0, keptNewer: 0 };
  for (const e of incoming) {
    const here = existing.get(e.id);
    if (!here) plan.add.push(e);
    else if (e.updatedAt > here.updatedAt) plan.replace.push(e);
    else if (e.updatedAt === here.updatedAt) plan.unchanged++;
    else plan.keptNewer++;
  }
  return plan;
}
