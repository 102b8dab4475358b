// Runs Argon2id off the UI thread so the window never freezes while unlocking.
import { loadSodium } from '../../../src-shared/crypto/sodium';
import { deriveKek, type KdfParams } from '../../../src-shared/crypto/vault-key';

self.onmessage = async (event: MessageEvent<{ passphrase: string; params: KdfParams }>) => {
  try {
    await loadSodium();
    const kek = deriveKek(event.data.passphrase, event.data.params);
    (self as unknown as Worker).postMessage({ ok: true, kek }, [kek.buffer]);
  } catch (e) {
    (self as unknown as Worker).postMessage({
      ok: false,
      error: e instanceof Error ? e.message : 'key derivation failed',
    });
  }
};
