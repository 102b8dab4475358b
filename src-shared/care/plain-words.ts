// The care check's hot loop: reading the plain words of a message (lower-case ASCII letters
// between spaces and punctuation) into lexicon word ids. It runs over every character of every
// received message, so it is one small function over bytes with its state in locals, and it
// stops at the first word that needs more (tokens.ts handles that one and calls it again).
// Everything it reads is defined in this module: a module transform (vitest's, tsx's) may turn
// an imported binding into a getter call on every read.

/** Token ids that are not words: a sentence end, a number, a word the lexicon does not know. */
const enum Token {
  Boundary = -1,
  Number = -2,
  Unknown = -3,
  /** Not a token: what a contraction pushes after its word when that is nothing ('s). */
  NoSuffix = -100,
}
export const BOUNDARY: number = Token.Boundary;
export const NUMBER: number = Token.Number;
export const UNKNOWN: number = Token.Unknown;

/** The hash of a word, one character at a time (lexicon.ts hashes its words the same way). */
export function hashStep(hash: number, charCode: number): number {
  return (Math.imul(hash, 31) + charCode) | 0;
}

const enum Char {
  Apostrophe = 39,
  Hyphen = 45,
}
export const APOSTROPHE: number = Char.Apostrophe;
export const HYPHEN: number = Char.Hyphen;
export const isLetter = (c: number): boolean => c >= 97 && c <= 122;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Characters kept inside a word for the slow path: ' @ $ ! * and the backtick. */
export const isWordSymbol = (c: number): boolean =>
  c === APOSTROPHE || c === 64 || c === 36 || c === 33 || c === 42 || c === 96;
/** . ! ? ; : , and line breaks end a sentence; a gap in a pattern never crosses one. */
const isBoundary = (c: number): boolean =>
  c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 44 || c === 10 || c === 13;

/**
 * What each byte is to the loop, read once per character. Const enums (here and above) are
 * inlined as numbers by the compiler: the loop compares with constants, not variables.
 */
const enum Kind {
  Other = 0,
  Letter = 1,
  WordPart = 2, // a digit or a symbol kept inside a word
  SentenceEnd = 3,
}
const KIND = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if (isLetter(c)) KIND[c] = Kind.Letter;
  else if (isDigit(c) || isWordSymbol(c)) KIND[c] = Kind.WordPart;
  else if (isBoundary(c)) KIND[c] = Kind.SentenceEnd;
  else KIND[c] = Kind.Other;
}

/**
 * At a separator `at` after a word of `length` characters: is it one letter, a dot (or - or _),
 * then one more letter standing alone, as in d.i.e? Then the letters are read as one word.
 */
export function spelledOut(s: string, at: number, length: number): boolean {
  const separator = s.charCodeAt(at);
  if (length !== 1 || (separator !== 46 && separator !== HYPHEN && separator !== 95)) return false;
  const next = at + 1 < s.length ? s.charCodeAt(at + 1) : 32;
  const afterNext = at + 2 < s.length ? s.charCodeAt(at + 2) : 32;
  return isLetter(next) && !isLetter(afterNext) && !isDigit(afterNext) && !isWordSymbol(afterNext);
}

/** What the loop reads and writes: the lexicon's hash table (lexicon.ts) and the output. */
export interface PlainWordTable {
  readonly hashes: Int32Array;
  readonly slots: Int32Array;
  readonly mask: number;
  readonly letters: Uint8Array;
  readonly offsets: Int32Array;
  /** Non-zero for a word that is rewritten (a spelling) or may be a fuzzy word's near miss. */
  readonly special: Uint8Array;
  /** Non-zero for the words that start a concern pattern: their positions are noted. */
  readonly startMarks: Uint8Array;
  /** Non-zero at the first letter of a fuzzy word, and the shortest length a near miss has. */
  readonly fuzzyFirst: Uint8Array;
  readonly fuzzyMinLength: number;
  /** The ids of the fuzzy words: a word one typo away from one of them is read as it. */
  readonly fuzzyIds: Int32Array;
  /** The ids of CONTRACTED's words (UNKNOWN for one the lexicon does not use). */
  readonly contracted: Int32Array;
  /** Two ids of room for readContraction's answer. */
  readonly scratch: Int32Array;
}

/** Where the loop is: the next byte, the tokens written, the start positions noted. */
export interface PlainWordState {
  at: number;
  count: number;
  startCount: number;
}

