// How a record is named by later ones. A membership record's hash goes into the `prev` of the
// records its author writes next, which gives every record a causal position
// (docs/ARCHITECTURE.md "Membership"). The hash is over canonical JSON (keys sorted), so it is
// the same on every peer whatever byte order the author signed.
import { toBase64Url, utf8 } from '../bytes';
import { sodium } from '../crypto/sodium';
import type { RecordContent } from './schema';

/**
 * Key orders by object shape: records come in a handful of shapes, so each shape's keys are
 * sorted once, not once per object (hashing 10k records spent most of its time sorting keys).
 */
const sortedKeys = new Map<string, string[]>();

/** JSON with object keys sorted at every level: equal for equal content, whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonical(value[i]);
    return out + ']';
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const shape = keys.join('\u0000');
    let order = sortedKeys.get(shape);
    if (!order) {
      order = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (sortedKeys.size < 1_000) sortedKeys.set(shape, order);
    }
    let out = '{';
    let first = true;
    for (const k of order) {
      const v = obj[k];
      if (v === undefined) continue;
      out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonical(v);
      first = false;
    }
    return out + '}';
  }
  return JSON.stringify(value);
}

/** A record's own keys, sorted: the top level is written directly, as every record has exactly these. */
const TOP_KEYS = [
  'author',
  'body',
  'circle',
  'epoch',
  'id',
  'kind',
  'prev',
  'seq',
  'ts',
  'v',
] as const;

/** canonical(record), with the fixed top level written without a key sort or lookup. */
function canonicalRecord(r: RecordContent): string {
  if (Object.keys(r).length !== TOP_KEYS.length) return canonical(r);
  const top = r as unknown as Record<(typeof TOP_KEYS)[number], unknown>;
  let out = '{';
  for (let i = 0; i < TOP_KEYS.length; i++) {
    const k = TOP_KEYS[i]!;
    const v = top[k];
    if (v === undefined) return canonical(r);
    out += (i > 0 ? ',"' : '"') + k + '":' + (k === 'body' ? canonical(v) : JSON.stringify(v));
  }
  return out + '}';
}

let label: Uint8Array | null = null;

/** 16-byte BLAKE2b of the record's canonical JSON, base64url: equal for equal content, on every peer. */
export function recordHash(record: RecordContent): string {
  const s = sodium();
  label ??= s.crypto_generichash(32, utf8('hearth/record'), null);
  return toBase64Url(s.crypto_generichash(16, utf8(canonicalRecord(record)), label));
}
