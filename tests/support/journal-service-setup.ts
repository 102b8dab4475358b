// A journal service over fake-indexeddb with real libsodium and a quick KDF, for unit tests.
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import type { ExportFile } from '../../src-renderer/host/host-bridge';
import { Journal, type JournalDeps } from '../../src-renderer/services/journal/journal';
import { JournalStore } from '../../src-renderer/services/journal/journal-store';
import { makePdfHere } from '../../src-renderer/services/journal/pdf-maker';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { pdfFont } from './journal-fixtures';
import { quickDeriveKek } from './quick-kdf';

export const PASS = 'a long enough passphrase';
export const quickKdf = quickDeriveKek;

/** A journal opened on a new database (or `db`, unlocked again); call loadSodium first. */
export async function setup(
  options: {
    db?: HearthDb;
    create?: boolean;
    now?: () => Date;
    host?: JournalDeps['host'];
    remind?: () => void;
  } = {},
) {
  const db = options.db ?? new HearthDb('journal-' + Math.random().toString(36).slice(2));
  const vault = new Vault(db, quickKdf);
  if (options.create ?? true) await vault.create(PASS, () => {});
  else await vault.unlock(PASS, () => {});
  const saved: ExportFile[] = [];
  const host = options.host ?? {
    saveExport: async (f: ExportFile) => (saved.push(f), true),
    printToPdf: null,
  };
  const onChange = vi.fn();
  const journal = new Journal({
    store: new JournalStore(db, vault),
    host,
    makePdf: (input, onProgress) => makePdfHere(input, pdfFont(), onProgress),
    onChange,
    remind: options.remind,
    now: options.now,
    yieldToUi: async () => {},
  });
  await journal.open();
  return { db, vault, journal, saved, onChange };
}
