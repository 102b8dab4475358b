// How hard a passphrase is to guess, by zxcvbn-ts (pattern matching against common passwords,
// names, English words, keyboard runs, dates and l33t), and the minimum Hearth accepts. The
// dictionaries (about 1.5 MB of the bundle) load on first use, so start-up does not pay for them.
import type { ZxcvbnResult } from '@zxcvbn-ts/core';

/** zxcvbn scores 0–4; 3 means "safely unguessable": about 10^8 guesses or more. */
export const MIN_PASSPHRASE_SCORE = 3;
export const MAX_PASSPHRASE_SCORE = 4;
/** Too short is refused before any scoring: a calm, simple rule people can follow. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface PassphraseStrength {
  /** 0 (very easy to guess) to 4 (very hard). */
  readonly score: number;
  readonly acceptable: boolean;
  /** One plain sentence on what makes it weak, or null. */
  readonly warning: string | null;
  readonly suggestions: readonly string[];
}

/** The first 100 characters decide: longer input would only slow each keystroke's estimate. */
const MAX_SCORED_CHARS = 100;

type Check = (passphrase: string) => ZxcvbnResult;
let checker: Promise<Check> | null = null;

/** Loads the estimator and its dictionaries once (dynamic imports: a chunk of their own). */
export function loadStrengthChecker(): Promise<Check> {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => {
    const factory = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      maxLength: MAX_SCORED_CHARS,
      // No Levenshtein matching: it made each estimate ten times slower (seconds on 2 busy cores).
      useLevenshteinDistance: false,
    });
    return (passphrase: string) => factory.check(passphrase, ['hearth']);
  });
  checker.catch(() => {
    checker = null; // a failed chunk load is tried again next time
  });
  return checker;
}

/** The strength of `passphrase`; `acceptable` is what the vault enforces. */
export async function passphraseStrength(passphrase: string): Promise<PassphraseStrength> {
  const check = await loadStrengthChecker();
  const result = check(passphrase);
  const longEnough = [...passphrase].length >= MIN_PASSPHRASE_LENGTH;
  return {
    score: result.score,
    acceptable: longEnough && result.score >= MIN_PASSPHRASE_SCORE,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}

/** The refusal of a passphrase under the minimum length (checked before loading anything), or null. */
export function lengthRefusal(passphrase: string): string | null {
  return [...passphrase].length < MIN_PASSPHRASE_LENGTH
    ? `Please use at least ${MIN_PASSPHRASE_LENGTH} characters.`
    : null;
}

/** Why a passphrase is refused, in words for the person choosing it; null when it is accepted. */
export function passphraseRefusal(passphrase: string, strength: PassphraseStrength): string | null {
  const short = lengthRefusal(passphrase);
  if (short !== null) return short;
  if (strength.score < MIN_PASSPHRASE_SCORE)
    return 'This passphrase would be easy for a computer to guess. Adding a few more unrelated words makes it much stronger.';
  return null;
}
