// The summary for a professional: the PDF (pdf-lib) and the HTML the desktop app prints both
// hold each questionnaire's date, score and band, only within the chosen dates; so do the
// Markdown and CSV exports.
import Papa from 'papaparse';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../src-shared/bytes';
import {
  csvBytes,
  journalToHtml,
  journalToMarkdown,
  measureSummaryLines,
  type ExportInput,
  type MeasureResult,
} from '../../src-shared/journal';
import { journalToPdf } from '../../src-shared/journal/export-pdf';
import { FIXTURE, pdfFont } from '../support/journal-fixtures';

const result = (
  id: string,
  instrument: MeasureResult['instrument'],
  date: string,
  answers: number[],
  closing?: number,
): MeasureResult => ({
  id,
  instrument,
  at: `${date}T10:00:00.000Z`,
  date,
  answers,
  ...(closing === undefined ? {} : { closing }),
});

const MEASURES = [
  result('phq9-aaaa-01', 'phq9', '2026-11-22', [1, 1, 1, 1, 1, 1, 1, 0, 2], 1),
  result('who5-aaaa-01', 'who5', '2026-11-23', [3, 3, 3, 2, 2]),
  result('gad7-aaaa-01', 'gad7', '2026-10-01', [3, 3, 3, 3, 3, 3, 3]),
];
const input: ExportInput = {
  entries: FIXTURE,
  measures: MEASURES,
  range: null,
  exportedAt: '2026-11-24T12:00:00.000Z',
};

describe('questionnaires in the summary', () => {
  it('are one line each, oldest first, with the self-harm answer said plainly', () => {
    expect(measureSummaryLines(MEASURES.slice(0, 2))).toEqual([
      'Sunday 22 November 2026: PHQ-9: 9 of 27 (Mild); question 9 (thoughts of being better off dead or of self-harm): More than half the days; how difficult: Somewhat difficult',
      'Monday 23 November 2026: WHO-5: 52 of 100 (Well-being in the usual range)',
    ]);
  });

  it('the PDF text holds the scores, in the chosen range only', async () => {
    const range = { from: '2026-11-01', to: '2026-11-30' };
    const bytes = await journalToPdf({ ...input, range }, { font: pdfFont() });
    const { text } = await extractText(bytes, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Questionnaires');
    expect(flat).toContain('PHQ-9: 9 of 27 (Mild)');
    expect(flat).toContain('WHO-5: 52 of 100 (Well-being in the usual range)');
    expect(flat).toContain('not a diagnosis');
    expect(flat).not.toContain('GAD-7: 21');
  });

  it('the HTML the desktop app prints holds them too, and none without results', () => {
    const html = journalToHtml(input);
    expect(html).toContain('<h2>Questionnaires</h2>');
    expect(html).toContain('GAD-7: 21 of 21 (Severe)');
    expect(journalToHtml({ ...input, measures: [] })).not.toContain('Questionnaires');
  });

  it('without the entries, the PDF is a one-page summary: chart and scores, none of the writing', async () => {
    const bytes = await journalToPdf({ ...input, withEntries: false }, { font: pdfFont() });
    const { text, totalPages } = await extractText(bytes, { mergePages: true });
    expect(totalPages).toBe(1);
    expect(text).toContain('PHQ-9: 9 of 27 (Mild)');
    const words = FIXTURE.map((e) => e.text.split(/\s+/).find((w) => w.length > 5)).filter(Boolean);
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(text).not.toContain(w);
    const full = await extractText(await journalToPdf(input, { font: pdfFont() }), {
      mergePages: true,
    });
    expect(words.some((w) => full.text.includes(w!))).toBe(true);
  });
});

describe('questionnaires in the Markdown and CSV exports', () => {
  it('Markdown lists them before the entries, within the chosen dates', () => {
    const md = journalToMarkdown({ ...input, range: { from: '2026-11-01', to: '2026-11-30' } });
    const section = md.slice(
      md.indexOf('## Questionnaires'),
      md.indexOf('## ', md.indexOf('## Questionnaires') + 3),
    );
    expect(section).toContain('not a diagnosis');
    expect(section).toContain('PHQ\\-9: 9 of 27 \\(Mild\\)');
    expect(section).toContain('how difficult: Somewhat difficult');
    expect(section).toContain('WHO\\-5: 52 of 100');
    expect(md).not.toContain('GAD\\-7: 21');
    expect(journalToMarkdown({ ...input, measures: [] })).not.toContain('Questionnaires');
  });

  it('CSV has a row per result among the entries by time, with score, band and answers', () => {
    const parsed = Papa.parse<Record<string, string>>(
      fromUtf8(csvBytes(input)).replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(FIXTURE.length + MEASURES.length);
    const rows = parsed.data.filter((r) => r.kind === 'questionnaire');
    expect(rows.map((r) => [r.date, r.questionnaire, r.score, r.max_score, r.band])).toEqual([
      ['2026-10-01', 'GAD-7', '21', '21', 'Severe'],
      ['2026-11-22', 'PHQ-9', '9', '27', 'Mild'],
      ['2026-11-23', 'WHO-5', '52', '100', 'Well-being in the usual range'],
    ]);
    expect(rows[1]).toMatchObject({
      id: 'phq9-aaaa-01',
      answers: '1; 1; 1; 1; 1; 1; 1; 0; 2',
      how_difficult: 'Somewhat difficult',
      mood: '',
      text: '',
    });
    // In time order with the entries: the oldest row of all is October's GAD-7.
    expect(parsed.data[0]!.id).toBe('gad7-aaaa-01');
    const ats = parsed.data.map((r) => r.at);
    expect(ats).toEqual([...ats].sort());
  });
});
