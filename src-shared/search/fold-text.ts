// Text as search compares it: case, accents and compatibility forms set aside, so "cafe" finds
// "Café" and "ﬁne" finds "fine". Whole messages are folded once and kept (message-search.ts);
// the few results drawn are folded again character by character to mark where a word matched.

const MARKS = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex -- every ASCII character, control ones included
const ASCII = /^[\x00-\x7f]*$/;
/** Letters that no Unicode decomposition takes apart but a reader treats as the plain letter. */
const PLAIN: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  // Lower-cased on its own a capital sigma is σ, inside a word's end ς: both are one letter.
  ς: 'σ',
};
const PLAIN_CLASS = `[${Object.keys(PLAIN).join('')}]`;
const HAS_PLAIN_LETTER = new RegExp(PLAIN_CLASS);
const PLAIN_LETTERS = new RegExp(PLAIN_CLASS, 'g');

/** `text` lower-cased, decomposed (NFKD) and without combining marks; equal for any spelling of the same letters. */
export function foldText(text: string): string {
  // Most messages are plain ASCII, where lower-casing is all folding does (and 5x cheaper).
  if (ASCII.test(text)) return text.toLowerCase();
  const folded = text.toLowerCase().normalize('NFKD').replace(MARKS, '');
  return HAS_PLAIN_LETTER.test(folded)
    ? folded.replace(PLAIN_LETTERS, (letter) => PLAIN[letter]!)
    : folded;
}

/** The words of a query, folded, without repeats; empty when the query has no word at all. */
export function queryWords(query: string): string[] {
  return [
    ...new Set(
      foldText(query)
        .split(/\s+/u)
        .filter((w) => w.length > 0),
    ),
  ];
}

/** Where in `text` (UTF-16 offsets, [start, end) pairs, in order, not overlapping) the folded `words` occur. */
export function matchRanges(text: string, words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  if (ASCII.test(text)) {
    // Lower-casing ASCII keeps every offset: no map from folded to original is needed.
    const lower = text.toLowerCase();
    for (const word of words)
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1))
        ranges.push([at, at + word.length]);
    return merge(ranges);
  }
  // Fold one code point at a time, remembering where each folded character came from.
  let folded = '';
  const from: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const size = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const piece = foldText(text.slice(i, i + size));
    for (let k = 0; k < piece.length; k++) from.push(i);
    folded += piece;
    i += size;
    // A combining mark folds to nothing: it belongs to the letter before it.
    if (piece.length === 0 && ends.length > 0) ends[ends.length - 1] = i;
    for (let k = 0; k < piece.length; k++) ends.push(i);
  }
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1))
      ranges.push([from[at]!, ends[at + word.length - 1]!]);
  }
  return merge(ranges);
}

/** Ranges in order, overlapping ones joined. */
function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
