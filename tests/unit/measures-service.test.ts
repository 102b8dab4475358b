// Questionnaire results on this device: sealed at rest, back after a reopen, in the JSON
// export, imported back (an older export without them still imports), and the reminder.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../src-shared/bytes';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { jsonBytes } from '../../src-shared/journal';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { FIXTURE } from '../support/journal-fixtures';
import { setup } from '../support/journal-service-setup';

process.env.TZ = 'America/New_York';

beforeAll(async () => {
  await loadSodium();
});

const PHQ9_ANSWERS = [1, 2, 0, 3, 1, 0, 2, 1, 0];
const GAD7_ANSWERS = [2, 2, 1, 1, 0, 3, 2];

describe('questionnaire results', () => {
  it('are sealed at rest with the vault key and back after lock and reopen', async () => {
    const clock = new Date('2026-12-01T15:00:00.000Z');
    const first = await setup({ now: () => clock });
    const r = await first.journal.measures.save('phq9', PHQ9_ANSWERS);
    expect(r).toMatchObject({ instrument: 'phq9', date: '2026-12-01', answers: PHQ9_ANSWERS });
    const rows = await first.db.measures.toArray();
    expect(rows).toHaveLength(1);
    const raw = Buffer.from(rows[0]!.enc).toString('latin1');
    for (const plain of ['phq9', 'answers', '2026-12-01']) expect(raw).not.toContain(plain);
    first.journal.close();
    first.vault.lock();
    expect(first.journal.measures.results()).toEqual([]);
    await expect(first.journal.measures.save('phq9', PHQ9_ANSWERS)).rejects.toThrow(/locked/);

    const again = await setup({ db: first.db, create: false, now: () => clock });
    expect(again.journal.measures.results()).toEqual([r]);
  });

  it('do not open when a sealed row is moved to another id or into the journal table', async () => {
    const { db, journal } = await setup();
    const r = await journal.measures.save('gad7', GAD7_ANSWERS);
    const row = (await db.measures.get(r.id))!;
    await db.measures.put({ id: 'moved-row-01', enc: row.enc });
    await db.journal.put({ id: r.id, enc: row.enc });
    journal.close();
    const again = await setup({ db, create: false });
    expect(again.journal.measures.results()).toEqual([r]);
    expect(again.journal.measures.damagedRows()).toBe(1);
    expect(again.journal.entries()).toEqual([]);
    expect(again.journal.damagedRows()).toBe(1);
  });

  it('refuse a questionnaire with a missing answer, naming the question, and store nothing', async () => {
    const { db, journal } = await setup();
    await expect(journal.measures.save('gad7', [0, 1, 2, null, 1, 0, 0])).rejects.toThrow(
      /answer every question.*question 4/,
    );
    expect(await db.measures.count()).toBe(0);
  });

  it("keep the answer to PHQ-9's closing question only where it was asked", async () => {
    const { journal } = await setup();
    expect((await journal.measures.save('phq9', PHQ9_ANSWERS, 2)).closing).toBe(2);
    // Answers changed back to all "Not at all" after the closing answer: it is not kept.
    const none = await journal.measures.save('phq9', Array(9).fill(0), 2);
    expect(none).not.toHaveProperty('closing');
    expect((await journal.measures.save('phq9', PHQ9_ANSWERS)).closing).toBeUndefined();
  });

  it('an import that cannot be written (a full disk) leaves neither entries nor results in', async () => {
    const now = () => new Date('2026-12-01T15:00:00.000Z');
    const from = await setup({ now });
    await from.journal.importJson(
      jsonBytes({ entries: FIXTURE, range: null, exportedAt: '2026-11-24T12:00:00.000Z' }),
    );
    await from.journal.measures.save('gad7', GAD7_ANSWERS);
    const file = await from.journal.exportFile('json', null);

    const to = await setup({ now });
    to.db.measures.bulkPut = (() =>
      Promise.reject(
        new DOMException('The disk is full', 'QuotaExceededError'),
      )) as unknown as typeof to.db.measures.bulkPut;
    await expect(to.journal.importJson(file.bytes)).rejects.toThrow(/disk is full/);
    expect(await to.db.journal.count()).toBe(0);
    expect(to.journal.entries()).toEqual([]);
    expect(to.journal.measures.results()).toEqual([]);
  });

  it('go out in the JSON export and come back on import, once', async () => {
    const now = () => new Date('2026-12-01T15:00:00.000Z');
    const from = await setup({ now });
    await from.journal.measures.save('phq9', PHQ9_ANSWERS);
    await from.journal.measures.save('gad7', GAD7_ANSWERS);
    const file = await from.journal.exportFile('json', null);
    const json = JSON.parse(fromUtf8(file.bytes));
    expect(json.version).toBe(2);
    expect(json.measures.map((m: { instrument: string }) => m.instrument).sort()).toEqual([
      'gad7',
      'phq9',
    ]);

    const to = await setup({ now });
    const first = await to.journal.importJson(file.bytes);
    expect(first).toMatchObject({ ok: true, measuresAdded: 2 });
    expect(to.journal.measures.results()).toEqual(from.journal.measures.results());
    expect(await to.journal.importJson(file.bytes)).toMatchObject({ ok: true, measuresAdded: 0 });
    expect(await to.db.measures.count()).toBe(2);
  });

  it('an export from before questionnaires (version 1) still imports', async () => {
    const v2 = JSON.parse(
      fromUtf8(
        jsonBytes({ entries: FIXTURE, range: null, exportedAt: '2026-11-24T12:00:00.000Z' }),
      ),
    );
    const { measures: _none, ...v1 } = { ...v2, version: 1 };
    const { journal } = await setup();
    expect(await journal.importJson(utf8(JSON.stringify(v1)))).toMatchObject({
      ok: true,
      added: FIXTURE.length,
      measuresAdded: 0,
    });
    // A version 1 file that carries results is not what version 1 wrote: refused whole.
    const odd = await journal.importJson(utf8(JSON.stringify({ ...v1, measures: [] })));
    expect(odd.ok).toBe(false);
  });

  it('a result changed by hand to an impossible answer refuses the whole file', async () => {
    const from = await setup();
    await from.journal.measures.save('gad7', GAD7_ANSWERS);
    await from.journal.save({
      kind: 'entry',
      date: '2026-11-23',
      time: '21:15',
      mood: 4,
      emotions: [],
      sleep: '',
      energy: '',
      text: 'x',
    });
    const json = JSON.parse(fromUtf8((await from.journal.exportFile('json', null)).bytes));
    json.measures[0].answers[2] = 4;
    const to = await setup();
    const r = await to.journal.importJson(utf8(JSON.stringify(json)));
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toMatch(/questionnaire 1/);
    expect(to.journal.entries()).toEqual([]);
    expect(to.journal.measures.results()).toEqual([]);
  });
});

