// Each export format for one fixed set of awkward entries: Markdown specials, CSV separators
// and quotes, newlines, emoji and empty fields.
import Papa from 'papaparse';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../src-shared/bytes';
import {
  CSV_COLUMNS,
  csvBytes,
  escapeHtml,
  escapeMarkdown,
  exportFileName,
  journalToCsv,
  journalToHtml,
  journalToMarkdown,
  jsonBytes,
  parseJournalFile,
  type ExportInput,
} from '../../src-shared/journal';
import { journalToPdf } from '../../src-shared/journal/export-pdf';
import { entry, FIXTURE, pdfFont } from '../support/journal-fixtures';

const input: ExportInput = {
  entries: FIXTURE,
  range: null,
  exportedAt: '2026-11-24T12:00:00.000Z',
};

describe('Markdown export', () => {
  const md = journalToMarkdown(input);

  it('gives every entry a heading, oldest first, with its facts', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Friday 20 November 2026, 08:30',
      '## Saturday 21 November 2026, 22:05 (check-in)',
      '## Monday 23 November 2026, 00:30',
      '## Tuesday 24 November 2026, 09:00',
    ]);
    expect(md).toContain('- **Mood:** 2 (low)');
    expect(md).toContain('- **Sleep:** 5h, woke at 3');
    expect(md).toContain('- **Energy:** good, steady');
  });

  it('escapes what Hearth adds, keeps the writer’s own Markdown and emoji', () => {
    expect(md).toContain('- **Emotions:** tired, \\*anxious\\*');
    expect(md).toContain('- walked the dog\n- **called** mum, said "I\'m fine"');
    expect(md).toContain('Better day 🌱, tea with Sam & Jo <3');
    expect(escapeMarkdown('a_b [c](d) #1\nnext')).toBe('a\\_b \\[c\\]\\(d\\) \\#1 next');
  });

  it('writes nothing for empty fields and keeps rules apart from paragraphs', () => {
    const empty = md.slice(md.indexOf('## Monday'), md.indexOf('## Tuesday'));
    expect(empty).toBe('## Monday 23 November 2026, 00:30\n\n---\n\n');
    expect(md).not.toMatch(/[^\n]\n---/);
  });

  it('exports only the chosen range', () => {
    const some = journalToMarkdown({ ...input, range: { from: '2026-11-21', to: '2026-11-23' } });
    expect(some).toContain('2 entries, Saturday 21 November 2026 to Monday 23 November 2026.');
    expect(some).not.toContain('Friday 20');
    expect(some).not.toContain('Tuesday 24');
  });
});

describe('CSV export', () => {
  it('is RFC 4180 with a BOM: one row per entry, quotes doubled, CRLF between rows', () => {
    const bytes = csvBytes(input);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = journalToCsv(input);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text).toContain(
      '"Rough night.\n\n- walked the dog\n- **called** mum, said ""I\'m fine"""',
    );
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('parses back with a standard parser to the same values', () => {
    const parsed = Papa.parse<Record<string, string>>(
      fromUtf8(csvBytes(input)).replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(4);
    const [first, second, third, fourth] = parsed.data;
    expect(first).toMatchObject({
      id: 'entry-aaaa-0001',
      date: '2026-11-20',
      time: '08:30',
      utc_offset: '+01:00',
      mood: '2',
      emotions: 'tired; *anxious*',
      sleep: '5h, woke at 3',
    });
    expect(first!.text).toBe(FIXTURE[0]!.text);
    expect(second).toMatchObject({ kind: 'check-in', text: 'Better day 🌱, tea with Sam & Jo <3' });
    expect(third).toMatchObject({ mood: '', emotions: '', sleep: '', energy: '', text: '' });
    expect(fourth!.text).toBe(
      '# Not a heading?\nLine two, with "quotes", commas; and a tab\there.',
    );
  });
});

describe('JSON export', () => {
  it('is the documented versioned format and reads back to the same entries', () => {
    const bytes = jsonBytes(input);
    const json = JSON.parse(fromUtf8(bytes));
    expect(json).toMatchObject({
      format: 'hearth-journal',
      version: 2,
      exportedAt: input.exportedAt,
      range: null,
    });
    expect(json.entries.map((e: { id: string }) => e.id)).toEqual(FIXTURE.map((e) => e.id));
    const back = parseJournalFile(bytes);
    expect(back).toEqual({ ok: true, entries: FIXTURE, measures: [] });
  });

  it('round-trips a range export too', () => {
    const range = { from: '2026-11-22', to: '2026-11-24' };
    const back = parseJournalFile(jsonBytes({ ...input, range }));
    expect(back.ok && back.entries.map((e) => e.id)).toEqual([
      'entry-aaaa-0003',
      'entry-aaaa-0004',
    ]);
  });
});

describe('HTML for printing', () => {
  it('escapes every piece of text and carries no script or outside resource', () => {
    const nasty = entry('entry-evil-0001', '2026-11-23T10:00:00.000Z', {
      text: '<script>alert(1)</script><img src=x onerror=alert(2)>',
      emotions: ['"><svg onload=alert(3)>'],
    });
    const html = journalToHtml({ ...input, entries: [...FIXTURE, nasty] });
    expect(html).not.toMatch(/<(script|img|iframe|link)|<svg onload/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
    expect(html).not.toMatch(/\s(src|href)="/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img"/);
    expect(html).toContain('<path d="M');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('PDF export', () => {
  it('holds the summary, the chart labels and every entry as text; unknown glyphs become □', async () => {
    const bytes = await journalToPdf(input, { font: pdfFont() });
    expect(fromUtf8(bytes.slice(0, 5))).toBe('%PDF-');
    const { text } = await extractText(bytes, { mergePages: true });
    expect(text).toContain('Hearth journal');
    expect(text).toContain('4 entries');
    expect(text).toContain('Average mood by day');
    expect(text).toContain('Friday 20 November 2026, 08:30');
    expect(text).toContain('Emotions: tired, *anxious*');
    expect(text).toContain('Rough night.\n- walked the dog\n- **called** mum, said "I\'m fine"');
    expect(text).toContain('Better day □, tea with Sam & Jo <3');
    expect(text).not.toContain('🌱');
  });

  it('draws the chart as vector paths and reports progress to the end', async () => {
    const fractions: number[] = [];
    const many = Array.from({ length: 450 }, (_, i) =>
      entry(
        `many-${String(i).padStart(5, '0')}`,
        new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 * 20).toISOString(),
      ),
    );
    const bytes = await journalToPdf(
      { ...input, entries: many },
      { font: pdfFont(), onProgress: (f) => void fractions.push(f) },
    );
    expect(fractions).toEqual([200 / 450, 400 / 450, 1]);
    const { totalPages } = await extractText(bytes);
    expect(totalPages).toBeGreaterThan(5);
  });
});

describe('file names', () => {
  it('name the day or the range', () => {
    expect(exportFileName('csv', null, '2026-11-24')).toBe('hearth-journal-2026-11-24.csv');
    expect(exportFileName('markdown', { from: '2026-11-01', to: '2026-11-24' }, '2026-11-24')).toBe(
      'hearth-journal-2026-11-01-to-2026-11-24.md',
    );
  });
});
