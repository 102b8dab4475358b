// Well-being questionnaires in real Chromium: each taken by keyboard alone (Tab between
// questions, Space and the arrow keys between answers), the result in plain words, the trend
// beside the mood chart, the self-harm item's crisis lines at once, reminders, and the JSON
// export and import carrying the results; axe clean on every screen.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { HearthApp } from '../../src-renderer/services/types';
import { peerPool, type Peer } from './harness';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);
const downloads = mkdtempSync(join(tmpdir(), 'hearth-measures-downloads-'));
afterEach(() => pool.disposeAll());

type Api = { hearthTestApi: HearthApp };

async function openWellBeing(peer: Peer) {
  await peer.page.getByTestId('open-journal').click();
  await peer.page.getByTestId('journal-tab-measures').click();
}

/** Focus stays on the page's keyboard path: where it is now. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName, type: el?.type, testId: el?.getAttribute('data-testid') };
  });

/**
 * Answers question after question by keyboard: Space checks the first answer, ArrowRight moves
 * to the next (and checks it), Tab goes on to the next question. `choices` are answer positions.
 */
async function answerByKeyboard(page: Page, choices: number[]) {
  await page.getByTestId('question-1').getByRole('radio').first().focus();
  for (const [i, choice] of choices.entries()) {
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', type: 'radio' });
    await page.keyboard.press('Space');
    for (let k = 0; k < choice; k++) await page.keyboard.press('ArrowRight');
    if (i < choices.length - 1) await page.keyboard.press('Tab');
  }
}

async function finishByKeyboard(page: Page) {
  // Past the last question (and, for PHQ-9, past the crisis lines if they show) to the button.
  for (let i = 0; i < 40 && (await focused(page)).testId !== 'questionnaire-finish'; i++)
    await page.keyboard.press('Tab');
  expect((await focused(page)).testId).toBe('questionnaire-finish');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('measure-result').count()).toBe(1);
}