/** Ids of the words contractions split into, in `PlainWordTable.contracted`, by these indices. */
export const CONTRACTED = ['am', 'are', 'have', 'will', 'would', 'not', 'can', 'is'] as const;
const [AM, ARE, HAVE, WILL, WOULD, NOT, CAN, IS] = [0, 1, 2, 3, 4, 5, 6, 7];

/** The id of the plain word `bytes[start .. start + length)` with hash `hash`, or UNKNOWN. */
function findWord(
  table: PlainWordTable,
  bytes: Uint8Array,
  start: number,
  length: number,
  hash: number,
): number {
  const { hashes, slots, mask, letters, offsets } = table;
  for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    if (hashes[slot] !== hash) continue;
    const id = slots[slot]! - 1;
    const offset = offsets[id]!;
    if (offsets[id + 1]! - offset !== length) continue;
    let same = 0;
    while (same < length && letters[offset + same] === bytes[start + same]) same++;
    if (same === length) return id;
  }
  return Token.Unknown;
}

/**
 * Whether `bytes[start .. start + length)` is one substitution, insertion, deletion or swap of
 * two neighbours away from `letters[offset .. offset + size)` (or equal), without allocating.
 */
function oneEditAway(
  bytes: Uint8Array,
  start: number,
  length: number,
  letters: Uint8Array,
  offset: number,
  size: number,
): boolean {
  if (length - size > 1 || size - length > 1) return false;
  let i = 0;
  while (i < length && i < size && bytes[start + i] === letters[offset + i]) i++;
  if (i === length && i === size) return true;
  // The rest must agree after skipping one character on one side, or both, or a swap.
  const rest = (skipWord: number, skipTarget: number): boolean => {
    let a = i + skipWord;
    let b = i + skipTarget;
    while (a < length && b < size && bytes[start + a] === letters[offset + b]) {
      a++;
      b++;
    }
    return a === length && b === size;
  };
  if (length === size) {
    if (rest(1, 1)) return true;
    const swapped =
      i + 1 < length &&
      bytes[start + i] === letters[offset + i + 1] &&
      bytes[start + i + 1] === letters[offset + i];
    return swapped && rest(2, 2);
  }
  return length > size ? rest(1, 0) : rest(0, 1);
}

/** The fuzzy word the plain word at `start` is one typo away from, or Token.Unknown. */
function fuzzyMatch(table: PlainWordTable, bytes: Uint8Array, start: number, length: number) {
  const { fuzzyIds, letters, offsets } = table;
  for (let k = 0; k < fuzzyIds.length; k++) {
    const id = fuzzyIds[k]!;
    const offset = offsets[id]!;
    if (letters[offset] !== bytes[start]) continue;
    if (oneEditAway(bytes, start, length, letters, offset, offsets[id + 1]! - offset)) return id;
  }
  return Token.Unknown;
}

/**
 * The word and suffix ids of the contraction whose apostrophe is at `at` (I'm, don't, it's),
 * in `result`, and the index after it; or -1 when it is not one of the common ones.
 */
function readContraction(
  table: PlainWordTable,
  bytes: Uint8Array,
  n: number,
  start: number,
  at: number,
  result: Int32Array,
): number {
  let end = at + 1;
  while (end < n && KIND[bytes[end]!] === Kind.Letter) end++;
  if (end < n && KIND[bytes[end]!] === Kind.WordPart) return -1;
  const suffix = end - at - 1;
  const first = suffix >= 1 ? bytes[at + 1]! : 0;
  const second = suffix === 2 ? bytes[at + 2]! : 0;
  const ids = table.contracted;
  let length = at - start;
  let suffixId: number;
  if (suffix === 1 && first === 109)
    suffixId = ids[AM]!; // 'm
  else if (suffix === 1 && first === 100)
    suffixId = ids[WOULD]!; // 'd
  else if (suffix === 1 && first === 115)
    suffixId = Token.NoSuffix; // 's
  else if (suffix === 2 && first === 114 && second === 101)
    suffixId = ids[ARE]!; // 're
  else if (suffix === 2 && first === 118 && second === 101)
    suffixId = ids[HAVE]!; // 've
  else if (suffix === 2 && first === 108 && second === 108)
    suffixId = ids[WILL]!; // 'll
  else if (suffix === 1 && first === 116 && length >= 2 && bytes[at - 1] === 110) {
    // n't: don't -> do not; won't, can't and ain't change their head too.
    suffixId = ids[NOT]!;
    length--;
    const a = bytes[start]!;
    const b = bytes[start + 1]!;
    const head =
      length !== 2 ? -1 : a === 119 && b === 111 ? WILL : a === 99 && b === 97 ? CAN : -1;
    const isAint = length === 2 && a === 97 && b === 105;
    if (head >= 0 || isAint) {
      result[0] = ids[isAint ? IS : head]!;
      result[1] = suffixId;
      return end;
    }
  } else {
    return -1;
  }
  let hash = 0;
  for (let k = start; k < start + length; k++) hash = (Math.imul(hash, 31) + bytes[k]!) | 0;
  result[0] = findWord(table, bytes, start, length, hash);
  result[1] = suffixId;
  return end;
}

