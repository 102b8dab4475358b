// The private journal end to end, in real Chromium with real IndexedDB and libsodium: writing
// over several days through the UI, the mood chart, editing and deleting, exporting all four
// formats as downloads, importing into a fresh profile, and sharing a check-in with a circle.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { extractText } from 'unpdf';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { EntryDraft } from '../../src-renderer/services/journal/journal-types';
import { peerPool, type Peer } from './harness';
import type { HearthApp } from '../../src-renderer/services/types';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);
const downloads = mkdtempSync(join(tmpdir(), 'hearth-journal-downloads-'));
const launch = (name: string): Promise<Peer> => pool.launch(name);

afterEach(() => pool.disposeAll());

// The tests compare dates with "today"; one running across midnight would see two of them. A
// test takes well under three minutes, so one about to start that close to midnight waits.
beforeEach(async () => {
  const now = new Date();
  const untilMidnight =
    new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
  if (untilMidnight < 3 * 60_000)
    await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1_000));
}, 4 * 60_000);

type Api = HearthApp;

/** `YYYY-MM-DD` `n` days before the page's today. */
const daysAgo = (peer: Peer, n: number) =>
  peer.page.evaluate((n) => {
    const app = (window as unknown as { hearthTestApi: Api }).hearthTestApi;
    const d = new Date(`${app.journal.today()}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  }, n);

async function openJournal(peer: Peer, tab: 'check-in' | 'write' | 'entries' | 'mood' | 'export') {
  await peer.page.getByTestId('open-journal').click();
  await peer.page.getByTestId(`journal-tab-${tab}`).click();
}

async function writeEntry(
  peer: Peer,
  fields: {
    date: string;
    time: string;
    mood: number;
    text: string;
    emotions?: string;
    sleep?: string;
  },
) {
  const { page } = peer;
  await page.getByTestId('journal-tab-write').click();
  await page.getByTestId(`mood-${fields.mood}`).check();
  if (fields.emotions) await page.getByTestId('entry-emotions').fill(fields.emotions);
  await page.getByTestId('entry-text').fill(fields.text);
  if (fields.sleep) await page.getByTestId('entry-sleep').fill(fields.sleep);
  await page.getByTestId('entry-date').fill(fields.date);
  await page.getByTestId('entry-time').fill(fields.time);
  await page.getByTestId('entry-save').click();
  await expect.poll(() => page.getByTestId('entry-saved').textContent()).toBe('Entry saved.');
}

async function seed(peer: Peer, drafts: EntryDraft[]) {
  await peer.page.evaluate(async (drafts) => {
    const app = (window as unknown as { hearthTestApi: Api }).hearthTestApi;
    for (const d of drafts) await app.journal.save(d);
  }, drafts);
}

/** Chooses a format, clicks Export, and returns the downloaded file. */
async function exportAs(
  peer: Peer,
  format: 'markdown' | 'json' | 'csv' | 'pdf',
): Promise<{ name: string; path: string }> {
  const { page } = peer;
  await page.getByTestId(`export-format-${format}`).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-button').click(),
  ]);
  const path = join(downloads, `${peer.name}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  await expect
    .poll(() => page.getByTestId('export-result').textContent(), { timeout: 20_000 })
    .toBe('Your export is ready.');
  return { name: download.suggestedFilename(), path };
}

const countText = (peer: Peer) => peer.page.getByTestId('entry-count').textContent();

describe('the private journal', () => {
  it('check in and write over several days, see the chart, edit, delete, share a check-in; nothing readable on disk', async () => {
    const alice = await launch('alice');
    await alice.createVault();
    await openJournal(alice, 'check-in');
    await alice.expectAccessible('journal: check-in');

    // The daily reminder: due at once (its time, 00:00, has passed and nobody checked in today).
    const { page } = alice;
    await page.getByText('Daily reminder').click();
    await page.getByTestId('reminder-enabled').check();
    await page.getByTestId('reminder-time').fill('00:00');
    await page.getByTestId('reminder-prompt').fill('How is your heart today?');
    await page.getByTestId('reminder-save').click();
    await expect
      .poll(() => page.getByTestId('journal-reminder').textContent())
      .toContain('How is your heart today?');
    await alice.expectAccessible('journal: reminder');
    await page.getByTestId('journal-tab-mood').click();
    await page.getByTestId('reminder-check-in').click();
    await expect
      .poll(() => page.getByTestId('journal-tab-check-in').getAttribute('aria-current'))
      .toBe('page');

    // Today's check-in, as a person does it: a face, then "Add more" for an emotion and a line.
    await page.getByTestId('mood-4').check();
    await page.getByTestId('check-in-more').click();
    await page.getByRole('button', { name: 'hopeful', exact: true }).click();
    await page.getByTestId('entry-text').fill('Tea on the porch, feeling steadier');
    await page.getByTestId('entry-save').click();
    await expect
      .poll(() => page.getByTestId('entry-saved').textContent())
      .toMatch(/Check-in saved/);
    await expect.poll(() => page.getByTestId('journal-reminder').count()).toBe(0);
    // Sharing is offered, but there is no circle yet to share with.
    await page.getByTestId('share-latest').click();
    await expect
      .poll(() => page.getByRole('dialog').textContent())
      .toContain('You are not in a circle yet');
    await page.keyboard.press('Escape');

    // Two earlier days through the editor, with awkward text.
    await writeEntry(alice, {
      date: await daysAgo(alice, 2),
      time: '08:15',
      mood: 2,
      text: 'Foggy morning, "heavy" head; walked anyway 🌫️',
      emotions: 'tired, anxious',
      sleep: '5 hours',
    });
    await writeEntry(alice, {
      date: await daysAgo(alice, 1),
      time: '21:40',
      mood: 3,
      text: 'Quiet evening with a library book',
    });
    await alice.expectAccessible('journal: write');
    // More days through the app's own API (the same call the editor makes).
    const seeded: EntryDraft[] = [];
    for (let n = 3; n < 12; n++)
      seeded.push({
        kind: 'entry',
        date: await daysAgo(alice, n),
        time: '19:00',
        mood: ((n % 5) + 1) as 1,
        emotions: ['calm'],
        sleep: '',
        energy: '',
        text: `Seeded day ${n}`,
      });
    await seed(alice, seeded);

    await page.getByTestId('journal-tab-mood').click();
    const chart = page.getByTestId('mood-chart');
    await expect.poll(() => chart.getAttribute('data-drawn')).not.toBeNull();
    expect(await chart.getAttribute('data-points')).toBe('12');
    expect(await page.locator('.mood-chart__plot canvas').count()).toBeGreaterThan(0);
    // Streaks are off until the person asks for them.
    expect(await page.getByTestId('streak-current').count()).toBe(0);
    await page.getByTestId('show-streaks').check();
    expect(await page.getByTestId('streak-current').textContent()).toBe('12 days');
    await page.getByTestId('period-week').click();
    await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeLessThan(12);
    expect(await page.getByTestId('calendar-day').count()).toBeGreaterThan(0);
    await alice.expectAccessible('journal: mood');

    // Find, edit and delete.
    await page.getByTestId('journal-tab-entries').click();
    await expect.poll(() => countText(alice)).toBe('12 entries.');
    await page.getByTestId('filter-text').fill('foggy');
    await expect.poll(() => countText(alice)).toBe('1 of 12 entries match.');
    await alice.expectAccessible('journal: entries filtered');
    await page.getByTestId('entry-edit').click();
    await page.getByTestId('entry-text').fill('Foggy morning, but the walk helped');
    await page.getByTestId('entry-save').click();
    await expect
      .poll(() => page.getByTestId('journal-entry-text').first().textContent())
      .toBe('Foggy morning, but the walk helped');
    await page.getByTestId('filter-text').fill('Seeded day 11');
    await expect.poll(() => countText(alice)).toBe('1 of 12 entries match.');
    await page.getByTestId('entry-delete').click();
    await alice.expectAccessible('journal: confirm delete');
    await page.getByTestId('confirm-delete').click();
    await expect.poll(() => countText(alice)).toBe('0 of 11 entries match.');

    // Share today's check-in with a circle: the mood and a new short line, nothing else.
    await alice.createCircle('Thursday circle', 'Alice');
    await openJournal(alice, 'entries');
    await page.getByTestId('filter-text').fill('porch');
    await page.getByTestId('entry-share').click();
    await page.getByTestId('share-line').fill('Doing a bit better today');
    expect(await page.getByTestId('share-preview').textContent()).toBe(
      'Check-in: feeling 4/5 (good). Doing a bit better today',
    );
    await alice.expectAccessible('journal: share');
    await page.getByTestId('share-send').click();
    await expect.poll(() => page.getByTestId('share-sent').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('circle-item').first().click();
    await alice.waitForMessage('Check-in: feeling 4/5 (good). Doing a bit better today');
    expect((await alice.visibleMessages()).join('\n')).not.toContain('porch');

    await new Promise((r) => setTimeout(r, 300));
    const needles = [
      'Tea on the porch',
      'Foggy morning',
      'the walk helped',
      'library book',
      'Seeded day',
      '5 hours',
    ];
    const { found, rows } = await alice.rawDatabaseContains(needles);
    expect(rows.journal).toBeGreaterThan(5);
    expect(found).toEqual([]);
    await openJournal(alice, 'entries');
    expect(await page.content()).toContain('library book'); // the scan's needles are real text
  });

  it('exports all four formats as downloads and imports the JSON into a fresh profile without duplicates', async () => {
    const alice = await launch('alice');
    await alice.createVault();
    await openJournal(alice, 'write');
    await writeEntry(alice, {
      date: await daysAgo(alice, 1),
      time: '07:05',
      mood: 5,
      text: 'Sunrise swim, cold, "alive", a comma, and\nsecond line 🌅',
      emotions: 'proud, content',
    });
    const drafts: EntryDraft[] = [];
    for (let n = 2; n < 8; n++)
      drafts.push({
        kind: n % 2 ? 'check-in' : 'entry',
        date: await daysAgo(alice, n),
        time: '18:30',
        mood: (((n * 3) % 5) + 1) as 1,
        emotions: n % 2 ? ['calm'] : [],
        sleep: n === 4 ? '8h' : '',
        energy: '',
        text: n === 3 ? '' : `Evening note ${n}`,
      });
    await seed(alice, drafts);

    await alice.page.getByTestId('journal-tab-export').click();
    await alice.expectAccessible('journal: export');
    const md = await exportAs(alice, 'markdown');
    const json = await exportAs(alice, 'json');
    const csv = await exportAs(alice, 'csv');
    const pdf = await exportAs(alice, 'pdf');
    const today = await alice.page.evaluate(() =>
      (window as unknown as { hearthTestApi: Api }).hearthTestApi.journal.today(),
    );
    expect([md.name, json.name, csv.name, pdf.name]).toEqual(
      ['md', 'json', 'csv', 'pdf'].map((x) => `hearth-journal-${today}.${x}`),
    );

    const markdown = readFileSync(md.path, 'utf8');
    expect(markdown).toMatch(/^# Hearth journal\n/);
    expect(markdown.match(/^## /gm)).toHaveLength(7);
    expect(markdown).toContain('Sunrise swim, cold, "alive", a comma, and\nsecond line 🌅');

    const file = JSON.parse(readFileSync(json.path, 'utf8'));
    expect(file).toMatchObject({ format: 'hearth-journal', version: 2, range: null });
    expect(file.entries).toHaveLength(7);

    const rows = Papa.parse<Record<string, string>>(
      readFileSync(csv.path, 'utf8').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    );
    expect(rows.errors).toEqual([]);
    expect(rows.data).toHaveLength(7);
    expect(rows.data.find((r) => r.text?.startsWith('Sunrise'))).toMatchObject({
      mood: '5',
      emotions: 'proud; content',
      text: 'Sunrise swim, cold, "alive", a comma, and\nsecond line 🌅',
    });

    const { text } = await extractText(new Uint8Array(readFileSync(pdf.path)), {
      mergePages: true,
    });
    expect(text).toContain('Hearth journal');
    expect(text).toContain('7 entries');
    expect(text).toContain('Average mood by day');
    expect(text).toContain('Evening note 6');
    expect(text).toContain('Sunrise swim, cold, "alive", a comma, and');

    // A date range exports only those days.
    await alice.page.getByTestId('export-range').check();
    await alice.page.getByTestId('export-from').fill(await daysAgo(alice, 3));
    await alice.page.getByTestId('export-to').fill(await daysAgo(alice, 2));
    const some = JSON.parse(readFileSync((await exportAs(alice, 'json')).path, 'utf8'));
    expect(some.entries).toHaveLength(2);

    // A fresh profile: import, find the same entries, import again without duplicates.
    const bob = await launch('bob');
    await bob.createVault();
    await openJournal(bob, 'export');
    const tampered = join(downloads, 'tampered.json');
    writeFileSync(tampered, readFileSync(json.path, 'utf8').replace('"mood": 5', '"mood": 6'));
    await bob.page.getByTestId('import-file').setInputFiles(tampered);
    await expect
      .poll(() => bob.page.getByTestId('export-error').textContent())
      .toMatch(/damaged or was changed by hand/);
    await bob.expectAccessible('journal: import refused');
    await bob.page.getByTestId('journal-tab-entries').click();
    await expect.poll(() => countText(bob)).toMatch(/^No entries yet/);

    await bob.page.getByTestId('journal-tab-export').click();
    await bob.page.getByTestId('import-file').setInputFiles(json.path);
    await expect
      .poll(() => bob.page.getByTestId('export-result').textContent())
      .toBe('Import finished: 7 new, 0 updated, 0 already here.');
    await bob.page.getByTestId('import-file').setInputFiles(json.path);
    await expect
      .poll(() => bob.page.getByTestId('export-result').textContent())
      .toBe('Import finished: 0 new, 0 updated, 7 already here.');
    await bob.page.getByTestId('journal-tab-entries').click();
    await expect.poll(() => countText(bob)).toBe('7 entries.');
    const mine = await alice.page.evaluate(() =>
      (window as unknown as { hearthTestApi: Api }).hearthTestApi.journal.entries(),
    );
    const theirs = await bob.page.evaluate(() =>
      (window as unknown as { hearthTestApi: Api }).hearthTestApi.journal.entries(),
    );
    expect(theirs).toEqual(mine);
    await bob.page.getByTestId('filter-text').fill('sunrise');
    await expect
      .poll(() => bob.page.getByTestId('journal-entry-text').first().textContent())
      .toBe('Sunrise swim, cold, "alive", a comma, and\nsecond line 🌅');
  });
});

process.on('exit', () => rmSync(downloads, { recursive: true, force: true }));
