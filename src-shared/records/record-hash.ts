// How a record is named by later ones. A membership record's hash goes into the `prev` of the
// records its author writes next, which gives every record a causal position
// (docs/ARCHITECTURE.md "Membership"). The hash is over canonical JSON (keys sorted), so it is
// the same on every peer whatever byte order the author signed.
import { toBase64Url, utf8 } from '../bytes';
import { sodium } from '../crypto/sodium';
import type { RecordContent } from './schema';

/** JSON with object keys sorted at every level: equal for equal content, whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

let label: Uint8Array | null = null;

/** 16-byte BLAKE2b of the record's canonical JSON, base64url: equal for equal content, on every peer. */
export function recordHash(record: RecordContent): string {
  const s = sodium();
  label ??= s.crypto_generichash(32, utf8('hearth/record'), null);
  return toBase64Url(s.crypto_generichash(16, utf8(canonical(record)), label));
}
