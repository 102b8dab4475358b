import { matchRanges } from '../../../src-shared/search/fold-text';

/** A piece of a result's text; `match` pieces are drawn marked. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Characters of context shown before the first match. */
const BEFORE = 40;
/** The longest snippet drawn (characters): a result is a pointer to the message, not all of it. */
const LENGTH = 220;

/**
 * The part of `text` around its first match, cut at spaces where it can be, split into marked
 * and unmarked pieces. Plain text: React escapes it, and no Markdown is drawn in results.
 */
export function snippetOf(text: string, words: readonly string[]): SnippetPart[] {
  const ranges = matchRanges(text, words);
  let start = Math.max(0, (ranges[0]?.[0] ?? 0) - BEFORE);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < (ranges[0]?.[0] ?? 0)) start = space + 1;
  }
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + LENGTH / 2) end = space;
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > at) parts.push({ text: text.slice(at, a), match: false });
    parts.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (at < end) parts.push({ text: text.slice(at, end), match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
