// Argon2id in a Web Worker, with an estimated progress (libsodium reports none while it runs).
import type { KdfParams } from '../../../src-shared/crypto/vault-key';

/** Measured: INTERACTIVE limits take about 0.6 s in Chromium; used to pace the progress bar. */
const EXPECTED_MS = 700;

export function deriveKekInWorker(
  passphrase: string,
  params: KdfParams,
  onProgress: (fraction: number) => void,
): Promise<Uint8Array> {
  const worker = new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' });
  const started = performance.now();
  // Eases towards 95 % so the bar never claims to be done before it is.
  const timer = setInterval(
    () => onProgress(0.95 * (1 - Math.exp(-(performance.now() - started) / EXPECTED_MS))),
    50,
  );
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (
      event: MessageEvent<{ ok: true; kek: Uint8Array } | { ok: false; error: string }>,
    ) => {
      if (event.data.ok) {
        onProgress(1);
        resolve(event.data.kek);
      } else reject(new Error(event.data.error));
    };
    worker.onerror = () => reject(new Error('The unlock helper could not start.'));
    worker.postMessage({ passphrase, params });
  }).finally(() => {
    clearInterval(timer);
    worker.terminate();
  });
}
