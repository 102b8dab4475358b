// The journal service over fake-indexeddb with real libsodium: sealed at rest, back after a
// reopen, unreadable with another key, and imports that are all-or-nothing.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fromUtf8, utf8 } from '../../src-shared/bytes';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { jsonBytes } from '../../src-shared/journal';
import type { PrintDocument } from '../../src-renderer/host/host-bridge';
import { Journal } from '../../src-renderer/services/journal/journal';
import { JournalStore } from '../../src-renderer/services/journal/journal-store';
import type { EntryDraft } from '../../src-renderer/services/journal/journal-types';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { FIXTURE } from '../support/journal-fixtures';
import { PASS, quickKdf, setup } from '../support/journal-service-setup';

// Local times below are New York's; the process time zone is set so no machine setting leaks in.
process.env.TZ = 'America/New_York';

beforeAll(async () => {
  await loadSodium();
});

const draft = (fields: Partial<EntryDraft> = {}): EntryDraft => ({
  kind: 'entry',
  date: '2026-11-23',
  time: '21:15',
  mood: 4,
  emotions: ['calm', ' calm ', 'hopeful'],
  sleep: 'seven hours',
  energy: '',
  text: 'Lantern walk by the quiet harbour',
  ...fields,
});

async function rawBytes(db: HearthDb): Promise<string> {
  const rows = [...(await db.journal.toArray()), ...(await db.journalPrefs.toArray())];
  return rows.map((r) => Buffer.from(r.enc).toString('latin1')).join('|');
}

