// Journal benchmarks in the real app (e2e build, Chromium): exporting 5,000 entries to each
// format, drawing the mood chart of 5,000 entries, and the Mood tab with the questionnaire
// trends and comparisons over 5,000 entries and 200 questionnaires. Called from bench/run.ts.
import type { BrowserContext, Page } from 'playwright-core';
import { jsonBytes } from '../src-shared/journal';
import { manyEntries, manyMeasures } from '../tests/support/journal-fixtures';
import type { HearthApp } from '../src-renderer/services/types';

type Api = HearthApp;
const ENTRIES = 5000;
const MEASURES = 200;
const RUNS = 3;
const MOOD_CHART = '[data-testid="mood-chart"][data-drawn]';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** Runs `f` in the page with the app; `f` is sent as source text (tsx's __name stubbed). */
const inPage = <T, A>(page: Page, f: (app: Api, arg: A) => T | Promise<T>, arg: A): Promise<T> =>
  page.evaluate<T>(
    `(() => { var __name = (f) => f; return (${f.toString()})(window.hearthTestApi, ${JSON.stringify(arg)}); })()`,
  );

/** Time from clicking the Mood tab until everything in `selectors` is there and a frame has passed. */
const chartDrawMs = (page: Page, selectors: string[]) =>
  page.evaluate(
    (selectors) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!selectors.every((s) => document.querySelector(s))) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-drawn'],
        });
        (document.querySelector('[data-testid="journal-tab-mood"]') as HTMLButtonElement).click();
        setTimeout(() => reject(new Error(`not drawn: ${selectors.join(', ')}`)), 30_000);
      }),
    selectors,
  );

/**
 * `peer` is an app with an open vault and no journal entries yet; its browser is closed at the
 * end so it takes no CPU from the benchmarks after it.
 */
export async function benchJournal(
  peer: { page: Page; context: BrowserContext },
  log: (line: string) => void,
): Promise<Record<string, number>> {
  try {
    return await measure(peer.page, log);
  } finally {
    await peer.context.close();
  }
}

async function measure(page: Page, log: (line: string) => void): Promise<Record<string, number>> {
  log(`Journal: importing ${ENTRIES} entries…`);
  const file = new TextDecoder().decode(
    jsonBytes({ entries: manyEntries(ENTRIES), range: null, exportedAt: new Date().toISOString() }),
  );
  const imported = await inPage(
    page,
    async (app, text) => app.journal.importJson(new TextEncoder().encode(text)),
    file,
  );
  if (!imported.ok || imported.added !== ENTRIES)
    throw new Error(`journal import failed: ${JSON.stringify(imported)}`);

  const results: Record<string, number> = {};
  const formats = { Md: 'markdown', Json: 'json', Csv: 'csv', Pdf: 'pdf' } as const;
  for (const [name, format] of Object.entries(formats)) {
    log(`Journal: export ${format}…`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(
        await inPage(
          page,
          async (app, format) => {
            const start = performance.now();
            const file = await app.journal.exportFile(format, null);
            if (file.bytes.length < 1000) throw new Error('export too small');
            return performance.now() - start;
          },
          format,
        ),
      );
    }
    results[`journalExport5k${name}Ms`] = round(median(times));
  }

  log('Journal: chart…');
  await page.getByTestId('open-journal').click();
  const draws: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByTestId('journal-tab-entries').click();
    await page.getByTestId('entry-count').waitFor();
    draws.push(await chartDrawMs(page, [MOOD_CHART]));
  }
  results.journalChart5kMs = round(median(draws));

  log(`Journal: insights with ${MEASURES} questionnaires…`);
  const withMeasures = await inPage(
    page,
    async (app, text) => app.journal.importJson(new TextEncoder().encode(text)),
    new TextDecoder().decode(
      jsonBytes({
        entries: [],
        measures: manyMeasures(MEASURES),
        range: null,
        exportedAt: new Date().toISOString(),
      }),
    ),
  );
  if (!withMeasures.ok || withMeasures.measuresAdded !== MEASURES)
    throw new Error(`questionnaire import failed: ${JSON.stringify(withMeasures)}`);
  // Drawn: the mood chart, each questionnaire's trend, and the comparisons.
  const insights = [
    MOOD_CHART,
    ...['who5', 'phq9', 'gad7'].map((id) => `[data-testid="measure-chart-${id}"][data-drawn]`),
    '[data-testid="insights-list"]',
  ];
  const insightDraws: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByTestId('journal-tab-entries').click();
    await page.getByTestId('entry-count').waitFor();
    insightDraws.push(await chartDrawMs(page, insights));
  }
  results.insights5kMs = round(median(insightDraws));
  return results;
}

export const JOURNAL_TARGETS: Record<string, string> = {
  journalExport5kMdMs: '≤ 1000',
  journalExport5kJsonMs: '≤ 1000',
  journalExport5kCsvMs: '≤ 1000',
  journalExport5kPdfMs: '≤ 5000',
  journalChart5kMs: '≤ 200',
  insights5kMs: '≤ 200',
};
