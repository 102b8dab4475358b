/**
 * Bytes that depend on position and seed (xorshift32), so a lost, repeated or misplaced frame
 * shows. Used on both sides of a connection, Node and page, to check a message byte for byte.
 */
export function patterned(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
