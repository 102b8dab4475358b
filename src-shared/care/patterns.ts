// The care lexicon's pattern language (described in lexicon/en.json's $comment): compiling a
// pattern's text, and finding the first concern pattern that matches where no idiom does.
//
// Matching runs over every word of every received message, so an element is one shape for
// all kinds (a word set is a bit set over word ids) and patterns sit in a trie of their leading
// words, reached only from the words the tokenizer noted as pattern starts.
import { BOUNDARY, NUMBER, type Tokens } from './tokens';

// Read once into this module: a module transform may make an imported binding a getter.
const SENTENCE_END = BOUNDARY;
const A_NUMBER = NUMBER;

export interface Element {
  readonly kind: 'words' | 'number' | 'gap' | 'end';
  /** For 'words': bit `id` is set for each word id the element accepts. */
  readonly words: Uint32Array;
  readonly optional: boolean;
  /** For 'gap': how many words it may skip. */
  readonly max: number;
}

export interface Pattern {
  readonly theme: string;
  readonly source: string;
  readonly elements: readonly Element[];
}

/**
 * A trie over the required words patterns start with (up to TRIE_DEPTH of them): the words
 * seen so far lead to a node, whose patterns are matched on from element `depth`. So "want to"
 * is read once for the dozen patterns that start with it, and "want to try" stops there.
 */
interface TrieNode {
  readonly depth: number;
  readonly patterns: Pattern[];
  children: Map<number, TrieNode> | null;
  /** For a node with children and no patterns: bit `id` set for each child, a quick reject. */
  follow: Uint32Array | null;
}
const TRIE_DEPTH = 3;

/** Patterns by their leading words (the roots: a dense array by word id) or a leading number. */
export interface PatternIndex {
  /** By word id: the words that start patterns lead somewhere, the others are undefined. */
  readonly roots: ReadonlyArray<TrieNode | undefined>;
  readonly byNumber: readonly Pattern[];
  /** The most tokens any pattern can match over. */
  readonly longest: number;
}

/** A pattern whose word elements still hold word ids, before the vocabulary is complete. */
export interface ParsedPattern {
  readonly theme: string;
  readonly source: string;
  readonly elements: readonly {
    kind: Element['kind'];
    ids: readonly number[];
    optional: boolean;
    max: number;
  }[];
}

/**
 * Parses one pattern; `wordsOf` gives the word ids of a word or `@group` (and throws for an
 * unknown group or a word that may not appear). Throws unless it starts with a required word.
 */
export function parsePattern(
  theme: string,
  source: string,
  wordsOf: (alternative: string) => number[],
): ParsedPattern {
  const elements = source.split(' ').map((text) => {
    if (text.startsWith('~')) {
      return { kind: 'gap' as const, ids: [], optional: false, max: Number(text.slice(1)) };
    }
    if (text === '$') return { kind: 'end' as const, ids: [], optional: false, max: 0 };
    const optional = text.endsWith('?');
    const body = optional ? text.slice(0, -1) : text;
    if (body === '#') return { kind: 'number' as const, ids: [], optional, max: 0 };
    const ids = body.split('|').flatMap(wordsOf);
    return { kind: 'words' as const, ids, optional, max: 0 };
  });
  const first = elements[0];
  if (!first || first.optional || (first.kind !== 'words' && first.kind !== 'number')) {
    throw new Error(`care lexicon: "${source}" must start with a required word or number`);
  }
  return { theme, source, elements };
}

/** How many leading elements of `pattern` are required words, at most TRIE_DEPTH. */
function requiredPrefix(elements: ParsedPattern['elements']): number {
  let depth = 0;
  while (depth < TRIE_DEPTH) {
    const element = elements[depth];
    if (element?.kind !== 'words' || element.optional) break;
    depth++;
  }
  return depth;
}

/** Indexes parsed patterns once every word has its id (`vocabularySize` of them). */
export function indexPatterns(
  parsed: readonly ParsedPattern[],
  vocabularySize: number,
): PatternIndex {
  const roots: (TrieNode | undefined)[] = Array.from({ length: vocabularySize }, () => undefined);
  const byNumber: Pattern[] = [];
  let longest = 0;
  for (const { theme, source, elements } of parsed) {
    longest = Math.max(
      longest,
      elements.reduce((sum, e) => sum + (e.kind === 'gap' ? e.max : 1), 0),
    );
    const compiled = elements.map(({ kind, ids, optional, max }): Element => {
      const words = new Uint32Array(Math.ceil(vocabularySize / 32));
      for (const id of ids) words[id >>> 5]! |= 1 << (id & 31);
      return { kind, words, optional, max };
    });
    const pattern: Pattern = { theme, source, elements: compiled };
    const depth = requiredPrefix(elements);
    if (depth === 0) {
      byNumber.push(pattern);
      continue;
    }
    // Every path of words through the required prefix leads to a node holding the pattern.
    let level: TrieNode[] = [];
    for (let d = 0; d < depth; d++) {
      const next: TrieNode[] = [];
      for (const id of new Set(elements[d]!.ids)) {
        if (d === 0) {
          roots[id] ??= { depth: 1, patterns: [], children: null, follow: null };
          next.push(roots[id]);
          continue;
        }
        for (const parent of level) {
          parent.children ??= new Map();
          let child = parent.children.get(id);
          if (!child)
            parent.children.set(
              id,
              (child = { depth: d + 1, patterns: [], children: null, follow: null }),
            );
          next.push(child);
        }
      }
      level = next;
    }
    for (const node of new Set(level)) node.patterns.push(pattern);
  }
  for (const root of roots) {
    if (root?.children && root.patterns.length === 0) {
      root.follow = new Uint32Array(Math.ceil(vocabularySize / 32));
      for (const id of root.children.keys()) root.follow[id >>> 5]! |= 1 << (id & 31);
    }
  }
  return { roots, byNumber, longest };
}

