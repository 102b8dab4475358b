// Argon2id in a Web Worker, with an estimated progress (libsodium reports none while it runs).
import { VAULT_KDF_LIMITS, type KdfParams } from '../../../src-shared/crypto/vault-key';

/** Measured: VAULT_KDF_LIMITS take about 1.1 s in Chromium's worker on 2 cores (bench/README.md). */
const EXPECTED_MS_AT_VAULT_LIMITS = 1100;

/** Argon2id's time grows with passes × memory: paces the bar for legacy and current limits alike. */
function expectedMs(params: KdfParams): number {
  const cost = params.opslimit * params.memlimit;
  return (
    (EXPECTED_MS_AT_VAULT_LIMITS * cost) / (VAULT_KDF_LIMITS.opslimit * VAULT_KDF_LIMITS.memlimit)
  );
}

export function deriveKekInWorker(
  passphrase: string,
  params: KdfParams,
  onProgress: (fraction: number) => void,
): Promise<Uint8Array> {
  const worker = new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' });
  const started = performance.now();
  const expected = expectedMs(params);
  // Eases towards 95 % so the bar never claims to be done before it is.
  const timer = setInterval(
    () => onProgress(0.95 * (1 - Math.exp(-(performance.now() - started) / expected))),
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