describe('well-being questionnaires', () => {
  it('takes each questionnaire by keyboard, shows the result in plain words, and the trend', async () => {
    const alice = await pool.launch('alice');
    await alice.createVault();
    await openWellBeing(alice);
    const { page } = alice;
    await alice.expectAccessible('measures: choose');

    // Finishing with nothing answered asks kindly and puts focus on the first question.
    await page.getByTestId('take-gad7').click();
    await page.getByTestId('questionnaire-finish').click();
    await expect
      .poll(() => page.getByTestId('questionnaire-error').textContent())
      .toMatch(/^Please choose an answer for questions 1, 2, 3, 4, 5, 6, 7\./);
    expect(await focused(page)).toMatchObject({ type: 'radio' });
    await alice.expectAccessible('measures: missing answers');
    // GAD-7: 2+2+2+2+1+1+0 = 10, "Moderate".
    await answerByKeyboard(page, [2, 2, 2, 2, 1, 1, 0]);
    expect(await page.getByTestId('questionnaire-error').count()).toBe(0);
    await finishByKeyboard(page);
    expect(await page.getByTestId('measure-score').textContent()).toBe('10 out of 21: Moderate');
    expect(await page.getByTestId('not-a-diagnosis').textContent()).toMatch(
      /This is not a diagnosis\..*doctor/,
    );
    expect(await page.getByTestId('support-now').count()).toBe(0);
    await alice.expectAccessible('measures: GAD-7 result');
    await page.getByTestId('measure-result-done').click();

    // WHO-5: answers 5,4,3,2,1 = raw 15, reported ×4 = 60.
    await page.getByTestId('take-who5').click();
    await alice.expectAccessible('measures: WHO-5 form');
    await answerByKeyboard(page, [0, 1, 2, 3, 4]);
    await finishByKeyboard(page);
    expect(await page.getByTestId('measure-score').textContent()).toBe(
      '60 out of 100: Well-being in the usual range',
    );
    await page.getByTestId('measure-result-done').click();

    // PHQ-9 with item 9 "Not at all": 5, "Mild", and no crisis note.
    await page.getByTestId('take-phq9').click();
    await answerByKeyboard(page, [1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(await page.getByTestId('support-now').count()).toBe(0);
    // Its closing question, asked once a problem was checked: optional, not part of the score.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'),
      ),
    ).toBe('question-closing');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await alice.expectAccessible('measures: PHQ-9 closing question');
    await finishByKeyboard(page);
    expect(await page.getByTestId('measure-score').textContent()).toBe('5 out of 27: Mild');
    expect(await page.getByTestId('measure-closing').textContent()).toBe(
      'How difficult these problems have made things: Somewhat difficult.',
    );
    expect(await page.getByTestId('support-now').count()).toBe(0);
    await page.getByTestId('measure-result-done').click();

    const stored = await page.evaluate(() =>
      (window as unknown as Api).hearthTestApi.journal.measures.results(),
    );
    expect(stored.map((r) => [r.instrument, r.answers.join('')])).toEqual([
      ['gad7', '2222110'],
      ['who5', '54321'],
      ['phq9', '111110000'],
    ]);

    // The trend beside the mood chart: one chart per questionnaire taken, with its bands.
    await page.getByTestId('journal-tab-mood').click();
    for (const id of ['who5', 'phq9', 'gad7']) {
      const chart = page.getByTestId(`measure-chart-${id}`);
      await expect.poll(() => chart.getAttribute('data-drawn')).not.toBeNull();
      expect(await chart.getAttribute('data-points')).toBe('1');
    }
    expect(await page.getByTestId('measure-chart-phq9').textContent()).toMatch(
      /out of 27\. Bands: None–minimal 0–4, Mild 5–9, Moderate 10–14/,
    );
    await page.getByText('Show the GAD-7 scores').click();
    expect(await page.getByTestId('measure-table-gad7').textContent()).toMatch(/10Moderate/);
    // With no entries yet, the comparisons say there is not enough to compare.
    expect(await page.getByTestId('insights-too-little').textContent()).toMatch(
      /Not enough to compare yet/,
    );
    await alice.expectAccessible('mood: questionnaire trends');
  });

  it('PHQ-9 item 9 above "Not at all" shows the crisis lines at once, and nothing is sent', async () => {
    const ann = await pool.launch('ann');
    await ann.createVault();
    await openWellBeing(ann);
    const { page } = ann;
    await page.getByTestId('take-phq9').click();
    await answerByKeyboard(page, [0, 0, 0, 0, 0, 0, 0, 0]);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    // Item 9: Tab in, Space on "Not at all" shows nothing; one step right, the lines show.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByTestId('support-now').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    const support = page.getByTestId('support-now');
    await expect.poll(() => support.count()).toBe(1);
    expect(await support.textContent()).toMatch(/You do not have to carry this alone/);
    expect(await support.textContent()).toMatch(/Nothing is sent or shared/);
    await support.getByTestId('help-region').selectOption('gb');
    await expect
      .poll(() => support.getByTestId('help-emergency').textContent())
      .toMatch(/Emergency: 999/);
    await ann.expectAccessible('measures: crisis lines during PHQ-9');
    // Back to "Not at all" and on again: the note follows the answer.
    await support.getByTestId('help-region').blur();
    await page.getByTestId('question-9').getByRole('radio', { name: 'Not at all' }).check();
    await expect.poll(() => support.count()).toBe(0);
    await page.getByTestId('question-9').getByRole('radio', { name: 'Nearly every day' }).check();
    await expect.poll(() => support.count()).toBe(1);
    expect(requests).toEqual([]);

    // The result says it again, with the score: 3 of 27.
    await page.getByTestId('questionnaire-finish').click();
    await expect.poll(() => page.getByTestId('measure-result').count()).toBe(1);
    expect(await page.getByTestId('measure-score').textContent()).toBe('3 out of 27: None–minimal');
    expect(await page.getByTestId('support-now').count()).toBe(1);
    await ann.expectAccessible('measures: PHQ-9 result with crisis lines');
    expect(requests).toEqual([]);
  });

  it('reminds gently when chosen, and the JSON export and import carry the results', async () => {
    const alice = await pool.launch('alice');
    await alice.createVault();
    await openWellBeing(alice);
    const { page } = alice;
    expect(await page.getByTestId('measure-reminder').count()).toBe(0);
    expect(await page.getByTestId('measure-interval').inputValue()).toBe('14');
    await page.getByTestId('measure-remind-who5').check();
    const reminder = page.getByTestId('measure-reminder');
    await expect.poll(() => reminder.textContent()).toMatch(/time for your WHO-5/);
    await alice.expectAccessible('measures: reminder');
    await reminder.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => reminder.count()).toBe(0);

    await page.evaluate(() =>
      (window as unknown as Api).hearthTestApi.journal.measures.save('gad7', [3, 3, 2, 2, 1, 1, 0]),
    );
    await page.getByTestId('journal-tab-export').click();
    await page.getByTestId('export-format-json').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.version).toBe(2);
    expect(file.measures).toHaveLength(1);

    // The summary for a professional: a PDF without the entries' text, holding the score.
    await page.getByTestId('export-format-pdf').check();
    await page.getByTestId('export-with-entries').uncheck();
    await alice.expectAccessible('export: summary for a professional');
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    const pdfPath = join(downloads, pdfDownload.suggestedFilename());
    await pdfDownload.saveAs(pdfPath);
    const pdf = await extractText(new Uint8Array(readFileSync(pdfPath)), { mergePages: true });
    expect(pdf.totalPages).toBe(1);
    expect(pdf.text).toContain('GAD-7: 12 of 21 (Moderate)');
    // The spreadsheet has the result as a row of its own.
    await page.getByTestId('export-format-csv').check();
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    const csvPath = join(downloads, csvDownload.suggestedFilename());
    await csvDownload.saveAs(csvPath);
    expect(readFileSync(csvPath, 'utf8')).toMatch(/,questionnaire,.*,GAD-7,12,21,Moderate,/);

    const bob = await pool.launch('bob');
    await bob.createVault();
    await bob.page.getByTestId('open-journal').click();
    await bob.page.getByTestId('journal-tab-export').click();
    await bob.page.getByTestId('import-file').setInputFiles(path);
    await expect
      .poll(() => bob.page.getByTestId('export-result').textContent())
      .toBe('Import finished: 0 new, 0 updated, 0 already here, 1 new questionnaire result.');
    const results = (p: Page) =>
      p.evaluate(() => (window as unknown as Api).hearthTestApi.journal.measures.results());
    expect(await results(bob.page)).toEqual(await results(page));
    await bob.page.getByTestId('journal-tab-mood').click();
    await expect
      .poll(() => bob.page.getByTestId('measure-chart-gad7').getAttribute('data-drawn'))
      .not.toBeNull();

    // Before a file goes out, the export screen says when PHQ-9's question 9 answer is in it.
    expect(await page.getByTestId('export-question-9').count()).toBe(0);
    await page.evaluate(() =>
      (window as unknown as Api).hearthTestApi.journal.measures.save(
        'phq9',
        [0, 0, 0, 0, 0, 0, 0, 0, 1],
      ),
    );
    await expect
      .poll(() => page.getByTestId('export-question-9').textContent())
      .toMatch(/question 9 .*above “Not at all”, the file says so/);
    await alice.expectAccessible('export: question 9 note');
  });
});