function accepts(element: Element, id: number): boolean {
  if (element.kind === 'number') return id === A_NUMBER;
  return id >= 0 && ((element.words[id >>> 5]! >>> (id & 31)) & 1) === 1;
}

/** The index just after `elements[k..]` matched from token `at`, or -1: first match wins. */
function matchFrom(elements: readonly Element[], k: number, tokens: Tokens, at: number): number {
  if (k === elements.length) return at;
  const element = elements[k]!;
  const { ids, length } = tokens;
  if (element.kind === 'gap') {
    for (let skip = 0; skip <= element.max; skip++) {
      const skipped = at + skip - 1;
      if (skip > 0 && (skipped >= length || ids[skipped] === SENTENCE_END)) break;
      const end = matchFrom(elements, k + 1, tokens, at + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (element.kind === 'end') {
    if (at >= length) return matchFrom(elements, k + 1, tokens, at);
    return ids[at] === SENTENCE_END ? matchFrom(elements, k + 1, tokens, at + 1) : -1;
  }
  if (at < length && accepts(element, ids[at]!)) {
    const end = matchFrom(elements, k + 1, tokens, at + 1);
    if (end >= 0) return end;
  }
  return element.optional ? matchFrom(elements, k + 1, tokens, at) : -1;
}

/** What to do with each pattern that matches from `at` to `end`: true stops the walk. */
interface Visitor {
  visit(pattern: Pattern, at: number, end: number): boolean;
}

/** Offers `visitor` each pattern matching from token `at`; true if the visitor stopped there. */
function matchAt(index: PatternIndex, tokens: Tokens, at: number, visitor: Visitor): boolean {
  const { ids, length } = tokens;
  const first = ids[at]!;
  if (first === A_NUMBER) {
    for (const pattern of index.byNumber) {
      const end = matchFrom(pattern.elements, 1, tokens, at + 1);
      if (end >= 0 && visitor.visit(pattern, at, end)) return true;
    }
    return false;
  }
  let node = first >= 0 ? index.roots[first] : undefined;
  while (node !== undefined) {
    const from = at + node.depth;
    for (const pattern of node.patterns) {
      const end = matchFrom(pattern.elements, node.depth, tokens, from);
      if (end >= 0 && visitor.visit(pattern, at, end)) return true;
    }
    node = node.children !== null && from < length ? node.children.get(ids[from]!) : undefined;
  }
  return false;
}

/** Whether an idiom pattern matches over any of the tokens `[from, to)`. */
function idiomOverlaps(idioms: PatternIndex, tokens: Tokens, from: number, to: number): boolean {
  const overlap: Visitor = { visit: (_pattern, at, end) => at < to && from < end };
  // An idiom that overlaps starts at most `longest` tokens before `from`.
  for (let at = Math.max(0, from - idioms.longest); at < to; at++) {
    if (matchAt(idioms, tokens, at, overlap)) return true;
  }
  return false;
}

/** The first concern pattern matching `tokens` over words no idiom pattern matches, or null. */
export function findConcern(
  concern: PatternIndex,
  idioms: PatternIndex,
  tokens: Tokens,
): Pattern | null {
  let found: Pattern | null = null;
  const judge: Visitor = {
    visit: (pattern, at, end) => {
      if (idiomOverlaps(idioms, tokens, at, end)) return false;
      found = pattern;
      return true;
    },
  };
  if (concern.byNumber.length > 0) {
    for (let at = 0; at < tokens.length; at++) {
      if (matchAt(concern, tokens, at, judge)) return found;
    }
    return null;
  }
  // Only words that start a concern pattern can start a match: the tokenizer noted where they are.
  const { ids, length, starts, startCount } = tokens;
  for (let k = 0; k < startCount; k++) {
    const at = starts[k]!;
    // Most starts are common words ("i", "it", "if") that no pattern continues with the next one.
    const follow = concern.roots[ids[at]!]?.follow;
    const next = at + 1 < length ? ids[at + 1]! : -1;
    if (follow && (next < 0 || ((follow[next >>> 5]! >>> (next & 31)) & 1) === 0)) continue;
    if (matchAt(concern, tokens, at, judge)) return found;
  }
  return null;
}