describe('the questionnaire reminder', () => {
  it('is off until chosen, due every two weeks by default, and "Not now" puts it aside for the day', async () => {
    let clock = new Date('2026-12-01T15:00:00.000Z');
    const { journal } = await setup({ now: () => clock });
    const m = journal.measures;
    expect(m.settings()).toEqual({ chosen: [], everyDays: 14 });
    expect(m.due()).toEqual([]);
    await m.setSettings({ chosen: ['gad7', 'who5'], everyDays: 14 });
    expect(m.due()).toEqual(['who5', 'gad7']);
    await m.save('gad7', GAD7_ANSWERS);
    expect(m.due()).toEqual(['who5']);
    await m.dismissReminder();
    expect(m.due()).toEqual([]);
    clock = new Date('2026-12-15T15:00:00.000Z');
    expect(m.due()).toEqual(['who5', 'gad7']);
    await expect(m.setSettings({ chosen: ['who5'], everyDays: 3 })).rejects.toThrow(/how often/);
  });
});

describe('the database', () => {
  it('upgrades from version 2 with the journal untouched and an empty results table', async () => {
    const name = 'upgrade-' + Math.random().toString(36).slice(2);
    const old = new Dexie(name);
    old.version(1).stores({
      meta: 'key',
      circles: 'id',
      updates: '++seq, circle',
      records: '++seq, circle',
      joins: 'id',
    });
    old.version(2).stores({ journal: 'id', journalPrefs: 'key' });
    await old.table('journal').put({ id: 'kept-row-1', enc: new Uint8Array([1, 2, 3]) });
    old.close();
    const db = new HearthDb(name);
    expect(await db.journal.get('kept-row-1')).toEqual({
      id: 'kept-row-1',
      enc: new Uint8Array([1, 2, 3]),
    });
    expect(await db.measures.count()).toBe(0);
    expect(db.verno).toBe(3);
  });
});