describe('journal service', () => {
  it('stores entries sealed, with the local clock made explicit', async () => {
    const { db, journal, onChange } = await setup({
      now: () => new Date('2026-11-24T02:00:00.000Z'),
    });
    const e = await journal.save(draft());
    expect(e).toMatchObject({
      date: '2026-11-23',
      time: '21:15',
      utcOffset: -300,
      at: '2026-11-24T02:15:00.000Z',
      emotions: ['calm', 'hopeful'],
    });
    expect(journal.entries()).toEqual([e]);
    expect(onChange).toHaveBeenCalled();
    const raw = await rawBytes(db);
    expect(raw.length).toBeGreaterThan(100);
    for (const secret of ['Lantern walk', 'harbour', 'hopeful', 'seven hours'])
      expect(raw).not.toContain(secret);
    // The scan can see plaintext when it is there.
    expect(Buffer.from(utf8('Lantern walk')).toString('latin1')).toBe('Lantern walk');
  });

  it('is back after lock and reopen; edits move updatedAt forward; delete removes the row', async () => {
    let clock = new Date('2026-11-24T02:00:00.000Z');
    const first = await setup({ now: () => clock });
    const e = await first.journal.save(draft());
    const edited = await first.journal.save(draft({ id: e.id, text: 'Rewritten', mood: 2 }));
    expect(edited.id).toBe(e.id);
    expect(edited.createdAt).toBe(e.createdAt);
    expect(edited.updatedAt > e.updatedAt).toBe(true);
    const gone = await first.journal.save(draft({ text: 'to delete' }));
    await first.journal.remove(gone.id);
    first.journal.close();
    first.vault.lock();
    expect(first.journal.entries()).toEqual([]);
    await expect(first.journal.save(draft())).rejects.toThrow(/locked/);

    clock = new Date('2026-11-25T02:00:00.000Z');
    const again = await setup({ db: first.db, create: false, now: () => clock });
    expect(again.journal.entries()).toEqual([edited]);
    expect(await first.db.journal.count()).toBe(1);
  });

  it('keeps the moment of an entry edited in another time zone unless its date or time changes', async () => {
    const { journal } = await setup();
    const e = await journal.save(draft());
    process.env.TZ = 'Asia/Tokyo';
    try {
      const textOnly = await journal.save(
        draft({ id: e.id, text: 'Written in New York, edited in Tokyo' }),
      );
      expect(textOnly).toMatchObject({
        at: e.at,
        date: '2026-11-23',
        time: '21:15',
        utcOffset: -300,
      });
      const moved = await journal.save(draft({ id: e.id, time: '22:00' }));
      expect(moved).toMatchObject({
        at: '2026-11-23T13:00:00.000Z',
        date: '2026-11-23',
        time: '22:00',
        utcOffset: 540,
      });
    } finally {
      process.env.TZ = 'America/New_York';
    }
  });

  it('cannot read the rows with another vault key, nor a row moved to another id', async () => {
    const { db, vault, journal } = await setup();
    await journal.save(draft());
    await journal.save(draft({ text: 'second' }));
    const other = new Vault(new HearthDb('other-' + Math.random()), quickKdf);
    await other.create(PASS, () => {});
    const stranger = new JournalStore(db, other);
    expect(await stranger.loadAll()).toEqual({ entries: [], damaged: 2 });

    const [a, b] = await db.journal.toArray();
    await db.journal.put({ id: a!.id, enc: b!.enc });
    const reopened = new Journal({
      store: new JournalStore(db, vault),
      host: { saveExport: async () => true, printToPdf: null },
      makePdf: async () => new Uint8Array(),
      onChange: () => {},
    });
    await reopened.open();
    expect(reopened.entries().map((e) => e.id)).toEqual([b!.id]);
    expect(reopened.damagedRows()).toBe(1);
  });

  it('refuses invalid drafts with a plain message and stores nothing', async () => {
    const { db, journal } = await setup();
    await expect(journal.save(draft({ date: '2026-02-30' }))).rejects.toThrow(
      /choose a date and a time/,
    );
    await expect(journal.save(draft({ time: '25:00' }))).rejects.toThrow(/date and a time/);
    await expect(
      journal.save(draft({ emotions: Array.from({ length: 21 }, (_, i) => `e${i}`) })),
    ).rejects.toThrow(/at most 20 emotion/);
    await expect(journal.save(draft({ id: 'no-such-entry-id' }))).rejects.toThrow(
      /no longer exists/,
    );
    expect(await db.journal.count()).toBe(0);
  });

  it('imports a JSON export once: a second import, or a bad file, changes nothing', async () => {
    const { db, journal } = await setup();
    const file = jsonBytes({
      entries: FIXTURE,
      range: null,
      exportedAt: '2026-11-24T12:00:00.000Z',
    });
    expect(await journal.importJson(file)).toEqual({
      ok: true,
      added: 4,
      updated: 0,
      unchanged: 0,
      keptNewer: 0,
      measuresAdded: 0,
    });
    const before = await rawBytes(db);
    expect(await journal.importJson(file)).toEqual({
      ok: true,
      added: 0,
      updated: 0,
      unchanged: 4,
      keptNewer: 0,
      measuresAdded: 0,
    });

    const tampered = JSON.parse(fromUtf8(file));
    tampered.entries[0].text = 'changed';
    tampered.entries[0].updatedAt = '2027-01-01T00:00:00.000Z';
    tampered.entries[3].mood = 0;
    const result = await journal.importJson(utf8(JSON.stringify(tampered)));
    expect(result.ok).toBe(false);
    expect(journal.entries().find((e) => e.id === FIXTURE[0]!.id)!.text).toBe(FIXTURE[0]!.text);
    expect(await rawBytes(db)).toBe(before);
    expect(journal.busy()).toBeNull();
  });

  it('exports through the host: bytes to saveExport, or HTML to printToPdf where the host prints', async () => {
    const { journal, saved } = await setup({ now: () => new Date('2026-11-24T15:00:00.000Z') });
    await journal.importJson(
      jsonBytes({ entries: FIXTURE, range: null, exportedAt: '2026-11-24T12:00:00.000Z' }),
    );
    for (const format of ['markdown', 'json', 'csv', 'pdf'] as const)
      expect(await journal.exportTo(format, { from: '2026-11-21', to: '2026-11-24' })).toBe(true);
    expect(saved.map((f) => [f.suggestedName, f.mimeType])).toEqual([
      ['hearth-journal-2026-11-21-to-2026-11-24.md', 'text/markdown;charset=utf-8'],
      ['hearth-journal-2026-11-21-to-2026-11-24.json', 'application/json'],
      ['hearth-journal-2026-11-21-to-2026-11-24.csv', 'text/csv;charset=utf-8'],
      ['hearth-journal-2026-11-21-to-2026-11-24.pdf', 'application/pdf'],
    ]);
    expect(JSON.parse(fromUtf8(saved[1]!.bytes)).entries).toHaveLength(3);
    expect(fromUtf8(saved[3]!.bytes.slice(0, 5))).toBe('%PDF-');

    const printed: PrintDocument[] = [];
    const desktop = await setup({
      host: { saveExport: async () => true, printToPdf: async (doc) => (printed.push(doc), false) },
    });
    await desktop.journal.importJson(
      jsonBytes({ entries: FIXTURE, range: null, exportedAt: '2026-11-24T12:00:00.000Z' }),
    );
    expect(await desktop.journal.exportTo('pdf', null)).toBe(false);
    expect(printed[0]!.html).toContain('Better day 🌱, tea with Sam &amp; Jo &lt;3');
  });

  it('reminds once its time has come, until a check-in is made or it is put aside', async () => {
    let clock = new Date('2026-11-24T23:00:00.000Z'); // 18:00 in New York
    const { journal, db } = await setup({ now: () => clock });
    expect(journal.reminderDue()).toBe(false);
    await journal.setReminder({ enabled: true, time: '19:30', prompt: '  How is today going?  ' });
    expect(journal.reminder()).toEqual({
      enabled: true,
      time: '19:30',
      prompt: 'How is today going?',
    });
    expect(journal.reminderDue()).toBe(false);
    clock = new Date('2026-11-25T00:45:00.000Z'); // 19:45, still the 24th in New York
    expect(journal.reminderDue()).toBe(true);
    await journal.save(draft({ kind: 'check-in', date: '2026-11-24', time: '19:46' }));
    expect(journal.reminderDue()).toBe(false);
    clock = new Date('2026-11-26T01:00:00.000Z'); // 20:00 on the 25th
    expect(journal.reminderDue()).toBe(true);
    await journal.dismissReminder();
    expect(journal.reminderDue()).toBe(false);
    expect(await rawBytes(db)).not.toContain('How is today going');
    await expect(journal.setReminder({ enabled: true, time: 'soon', prompt: '' })).rejects.toThrow(
      /time/,
    );
    journal.close();
  });

  it('asks the host to remind (a desktop notification) when the time comes, not before', async () => {
    let clock = new Date('2026-11-24T23:00:00.000Z'); // 18:00 in New York
    const remind = vi.fn();
    const { journal } = await setup({ now: () => clock, remind });
    // Only the reminder's timer is faked: IndexedDB (fake-indexeddb) schedules its own work.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await journal.setReminder({ enabled: true, time: '19:30', prompt: 'How is today going?' });
      vi.advanceTimersByTime(60 * 60_000); // 19:00: not yet
      expect(remind).not.toHaveBeenCalled();
      clock = new Date('2026-11-25T00:31:00.000Z'); // 19:31
      vi.advanceTimersByTime(31 * 60_000);
      expect(remind).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
      journal.close();
    }
  });
});
