// Payloads of several MiB carried as many values of a BYTES_TEST_SHAPE document, set and checked
// byte for byte the same way on both sides of a connection (Node and page).
import type * as Y from 'yjs';
import { patterned } from './patterned-bytes';
import { TEST_VALUE_BYTES } from './test-shapes';

/** Sets `count` values `${prefix}${i}` = patterned(TEST_VALUE_BYTES, seed + i) in one transaction. */
export function setValues(doc: Y.Doc, prefix: string, count: number, seed: number): void {
  const map = doc.getMap<Uint8Array>('bytes');
  doc.transact(() => {
    for (let i = 0; i < count; i++) map.set(`${prefix}${i}`, patterned(TEST_VALUE_BYTES, seed + i));
  });
}

/** Whether the document holds exactly the values setValues(…, prefix, count, seed) set. */
export function holdsValues(doc: Y.Doc, prefix: string, count: number, seed: number): boolean {
  const map = doc.getMap<Uint8Array>('bytes');
  for (let i = 0; i < count; i++) {
    const got = map.get(`${prefix}${i}`);
    const want = patterned(TEST_VALUE_BYTES, seed + i);
    if (!got || got.length !== want.length || !got.every((b, j) => b === want[j])) return false;
  }
  return true;
}
