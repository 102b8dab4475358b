// The care check's word lists (lexicon/<language>.json): their schema, and their compiled form.
// The pattern language is described in the JSON file's own $comment, for whoever extends it.
import { z } from 'zod';
import { indexPatterns, parsePattern, type ParsedPattern, type PatternIndex } from './patterns';
import { hashStep } from './plain-words';

const WORD = /^[a-z]+$/;
/** One pattern element: `a|b|@group` with an optional `?`, a gap `~N`, `$` or `#`. */
const ELEMENT = /^(?:~[1-6]|\$|#\??|@?[a-z]+(?:\|@?[a-z]+)*\??)$/;

const patternText = z
  .string()
  .refine((text) => text.split(' ').every((element) => ELEMENT.test(element)), {
    message: 'a pattern is elements separated by single spaces: a|b|@group, x?, ~N, $ or #',
  });

const themes = z.record(z.string().min(1), z.array(patternText).min(1));

/** The shape of a lexicon file. */
export const careLexiconSchema = z.strictObject({
  $comment: z.string().min(1),
  language: z.string().regex(/^[a-z]{2,3}$/),
  spellings: z.record(z.string().regex(WORD), z.string().regex(/^[a-z]+(?: [a-z]+)*$/)),
  fuzzy: z.array(z.string().regex(/^[a-z]{6,}$/)),
  groups: z.record(z.string().regex(WORD), z.array(z.string().regex(WORD)).min(1)),
  concern: themes,
  idioms: themes,
});
export type CareLexicon = z.infer<typeof careLexiconSchema>;

export interface Vocabulary {
  readonly ids: ReadonlyMap<string, number>;
  readonly words: readonly string[];
  /**
   * An open-addressing table from a word's hash (`hashStep` over its characters) to its id:
   * slot `hash & mask` onwards holds `hashes[slot]` and `slots[slot]` = id + 1 (0 is empty).
   * The tokenizer looks up every word of every message here, without making a string.
   */
  readonly table: {
    readonly hashes: Int32Array;
    readonly slots: Int32Array;
    readonly mask: number;
    /** Every word's letters, one after another: word `id` is `letters[offsets[id] .. offsets[id + 1])`. */
    readonly letters: Uint8Array;
    readonly offsets: Int32Array;
  };
  /** Words by length, to resolve a masked word such as `s*icide`. */
  readonly byLength: ReadonlyMap<number, readonly string[]>;
  /** A spelling's id to the ids it is rewritten into (`wanna` to `want`, `to`). */
  readonly expansions: ReadonlyArray<readonly number[] | undefined>;
  readonly fuzzy: readonly { word: string; id: number }[];
}

export interface CompiledLexicon {
  readonly vocabulary: Vocabulary;
  readonly concern: PatternIndex;
  readonly idioms: PatternIndex;
}

function hashWord(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}

/** Vocabulary['table'] for `words`, at most a quarter full so that probes stay short. */
function hashTable(words: readonly string[]): Vocabulary['table'] {
  let size = 64;
  while (size < words.length * 4) size *= 2;
  const hashes = new Int32Array(size);
  const slots = new Int32Array(size);
  const mask = size - 1;
  words.forEach((word, id) => {
    const hash = hashWord(word);
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    hashes[slot] = hash;
    slots[slot] = id + 1;
  });
  const offsets = new Int32Array(words.length + 1);
  words.forEach((word, id) => (offsets[id + 1] = offsets[id]! + word.length));
  // Lexicon words are [a-z] only (the schema says so), so each character is one byte.
  const letters = Uint8Array.from(words.join(''), (char) => char.charCodeAt(0));
  return { hashes, slots, mask, letters, offsets };
}

class VocabularyBuilder {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];

  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }
}

/** Word ids for a pattern's alternative: one word, or every word of `@group`. */
function wordsOf(alternative: string, lexicon: CareLexicon, builder: VocabularyBuilder): number[] {
  const words = alternative.startsWith('@') ? lexicon.groups[alternative.slice(1)] : [alternative];
  if (!words) throw new Error(`care lexicon: unknown group ${alternative}`);
  return words.map((word) => {
    // A spelling is rewritten before matching, so a pattern naming it could never match.
    if (word in lexicon.spellings) {
      throw new Error(`care lexicon: "${word}" is a spelling; a pattern must use its rewrite`);
    }
    return builder.idOf(word);
  });
}

function parseThemes(
  themes: Record<string, string[]>,
  lexicon: CareLexicon,
  builder: VocabularyBuilder,
): ParsedPattern[] {
  return Object.entries(themes).flatMap(([theme, sources]) =>
    sources.map((source) =>
      parsePattern(theme, source, (alternative) => wordsOf(alternative, lexicon, builder)),
    ),
  );
}

/** Parses a lexicon file and compiles it; throws on a malformed file or an unusable pattern. */
export function compileLexicon(raw: unknown): CompiledLexicon {
  const lexicon = careLexiconSchema.parse(raw);
  const builder = new VocabularyBuilder();
  const concern = parseThemes(lexicon.concern, lexicon, builder);
  const idioms = parseThemes(lexicon.idioms, lexicon, builder);
  const rewrites = Object.entries(lexicon.spellings).map(([spelling, rewrite]) => ({
    id: builder.idOf(spelling),
    target: rewrite.split(' ').map((word) => builder.idOf(word)),
  }));
  const fuzzy = lexicon.fuzzy.map((word) => ({ word, id: builder.idOf(word) }));
  // Dense, one entry per word, so that reading it for every word stays a plain array access.
  const expansions: (readonly number[] | undefined)[] = builder.words.map(() => undefined);
  for (const { id, target } of rewrites) expansions[id] = target;
  const byLength = new Map<number, string[]>();
  builder.words.forEach((word) => {
    byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
  });
  const vocabulary: Vocabulary = {
    ids: builder.ids,
    words: builder.words,
    table: hashTable(builder.words),
    byLength,
    expansions,
    fuzzy,
  };
  return {
    vocabulary,
    concern: indexPatterns(concern, builder.words.length),
    idioms: indexPatterns(idioms, builder.words.length),
  };
}