/**
 * Reads plain words from `state.at` in `bytes[0 .. n)` (the text `s`, ASCII), writing ids to
 * `out` and noting pattern starts in `starts`, both with room for every token. Returns the start
 * of the first word it cannot finish alone (tokens.ts reads that one), or -1 at the end.
 */
export function readPlainWords(
  s: string,
  bytes: Uint8Array,
  n: number,
  table: PlainWordTable,
  out: Int32Array,
  starts: Int32Array,
  state: PlainWordState,
): number {
  const { hashes, slots, mask, letters, offsets } = table;
  const { special, startMarks, fuzzyFirst, fuzzyMinLength, scratch } = table;
  // A module-level binding copied into a local: a test runner or loader may wrap this module
  // in a function, and a captured binding read per character costs more than a local one.
  const kinds = KIND;
  let count = state.count;
  let startCount = state.startCount;
  let i = state.at;
  let rare = -1;
  while (i < n) {
    let c = bytes[i]!;
    const kind = kinds[c]! as Kind;
    if (kind !== Kind.Letter) {
      if (kind === Kind.WordPart) {
        rare = i;
        break;
      }
      if (kind === Kind.SentenceEnd && (count === 0 || out[count - 1] !== Token.Boundary)) {
        out[count++] = Token.Boundary;
      }
      i++;
      continue;
    }
    const start = i;
    let hash = 0;
    let previous = 0;
    let run = 0;
    let longRun = false;
    do {
      if (c === previous) {
        if (++run === 3) longRun = true;
      } else {
        run = 1;
        previous = c;
      }
      hash = (Math.imul(hash, 31) + c) | 0; // hashStep, inlined
      c = ++i < n ? bytes[i]! : 32;
    } while (kinds[c] === Kind.Letter);
    const length = i - start;
    let id: number = Token.Unknown;
    let suffixId: number = Token.NoSuffix;
    let end = i;
    if (c === (Char.Apostrophe as number) && !longRun) {
      end = readContraction(table, bytes, n, start, i, scratch);
      if (end >= 0) {
        id = scratch[0]!;
        suffixId = scratch[1]!;
      }
    } else if (
      !longRun &&
      kinds[c] !== Kind.WordPart &&
      !(length === 1 && spelledOut(s, i, length))
    ) {
      // findWord, inlined: this runs for almost every word.
      for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
        if (hashes[slot] !== hash) continue;
        const candidate = slots[slot]! - 1;
        const offset = offsets[candidate]!;
        if (offsets[candidate + 1]! - offset !== length) continue;
        let same = 0;
        while (same < length && letters[offset + same] === bytes[start + same]) same++;
        if (same === length) {
          id = candidate;
          break;
        }
      }
    } else {
      end = -1;
    }
    // A long Kind.Letter run, a digit or symbol, a Char.Hyphen on either side, spelled-out letters, a
    // spelling to rewrite: the word needs more than this.
    if (
      end < 0 ||
      (end < n && bytes[end] === Char.Hyphen) ||
      (start > 0 && bytes[start - 1] === Char.Hyphen) ||
      (id >= 0 && special[id] === 1)
    ) {
      rare = start;
      break;
    }
    if (
      id === (Token.Unknown as number) &&
      length >= fuzzyMinLength &&
      fuzzyFirst[bytes[start]!] === 1
    ) {
      id = fuzzyMatch(table, bytes, start, length);
    }
    if (id >= 0 && startMarks[id] === 1) starts[startCount++] = count;
    out[count++] = id;
    if (suffixId !== (Token.NoSuffix as number)) {
      if (suffixId >= 0 && startMarks[suffixId] === 1) starts[startCount++] = count;
      out[count++] = suffixId;
    }
    i = end;
  }
  state.at = rare >= 0 ? rare : i;
  state.count = count;
  state.startCount = startCount;
  return rare;
}
