// Turns a message into the word ids of a care lexicon. Plain words go through the hot loop in
// plain-words.ts; the rare word it stops at (a contraction, a disguised or misspelled word, a
// spelling to rewrite, a word beside a hyphen) is read here. Text with any non-ASCII character
// is first folded (accents and invisible characters removed, typographic apostrophes plain).
import type { Vocabulary } from './lexicon';
import {
  APOSTROPHE,
  BOUNDARY,
  CONTRACTED,
  HYPHEN,
  NUMBER,
  UNKNOWN,
  isDigit,
  isLetter,
  isWordSymbol,
  readPlainWords,
  spelledOut,
  type PlainWordState,
  type PlainWordTable,
} from './plain-words';
import { foldUnicode, fuzzyId, splitContraction, undisguise } from './word-forms';

export { BOUNDARY, NUMBER, UNKNOWN } from './plain-words';

/** Word ids (or BOUNDARY, NUMBER, UNKNOWN) in `ids[0 .. length)`. Valid until the next call. */
export interface Tokens {
  ids: Int32Array;
  length: number;
  /** Where the words marked as pattern starts are, in `starts[0 .. startCount)`, in order. */
  starts: Int32Array;
  startCount: number;
}

const encoder = new TextEncoder();

export class Tokenizer {
  private buffer = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private length = 0;
  private startCount = 0;
  /** Where the word before a hyphen started, if that word was unknown: sui-cide, ki-ll. */
  private hyphenStart = -1;
  private readonly state: PlainWordState = { at: 0, count: 0, startCount: 0 };
  private readonly table: PlainWordTable;
  /** The most words one word is rewritten into (a spelling such as wanna: want to). */
  private readonly longestRewrite: number;
  private readonly fuzzyMinLength: number;

  /**
   * `startMarks[id]` is 1 for the words that start a concern pattern: their positions are
   * noted while reading, so that matching looks at those words only.
   */
  constructor(
    private readonly vocabulary: Vocabulary,
    startMarks: Uint8Array,
  ) {
    const special = new Uint8Array(vocabulary.words.length);
    vocabulary.expansions.forEach((ids, id) => (special[id] = ids ? 1 : 0));
    const fuzzyFirst = new Uint8Array(256);
    for (const { word } of vocabulary.fuzzy) fuzzyFirst[word.charCodeAt(0)] = 1;
    this.fuzzyMinLength = Math.min(Infinity, ...vocabulary.fuzzy.map((f) => f.word.length - 1));
    this.table = {
      ...vocabulary.table,
      special,
      startMarks,
      fuzzyFirst,
      fuzzyMinLength: this.fuzzyMinLength,
      fuzzyIds: Int32Array.from(vocabulary.fuzzy, ({ id }) => id),
      contracted: Int32Array.from(CONTRACTED, (word) => vocabulary.ids.get(word) ?? UNKNOWN),
      scratch: new Int32Array(2),
    };
    this.longestRewrite = Math.max(1, ...vocabulary.expansions.map((ids) => ids?.length ?? 1));
  }

  /** The word ids of `text`, in buffers reused by the next call. */
  tokenize(text: string): Tokens {
    const lower = text.toLowerCase();
    // Folded, the text is ASCII, so its characters are its bytes again.
    if (!this.scan(lower)) this.scan(foldUnicode(lower).replace(/[^\0-\x7f]/g, ' '));
    const { buffer, length, starts, startCount } = this;
    return { ids: buffer, length, starts, startCount };
  }

  /** Reads `s` if it is ASCII (else returns false at once); its bytes are its characters. */
  private scan(s: string): boolean {
    const n = s.length;
    const bytes = encoder.encode(s);
    // More bytes than characters: not ASCII.
    if (bytes.length !== n) return false;
    this.reserve(n);
    this.length = this.startCount = 0;
    this.hyphenStart = -1;
    const state = this.state;
    state.at = state.count = state.startCount = 0;
    for (;;) {
      const rare = readPlainWords(s, bytes, n, this.table, this.buffer, this.starts, state);
      this.length = state.count;
      this.startCount = state.startCount;
      if (rare < 0) return true;
      state.at = this.pushRareWord(s, rare);
      state.count = this.length;
      state.startCount = this.startCount;
    }
  }

  /** Room for every token `n` characters can make, so that the hot loop never checks. */
  private reserve(n: number): void {
    const most = n * (this.longestRewrite + 1) + 16;
    if (this.buffer.length < most) this.buffer = new Int32Array(most);
    if (this.starts.length < most) this.starts = new Int32Array(most);
  }

  private push(id: number): void {
    if (this.length === this.buffer.length) this.buffer = grown(this.buffer);
    if (id >= 0 && this.table.startMarks[id] === 1) {
      if (this.startCount === this.starts.length) this.starts = grown(this.starts);
      this.starts[this.startCount++] = this.length;
    }
    this.buffer[this.length++] = id;
  }

