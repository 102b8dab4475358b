// Journal benchmarks in the real app (e2e build, Chromium): exporting 5,000 entries to each
// format, and drawing the mood chart of 5,000 entries. Called from bench/run.ts.
import type { BrowserContext, Page } from 'playwright-core';
import { jsonBytes } from '../src-shared/journal';
import { manyEntries } from '../tests/support/journal-fixtures';
import type { HearthApp } from '../src-renderer/services/types';

type Api = HearthApp;
const ENTRIES = 5000;
const RUNS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** Runs `f` in the page with the app; `f` is sent as source text (tsx's __name stubbed). */
const inPage = <T, A>(page: Page, f: (app: Api, arg: A) => T | Promise<T>, arg: A): Promise<T> =>
  page.evaluate<T>(
    `(() => { var __name = (f) => f; return (${f.toString()})(window.hearthTestApi, ${JSON.stringify(arg)}); })()`,
  );

/** Time from clicking the Mood tab until the chart has drawn and a frame has passed. */
const chartDrawMs = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[data-testid="mood-chart"][data-drawn]')) return;
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
        setTimeout(() => reject(new Error('the mood chart was not drawn')), 30_000);
      }),
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
    draws.push(await chartDrawMs(page));
  }
  results.journalChart5kMs = round(median(draws));
  return results;
}

export const JOURNAL_TARGETS: Record<string, string> = {
  journalExport5kMdMs: '≤ 1000',
  journalExport5kJsonMs: '≤ 1000',
  journalExport5kCsvMs: '≤ 1000',
  journalExport5kPdfMs: '≤ 5000',
  journalChart5kMs: '≤ 200',
};
