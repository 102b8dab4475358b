// Markdown export: one readable file. The entry text is the writer's own Markdown and is kept
// as written; everything Hearth adds around it (emotions, notes) is escaped so it reads as text.
import { utf8 } from '../bytes';
import {
  entriesForExport,
  entryHeading,
  exportSummary,
  measuresForExport,
  moodText,
  type ExportInput,
} from './export-common';
import { MEASURES_HEADING, MEASURES_NOTE, measureSummaryLines } from './measures';

/** Backslash-escapes Markdown's special characters (CommonMark's ASCII punctuation) and folds newlines. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+\-.!|~]/g, '\\$&').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The journal as one Markdown document: questionnaire results, then entries, oldest first. */
export function journalToMarkdown(input: ExportInput): string {
  const entries = entriesForExport(input);
  const out: string[] = [
    '# Hearth journal',
    '',
    `${exportSummary(entries.length, input.range)}. Exported ${input.exportedAt}.`,
    '',
  ];
  const results = measureSummaryLines(measuresForExport(input));
  if (results.length > 0)
    out.push(
      `## ${MEASURES_HEADING}`,
      '',
      escapeMarkdown(MEASURES_NOTE),
      '',
      ...results.map((line) => `- ${escapeMarkdown(line)}`),
      '',
      '---',
      '',
    );
  for (const e of entries) {
    out.push(`## ${entryHeading(e)}${e.kind === 'check-in' ? ' (check-in)' : ''}`, '');
    const facts: string[] = [];
    if (e.mood !== null) facts.push(`- **Mood:** ${moodText(e.mood)}`);
    if (e.emotions.length > 0)
      facts.push(`- **Emotions:** ${e.emotions.map(escapeMarkdown).join(', ')}`);
    if (e.sleep) facts.push(`- **Sleep:** ${escapeMarkdown(e.sleep)}`);
    if (e.energy) facts.push(`- **Energy:** ${escapeMarkdown(e.energy)}`);
    if (facts.length > 0) out.push(...facts, '');
    if (e.text.trim()) out.push(e.text.replace(/\r\n?/g, '\n').trimEnd(), '');
    // A blank line before the rule keeps it a rule (after a paragraph, `---` would make a heading).
    out.push('---', '');
  }
  return out.join('\n');
}

export const markdownBytes = (input: ExportInput): Uint8Array => utf8(journalToMarkdown(input));