  /** A sentence end; several in a row (?!, ...) are one. */
  private pushBoundary(): void {
    if (!this.lastIs(BOUNDARY)) this.push(BOUNDARY);
  }

  private lastIs(id: number): boolean {
    return this.length > 0 && this.buffer[this.length - 1] === id;
  }

  /** Pushes a word's id, or the ids a spelling is rewritten into. */
  private pushWordId(id: number): void {
    const expansion = id >= 0 ? this.vocabulary.expansions[id] : undefined;
    if (expansion) for (const part of expansion) this.push(part);
    else this.push(id);
  }

  /** A word's id, a fuzzy word's it is one typo away from, or UNKNOWN. */
  private wordId(word: string): number {
    const id = this.vocabulary.ids.get(word);
    if (id !== undefined) return id;
    return word.length >= this.fuzzyMinLength ? fuzzyId(word, this.vocabulary) : UNKNOWN;
  }

  /** The word at `start` that the hot loop stopped at; returns where to read on. */
  private pushRareWord(s: string, start: number): number {
    let end = start;
    while (end < s.length && isLetter(s.charCodeAt(end))) end++;
    const word = s.slice(start, end);
    const next = end < s.length ? s.charCodeAt(end) : 32;
    const longRun = /([a-z])\1\1/.test(word);
    if (next === APOSTROPHE && end > start && !longRun) {
      // The common contractions (I'm, don't, it's) are split without the slow path.
      const after = this.pushContraction(s, start, end);
      if (after > 0) {
        this.hyphenStart = -1;
        return after;
      }
    }
    if (end === start || longRun || isDigit(next) || isWordSymbol(next)) {
      return this.pushComplex(s, start);
    }
    if (spelledOut(s, end, end - start)) return this.pushComplex(s, start);
    const joinFrom = this.hyphenStart;
    this.pushWordId(this.wordId(word));
    this.afterWord(s, start, end, joinFrom);
    return end;
  }

  /**
   * A plain word whose apostrophe at `at` starts a known contraction suffix ending the word:
   * pushes its parts and returns the index after it; otherwise pushes nothing and returns -1.
   */
  private pushContraction(s: string, start: number, at: number): number {
    let end = at + 1;
    while (end < s.length && isLetter(s.charCodeAt(end))) end++;
    const following = end < s.length ? s.charCodeAt(end) : 32;
    if (isDigit(following) || isWordSymbol(following) || end === at + 1) return -1;
    for (const part of splitContraction(s.slice(start, end))) this.pushWordId(this.wordId(part));
    return end;
  }

  /** A word that needs normalising: read to its end (joining spelled-out letters), pushed. */
  private pushComplex(s: string, start: number): number {
    let end = start;
    let segmentStart = start;
    for (;;) {
      const c = end < s.length ? s.charCodeAt(end) : 32;
      if (isLetter(c) || isDigit(c) || isWordSymbol(c)) {
        end++;
      } else if (spelledOut(s, end, end - segmentStart)) {
        segmentStart = ++end;
      } else {
        break;
      }
    }
    const joinFrom = this.hyphenStart;
    this.pushRaw(s.slice(start, end));
    this.afterWord(s, start, end, joinFrom);
    return end;
  }

  private pushRaw(raw: string): void {
    let word = raw.replace(/`/g, "'");
    const trailing = /[!'*@$]+$/.exec(word)?.[0] ?? '';
    word = word.slice(0, word.length - trailing.length).replace(/^[!'*]+/, '');
    word = word.replace(/[._-]/g, '');
    for (const part of word.includes("'") ? splitContraction(word) : [word]) {
      if (part === '') continue;
      if (/[a-z]/.test(part)) this.pushWordId(this.wordId(undisguise(part, this.vocabulary)));
      else this.push(NUMBER);
    }
    if (trailing.includes('!')) this.pushBoundary();
  }

  /** Joins a hyphen-split word (sui-cide) and notes whether this word starts such a split. */
  private afterWord(s: string, start: number, end: number, joinFrom: number): void {
    if (joinFrom >= 0) this.joinHyphenated(s.slice(joinFrom, end));
    const hyphen = s.charCodeAt(end) === HYPHEN && isLetter(s.charCodeAt(end + 1));
    this.hyphenStart = hyphen && this.lastIs(UNKNOWN) ? start : -1;
  }

  /** Two unknown words around a hyphen that together make a known one become that word. */
  private joinHyphenated(raw: string): void {
    if (this.length < 2 || !this.lastIs(UNKNOWN) || this.buffer[this.length - 2] !== UNKNOWN) {
      return;
    }
    const id = this.vocabulary.ids.get(raw.replace(/-/g, ''));
    if (id === undefined) return;
    this.length -= 2;
    this.pushWordId(id);
  }
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
