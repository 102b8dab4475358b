// Random bytes for nonces, ids and secrets, from the platform's CSPRNG: Web Crypto's
// getRandomValues, which browsers, workers, Electron and Node (19+) all have. libsodium-wrappers'
// randombytes_buf reads that same source four bytes per call through WebAssembly, which cost
// about 0.1 ms for each nonce and id: two of them are on the path of every message sent.

/** At most 65,536 bytes per call (Web Crypto's limit); Hearth asks for 32 at most. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}
