// The two-step check-in and the mood chart's axis, in real Chromium: a check-in by keyboard alone
// (a face with the arrow keys, then Save), the one-entry chart spanning that entry's day, errors
// that go once the field is fixed, and the export's outcome brought into view.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { HearthApp } from '../../src-renderer/services/types';
import { peerPool, type Peer } from './harness';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);
afterEach(() => pool.disposeAll());

const today = (peer: Peer) =>
  peer.page.evaluate(() =>
    (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi.journal.today(),
  );

async function openJournal(peer: Peer, tab: 'check-in' | 'write' | 'mood' | 'export') {
  await peer.page.getByTestId('open-journal').click();
  await peer.page.getByTestId(`journal-tab-${tab}`).click();
}

describe('the check-in and the mood chart', () => {
  it('checks in by keyboard in two steps, and the one-entry chart spans that day', async () => {
    const alice = await launch('alice');
    await alice.createVault();
    await openJournal(alice, 'check-in');
    const { page } = alice;
    // Only the faces and Save (and "Add more") show; the long form waits.
    expect(await page.getByTestId('entry-text').count()).toBe(0);
    expect(await page.getByTestId('entry-date').count()).toBe(0);
    await alice.expectAccessible('journal: check-in faces');

    // Saving with no face chosen asks kindly; the message goes as soon as a face is chosen.
    await page.getByTestId('entry-save').click();
    await expect
      .poll(() => page.getByTestId('entry-error').textContent())
      .toMatch(/face closest to how you feel/);
    // Step one: into the faces, Space chooses the first, the arrow keys move to "good" (4).
    await page.getByTestId('mood-1').focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('mood-4').isChecked()).toBe(true);
    expect(await page.getByTestId('entry-error').count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'good', exact: true }).isChecked()).toBe(true);
    // Enter chooses too, and does not save by itself.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('mood-3').isChecked()).toBe(true);
    expect(await page.getByTestId('entry-saved').textContent()).toBe('');
    await page.keyboard.press('ArrowRight');
    await alice.expectAccessible('journal: face chosen');
    // Step two: Tab reaches Save, Enter saves.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'entry-save',
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('entry-saved').textContent())
      .toMatch(/Check-in saved/);
    const saved = await page.evaluate(() =>
      (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi.journal.entries(),
    );
    expect(saved.map((e) => [e.kind, e.mood])).toEqual([['check-in', 4]]);

    // "Add more" opens the rest, named as expanded for screen readers.
    const more = page.getByTestId('check-in-more');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('entry-date').count()).toBe(1);
    await alice.expectAccessible('journal: check-in with more');

    // The chart of that one entry spans its day, the point in the middle, the tick a date.
    await page.getByTestId('journal-tab-mood').click();
    const chart = page.getByTestId('mood-chart');
    await expect.poll(() => chart.getAttribute('data-drawn')).not.toBeNull();
    const day = await today(alice);
    expect(await chart.getAttribute('data-axis-from')).toBe(`${day}T00:00`);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
    expect(await chart.getAttribute('data-axis-to')).toBe(next.slice(0, 16));
    const tick = await page.evaluate(
      (d) =>
        new Intl.DateTimeFormat(undefined, {
          day: 'numeric',
          month: 'short',
          timeZone: 'UTC',
        }).format(Date.parse(`${d}T12:00:00Z`)),
      day,
    );
    expect(await chart.getAttribute('data-ticks')).toBe(tick);
    // The caption names the day as the browser's locale writes it, as the ticks do.
    const caption = await page.locator('.mood-chart__caption').textContent();
    expect(caption).toContain(tick);
    expect(caption).not.toMatch(/\d+\/\d+\/\d+/);
    // Streaks stay hidden until asked for.
    expect(await page.getByTestId('streak-current').count()).toBe(0);
    await alice.expectAccessible('journal: one-entry chart');
  });

  it('clears the date error once the range is fixed and brings the export outcome into view', async () => {
    const alice = await launch('alice');
    await alice.createVault();
    await openJournal(alice, 'export');
    const { page } = alice;
    await page.setViewportSize({ width: 900, height: 420 });
    await page.getByTestId('export-range').check();
    await page.getByTestId('export-from').fill('2026-12-05');
    await page.getByTestId('export-to').fill('2026-12-01');
    await page.getByTestId('export-button').click();
    await expect
      .poll(() => page.getByTestId('export-error').textContent())
      .toMatch(/start date on or before the end date/);
    await page.getByTestId('export-to').fill('2026-12-06');
    await expect.poll(() => page.getByTestId('export-error').count()).toBe(0);

    await page.getByTestId('export-format-json').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    await download.path();
    const result = page.getByTestId('export-result');
    await expect.poll(() => result.textContent()).toBe('Your export is ready.');
    await expect
      .poll(() =>
        result.evaluate((el) => {
          const r = el.getBoundingClientRect();
          // Within a pixel: layout rounds to fractions of one.
          return r.top >= 0 && r.bottom <= window.innerHeight + 1;
        }),
      )
      .toBe(true);
    expect(await result.getAttribute('role')).toBe('status');
  });
});

function launch(name: string): Promise<Peer> {
  return pool.launch(name);
}
