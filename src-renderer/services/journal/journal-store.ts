// Journal entries and questionnaire results in IndexedDB, each row sealed with the vault key. The
// associated data names the row (`journal:<id>`, `measures:<id>`), so a ciphertext moved to
// another row or table does not open there.
import type { z } from 'zod';
import {
  JournalEntrySchema,
  MeasureResultSchema,
  type JournalEntry,
  type MeasureResult,
} from '../../../src-shared/journal';
import type { HearthDb, SealedRow } from '../storage/db';
import type { Vault } from '../vault/vault';

export class JournalStore {
  constructor(
    private readonly db: HearthDb,
    private readonly vault: Vault,
  ) {}

  /** Every entry that opens and matches the schema, and how many rows did not. */
  async loadAll(): Promise<{ entries: JournalEntry[]; damaged: number }> {
    const { values, damaged } = this.openRows(
      await this.db.journal.toArray(),
      'journal',
      JournalEntrySchema,
    );
    return { entries: values, damaged };
  }

  /** Writes entries in one transaction: all of them land, or none. */
  async putAll(entries: readonly JournalEntry[]): Promise<void> {
    await this.putRows(this.db.journal, 'journal', entries);
  }

  async delete(id: string): Promise<void> {
    await this.db.journal.delete(id);
  }

  /** Every questionnaire result that opens and matches the schema, and how many rows did not. */
  async loadMeasures(): Promise<{ results: MeasureResult[]; damaged: number }> {
    const { values, damaged } = this.openRows(
      await this.db.measures.toArray(),
      'measures',
      MeasureResultSchema,
    );
    return { results: values, damaged };
  }

  /** Writes questionnaire results in one transaction: all of them land, or none. */
  async putMeasures(results: readonly MeasureResult[]): Promise<void> {
    await this.putRows(this.db.measures, 'measures', results);
  }

  /** Writes an import's entries and questionnaire results in one transaction: all land, or none. */
  async putImport(
    entries: readonly JournalEntry[],
    results: readonly MeasureResult[],
  ): Promise<void> {
    const entryRows = this.sealRows('journal', entries);
    const resultRows = this.sealRows('measures', results);
    await this.db.transaction('rw', this.db.journal, this.db.measures, async () => {
      await this.db.journal.bulkPut(entryRows);
      await this.db.measures.bulkPut(resultRows);
    });
  }

  async loadPref<T>(key: string): Promise<T | undefined> {
    const row = await this.db.journalPrefs.get(key);
    return row ? this.vault.openJson<T>(row.enc, `journalPrefs:${key}`) : undefined;
  }

  async savePref(key: string, value: unknown): Promise<void> {
    await this.db.journalPrefs.put({ key, enc: this.vault.sealJson(value, `journalPrefs:${key}`) });
  }

  private openRows<T extends { id: string }>(
    rows: readonly SealedRow[],
    table: string,
    schema: z.ZodType<T>,
  ): { values: T[]; damaged: number } {
    const values: T[] = [];
    let damaged = 0;
    for (const row of rows) {
      try {
        const parsed = schema.safeParse(this.vault.openJson(row.enc, `${table}:${row.id}`));
        if (parsed.success && parsed.data.id === row.id) values.push(parsed.data);
        else damaged++;
      } catch {
        damaged++;
      }
    }
    return { values, damaged };
  }

  private sealRows<T extends { id: string }>(name: string, values: readonly T[]): SealedRow[] {
    return values.map((v) => ({ id: v.id, enc: this.vault.sealJson(v, `${name}:${v.id}`) }));
  }

  private async putRows<T extends { id: string }>(
    table: HearthDb['journal'],
    name: string,
    values: readonly T[],
  ): Promise<void> {
    const rows = this.sealRows(name, values);
    await this.db.transaction('rw', table, () => table.bulkPut(rows));
  }
}
