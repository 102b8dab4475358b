// Journal rows in IndexedDB, each sealed with the vault key. The associated data names the row
// (`journal:<id>`), so a ciphertext moved to another row does not open there.
import { JournalEntrySchema, type JournalEntry } from '../../../src-shared/journal';
import type { HearthDb } from '../storage/db';
import type { Vault } from '../vault/vault';

export class JournalStore {
  constructor(
    private readonly db: HearthDb,
    private readonly vault: Vault,
  ) {}

  /** Every entry that opens and matches the schema, and how many rows did not. */
  async loadAll(): Promise<{ entries: JournalEntry[]; damaged: number }> {
    const rows = await this.db.journal.toArray();
    const entries: JournalEntry[] = [];
    let damaged = 0;
    for (const row of rows) {
      try {
        const parsed = JournalEntrySchema.safeParse(
          this.vault.openJson(row.enc, `journal:${row.id}`),
        );
        if (parsed.success && parsed.data.id === row.id) entries.push(parsed.data);
        else damaged++;
      } catch {
        damaged++;
      }
    }
    return { entries, damaged };
  }

  /** Writes entries in one transaction: all of them land, or none. */
  async putAll(entries: readonly JournalEntry[]): Promise<void> {
    const rows = entries.map((e) => ({ id: e.id, enc: this.vault.sealJson(e, `journal:${e.id}`) }));
    await this.db.transaction('rw', this.db.journal, () => this.db.journal.bulkPut(rows));
  }

  async delete(id: string): Promise<void> {
    await this.db.journal.delete(id);
  }

  async loadPref<T>(key: string): Promise<T | undefined> {
    const row = await this.db.journalPrefs.get(key);
    return row ? this.vault.openJson<T>(row.enc, `journalPrefs:${key}`) : undefined;
  }

  async savePref(key: string, value: unknown): Promise<void> {
    await this.db.journalPrefs.put({ key, enc: this.vault.sealJson(value, `journalPrefs:${key}`) });
  }
}
