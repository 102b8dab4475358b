// One place that loads libsodium. The -sumo build is required because the vault uses
// Argon2id (crypto_pwhash), which the standard build leaves out.
import _sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof _sodium;

let ready: Promise<Sodium> | undefined;

/** Resolves once the WebAssembly module is initialised; safe to call many times. */
export function loadSodium(): Promise<Sodium> {
  ready ??= _sodium.ready.then(() => _sodium);
  return ready;
}

/** The initialised module. Throws if loadSodium() has not resolved yet. */
export function sodium(): Sodium {
  if (!ready) throw new Error('libsodium is not loaded yet: await loadSodium() first');
  return _sodium;
}
