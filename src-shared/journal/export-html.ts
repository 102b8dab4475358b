// A self-contained HTML rendering of the journal for Electron's printToPDF: inline styles and
// an inline SVG chart, no scripts, no external resources, and every piece of text escaped.
import { moodChartShape, periodFor, type ChartBox } from './chart';
import {
  entriesForExport,
  entryHeading,
  exportSummary,
  measuresForExport,
  moodText,
  type ExportInput,
} from './export-common';
import { MEASURES_HEADING, MEASURES_NOTE, measureSummaryLines } from './measures/summary';
import type { JournalEntry } from './schema';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
  body { font: 11pt/1.45 system-ui, 'DejaVu Sans', sans-serif; color: #2a221d; margin: 0; }
  h1 { font-size: 20pt; margin: 0 0 4pt; }
  h2 { font-size: 13pt; margin: 18pt 0 4pt; color: #9c4a1f; break-after: avoid; }
  .summary { color: #5e5249; margin: 0 0 12pt; }
  .facts { margin: 0 0 6pt; padding: 0; list-style: none; color: #5e5249; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
  article { break-inside: avoid-page; border-bottom: 1px solid #ddd2c6; padding-bottom: 8pt; }
  svg { display: block; margin: 0 0 12pt; }
`;

/** The mood chart as an inline SVG element (a labelled image). */
export function moodChartSvg(
  entries: readonly JournalEntry[],
  box: ChartBox = { width: 640, height: 200 },
): string {
  const shape = moodChartShape(entries, periodFor(entries), box);
  const { plot } = shape;
  const label =
    shape.points.length === 0
      ? 'No moods recorded in this period.'
      : `Average mood by ${shape.period}, ${shape.points.length} points, on a scale of 1 to 5.`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="${escapeHtml(label)}">`,
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#ddd2c6"/>`,
  ];
  for (const t of shape.yTicks) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${t.y}" y2="${t.y}" stroke="#eee6dc"/>`,
    );
    parts.push(
      `<text x="${plot.left - 6}" y="${t.y + 4}" font-size="10" text-anchor="end" fill="#5e5249">${t.label}</text>`,
    );
  }
  for (const t of shape.xTicks) {
    parts.push(
      `<text x="${t.x}" y="${box.height - 6}" font-size="10" text-anchor="middle" fill="#5e5249">${escapeHtml(t.label)}</text>`,
    );
  }
  if (shape.path)
    parts.push(`<path d="${shape.path}" fill="none" stroke="#9c4a1f" stroke-width="1.5"/>`);
  if (shape.dots.length <= 400)
    for (const d of shape.dots)
      parts.push(`<circle cx="${d.x}" cy="${d.y}" r="2.5" fill="#9c4a1f"/>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The questionnaire results as a section, or nothing when there are none. */
function measuresHtml(input: ExportInput): string {
  const lines = measureSummaryLines(measuresForExport(input));
  if (lines.length === 0) return '';
  const items = lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  return `<section><h2>${MEASURES_HEADING}</h2><p class="summary">${escapeHtml(MEASURES_NOTE)}</p><ul>${items}</ul></section>`;
}

/** The journal as one HTML document, ready to print. */
export function journalToHtml(input: ExportInput): string {
  const entries = entriesForExport(input);
  const listed = input.withEntries === false ? [] : entries;
  const articles = listed.map((e) => {
    const facts: string[] = [];
    if (e.mood !== null) facts.push(`<li>Mood: ${escapeHtml(moodText(e.mood))}</li>`);
    if (e.emotions.length > 0)
      facts.push(`<li>Emotions: ${escapeHtml(e.emotions.join(', '))}</li>`);
    if (e.sleep) facts.push(`<li>Sleep: ${escapeHtml(e.sleep)}</li>`);
    if (e.energy) facts.push(`<li>Energy: ${escapeHtml(e.energy)}</li>`);
    const kind = e.kind === 'check-in' ? ' (check-in)' : '';
    return `<article><h2>${escapeHtml(entryHeading(e))}${kind}</h2>${facts.length ? `<ul class="facts">${facts.join('')}</ul>` : ''}${e.text.trim() ? `<p class="text">${escapeHtml(e.text.trimEnd())}</p>` : ''}</article>`;
  });
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    // Nothing in this document may load or run anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Hearth journal</title><style>${STYLE}</style></head><body>`,
    `<h1>Hearth journal</h1><p class="summary">${escapeHtml(exportSummary(entries.length, input.range))}. Exported ${escapeHtml(input.exportedAt)}.</p>`,
    moodChartSvg(entries),
    measuresHtml(input),
    articles.join('\n'),
    '</body></html>',
  ].join('\n');
}
