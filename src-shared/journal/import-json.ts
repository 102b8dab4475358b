// Reads a JSON export back. The whole file is validated before anything is decided: a file
// that is not a Hearth journal, of another version, or with any bad entry is refused with a
// message, and the caller changes nothing. Identity is the entry id (see planImport).
import { z } from 'zod';
import { fromUtf8 } from '../bytes';
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

const JournalFileSchema = z.strictObject({
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(JOURNAL_FORMAT_VERSION),
  exportedAt: Instant,
  range: z.strictObject({ from: LocalDate, to: LocalDate }).nullable(),
  entries: z.array(JournalEntrySchema).max(MAX_IMPORT_ENTRIES),
});

export type ParsedJournal = { ok: true; entries: JournalEntry[] } | { ok: false; message: string };

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
  if (head.version !== JOURNAL_FORMAT_VERSION) {
    return fail(
      `This journal was exported in format version ${String(head.version)}, which this version of Hearth cannot read.`,
    );
  }
  const parsed = JournalFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where =
      issue.path[0] === 'entries' && typeof issue.path[1] === 'number'
        ? `entry ${issue.path[1] + 1}`
        : issue.path.join('.') || 'the file';
    return fail(
      `This journal file is damaged or was changed by hand (${where}: ${issue.path.slice(2).join('.') || 'value'} is not valid). Nothing was imported.`,
    );
  }
  const ids = new Set<string>();
  for (const e of parsed.data.entries) {
    if (ids.has(e.id))
      return fail(`This journal file lists the entry ${e.id} twice. Nothing was imported.`);
    ids.add(e.id);
  }
  return { ok: true, entries: parsed.data.entries };
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
