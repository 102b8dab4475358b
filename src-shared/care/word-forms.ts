// How the care check reads a word that is not plainly spelled: accents and invisible characters,
// look-alike characters (su1c1de, k!ll, $elf), masks (s*icide), long letter runs (diiie),
// contractions (don't) and typos one edit away from a fuzzy word (suicdal). These run only for
// the rare word that needs them (tokens.ts), never for every word.
import type { Vocabulary } from './lexicon';
import { UNKNOWN } from './plain-words';

/** Removes accents and invisible characters and makes typographic apostrophes plain. */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u00ad\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019\u02bc\u2032\u00b4]/g, "'")
    .toLowerCase();
}

/** Characters that stand for letters in disguised words. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Damerau distance at most 1 (one substitution, insertion, deletion or swap), without tables. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The id of the fuzzy word `word` is one typo away from (same first letter), else UNKNOWN. */
export function fuzzyId(word: string, vocabulary: Vocabulary): number {
  for (const entry of vocabulary.fuzzy) {
    if (word[0] === entry.word[0] && withinOneEdit(word, entry.word)) return entry.id;
  }
  return UNKNOWN;
}

/** A masked word (`s*icide`, `k**l`): the first lexicon word it can stand for. */
function unmask(word: string, vocabulary: Vocabulary): string {
  for (const candidate of vocabulary.byLength.get(word.length) ?? []) {
    let fits = true;
    for (let i = 0; i < word.length && fits; i++) {
      fits = word[i] === '*' || word[i] === candidate[i];
    }
    if (fits) return candidate;
  }
  return word;
}

/** A word with letter runs of three or more: shortened to two, or to one if only that is known. */
function shortenRuns(word: string, vocabulary: Vocabulary): string {
  const two = word.replace(/([a-z])\1{2,}/g, '$1$1');
  if (vocabulary.ids.has(two)) return two;
  const one = word.replace(/([a-z])\1{2,}/g, '$1');
  return vocabulary.ids.has(one) ? one : two;
}

/** The word a disguised one stands for: look-alikes mapped, masks resolved, long runs shortened. */
export function undisguise(part: string, vocabulary: Vocabulary): string {
  let word = part.replace(/[013457@$!]/g, (c) => LOOK_ALIKES[c] ?? c);
  if (word.includes('*')) word = unmask(word, vocabulary);
  if (/([a-z])\1\1/.test(word)) word = shortenRuns(word, vocabulary);
  return word;
}

const SUFFIXES: Readonly<Record<string, string | null>> = {
  m: 'am',
  re: 'are',
  ve: 'have',
  ll: 'will',
  d: 'would',
  s: null, // a possessive or "is": dropped
};
const NOT_HEADS: Readonly<Record<string, string>> = {
  wo: 'will',
  ca: 'can',
  ai: 'is',
  sha: 'shall',
};

/** Splits a contraction: don't -> do not, I'm -> i am, she's -> she; else splits at apostrophes. */
export function splitContraction(word: string): string[] {
  if (word.endsWith("n't")) {
    const head = word.slice(0, -3);
    return [NOT_HEADS[head] ?? head, 'not'];
  }
  const cut = word.lastIndexOf("'");
  const suffix = SUFFIXES[word.slice(cut + 1)];
  if (suffix === undefined) return word.split("'");
  return suffix === null ? [word.slice(0, cut)] : [word.slice(0, cut), suffix];
}
