// What a fuzz case is made of (issue 16): random bytes, and mutations of valid inputs (bit flips,
// truncation, extension, splicing two valid ones, length fields set to extremes). Every choice
// comes from the seeded generator passed in, so a case replays exactly.

/** An integer in [0, n). */
export const below = (rand: () => number, n: number): number => Math.floor(rand() * n);

/** One item of a non-empty list. */
export const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[below(rand, items.length)]!;

/** `n` random bytes. */
export function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = below(rand, 256);
  return out;
}

/** A length skewed towards small values (most bugs are at the edges) but reaching `max`. */
export const skewedLength = (rand: () => number, max: number): number =>
  Math.floor(max * rand() ** 3);

/** A byte array field inside a valid input whose value an attacker may set to an extreme. */
export interface LengthField {
  offset: number;
  /** 1, 2 or 4 bytes, big-endian. */
  width: 1 | 2 | 4;
}

const EXTREME_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];

function setField(out: Uint8Array, field: LengthField, value: number): void {
  if (field.offset + field.width > out.length) return;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (field.width === 1) view.setUint8(field.offset, value & 0xff);
  else if (field.width === 2) view.setUint16(field.offset, value & 0xffff);
  else view.setUint32(field.offset, value >>> 0);
}

/** The extremes of a field of `width` bytes: 0, 1, the maximum and just under it. */
function extremeOf(rand: () => number, width: 1 | 2 | 4): number {
  const max = width === 4 ? 0xffffffff : (1 << (8 * width)) - 1;
  return pick(rand, [0, 1, max, max - 1, Math.floor(max / 2) + 1]);
}

export type Mutation = 'flip' | 'truncate' | 'extend' | 'splice' | 'extreme' | 'bytes' | 'cut';

/**
 * A mutation of `valid`: never equal to it. `donors` are other valid inputs to splice with;
 * `fields` are its length or count fields, set to extremes by the 'extreme' mutation.
 */
export function mutate(
  rand: () => number,
  valid: Uint8Array,
  donors: readonly Uint8Array[] = [],
  fields: readonly LengthField[] = [],
): { bytes: Uint8Array; how: Mutation } {
  for (;;) {
    const how = pick<Mutation>(rand, [
      'flip',
      'truncate',
      'extend',
      'splice',
      'extreme',
      'bytes',
      'cut',
    ]);
    const bytes = applyMutation(rand, how, valid, donors, fields);
    if (!sameBytes(bytes, valid)) return { bytes, how };
  }
}

function applyMutation(
  rand: () => number,
  how: Mutation,
  valid: Uint8Array,
  donors: readonly Uint8Array[],
  fields: readonly LengthField[],
): Uint8Array {
  const out = valid.slice();
  switch (how) {
    case 'flip': {
      const flips = 1 + below(rand, 8);
      for (let i = 0; i < flips && out.length > 0; i++)
        out[below(rand, out.length)]! ^= 1 << below(rand, 8);
      return out;
    }
    case 'truncate':
      return out.subarray(0, below(rand, out.length));
    case 'extend':
      return concat(out, randomBytes(rand, 1 + skewedLength(rand, 256)));
    case 'splice': {
      const donor = donors.length > 0 ? pick(rand, donors) : randomBytes(rand, valid.length);
      return concat(
        out.subarray(0, below(rand, out.length + 1)),
        donor.subarray(below(rand, donor.length + 1)),
      );
    }
    case 'extreme': {
      if (fields.length === 0) return applyMutation(rand, 'bytes', valid, donors, fields);
      const field = pick(rand, fields);
      setField(out, field, extremeOf(rand, field.width));
      return out;
    }
    case 'bytes': {
      const n = 1 + below(rand, 4);
      for (let i = 0; i < n && out.length > 0; i++)
        out[below(rand, out.length)] = pick(rand, EXTREME_BYTES);
      return out;
    }
    case 'cut': {
      // A slice taken out of the middle: a field lost, what follows shifted.
      const from = below(rand, out.length + 1);
      const to = from + 1 + below(rand, 32);
      return concat(out.subarray(0, from), out.subarray(Math.min(to, out.length)));
    }
  }
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  // Buffer.compare: frames of 240 KiB are compared every case.
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

const TEXT_ALPHABETS = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  '{}[]":,0123456789.-+eEtruefalsn \\u',
  ' \t\n\r\u00a0\u2028\u200b',
  '\u00e9\u4e2d\ud83d\ude00\ufffd\u0000\u007f',
];

/** A string of random characters from an alphabet a parser is likely to meet (or choke on). */
export function randomText(rand: () => number, maxLength: number): string {
  const alphabet = pick(rand, TEXT_ALPHABETS);
  const n = skewedLength(rand, maxLength);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[below(rand, alphabet.length)];
  return out;
}

/**
 * A mutation of a string: characters replaced, inserted or removed (from `alphabet` and beyond
 * it), truncation, or a splice with a donor. May in rare cases return the input unchanged.
 */
export function mutateText(
  rand: () => number,
  valid: string,
  alphabet: string,
  donors: readonly string[] = [],
): string {
  const at = below(rand, valid.length + 1);
  const char =
    rand() < 0.9
      ? alphabet[below(rand, alphabet.length)]!
      : pick(rand, ['=', '+', '/', '.', '\u00e9', '\0']);
  switch (below(rand, 6)) {
    case 0:
      return valid.slice(0, at) + char + valid.slice(at + 1);
    case 1:
      return valid.slice(0, at) + char + valid.slice(at);
    case 2:
      return valid.slice(0, at) + valid.slice(at + 1 + below(rand, 4));
    case 3:
      return valid.slice(0, at);
    case 4: {
      const donor = donors.length > 0 ? pick(rand, donors) : valid;
      return valid.slice(0, at) + donor.slice(below(rand, donor.length + 1));
    }
    default: {
      // Two neighbours swapped: the commonest typo.
      if (at + 1 >= valid.length) return valid.slice(0, at) + char;
      return valid.slice(0, at) + valid[at + 1] + valid[at] + valid.slice(at + 2);
    }
  }
}
