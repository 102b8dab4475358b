// The care check (issue 17, "A care check on this device only"): does a text contain language
// about suicide or self-harm? It only decides whether to offer resources, so a negation or a
// third person ("my friend wants to kill herself") is still a concern; everyday idioms ("this
// homework is killing me") are not. Pure and synchronous: it runs on every received message,
// on this device, and nothing it sees or decides is logged, stored or sent.
//
// Phrases and idioms live in lexicon/<language>.json; this file only matches them: a concern
// pattern that matches where no idiom pattern overlaps it makes the text a concern.
import english from './lexicon/en.json';
import { compileLexicon } from './lexicon';
import { findConcern } from './patterns';
import { Tokenizer } from './tokens';

export { careLexiconSchema, type CareLexicon } from './lexicon';

export type CareVerdict = 'concern' | 'none';

/** Why a text is a concern: the lexicon theme and pattern that matched (for tests and tuning). */
export type CareExplanation =
  { verdict: 'none' } | { verdict: 'concern'; theme: string; pattern: string };

export interface CareChecker {
  check(text: string): CareVerdict;
  explain(text: string): CareExplanation;
}

/** A care check over a lexicon file's contents; throws if the file does not fit its schema. */
export function createCareCheck(lexiconFile: unknown): CareChecker {
  const lexicon = compileLexicon(lexiconFile);
  const concernStarts = Uint8Array.from(lexicon.concern.roots, (root) => (root ? 1 : 0));
  const tokenizer = new Tokenizer(lexicon.vocabulary, concernStarts);
  const explain = (text: string): CareExplanation => {
    const pattern = findConcern(lexicon.concern, lexicon.idioms, tokenizer.tokenize(text));
    return pattern
      ? { verdict: 'concern', theme: pattern.theme, pattern: pattern.source }
      : { verdict: 'none' };
  };
  return { explain, check: (text) => explain(text).verdict };
}

const englishCheck = createCareCheck(english);

/** 'concern' when `text` speaks of suicide or self-harm in English, else 'none'; never throws. */
export function careCheck(text: string): CareVerdict {
  return englishCheck.check(text);
}

/** careCheck's verdict with the lexicon pattern behind a concern; nothing is recorded anywhere. */
export function explainCareCheck(text: string): CareExplanation {
  return englishCheck.explain(text);
}
