// When the OS keychain (Electron's safeStorage) may wrap the vault key, and when a wrapped key
// may be unwrapped. Pure: main passes in what safeStorage reports.
import { KeychainError, type KeychainStatus, type Result } from '../src-shared/ipc/contract';
import { err, ok } from '../src-shared/ipc/contract';

/** What safeStorage says about this machine. */
export interface KeychainFacts {
  readonly platform: string;
  readonly encryptionAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()` on Linux; ignored elsewhere. */
  readonly linuxBackend?: string;
}

/**
 * On Linux without a secret service, safeStorage "encrypts" with a fixed, public password
 * (backend `basic_text`): the wrapped key would be as good as plaintext on disk. Also refused:
 * `unknown` (asked before the app was ready) and anything we do not recognise.
 */
const LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/** The backend name we remember beside a wrapped key: Linux's store, or the OS's one keychain. */
export function backendName(facts: KeychainFacts): string {
  if (facts.platform === 'linux') return facts.linuxBackend ?? 'unknown';
  if (facts.platform === 'darwin') return 'macos-keychain';
  if (facts.platform === 'win32') return 'windows-dpapi';
  return facts.platform || 'unknown';
}

/** Whether keychain unlock may be offered here, and why not. */
export function keychainStatus(facts: KeychainFacts): KeychainStatus {
  const backend = backendName(facts).slice(0, 40) || 'unknown';
  if (!facts.encryptionAvailable) return { usable: false, backend, reason: 'unavailable' };
  if (facts.platform === 'linux' && !LINUX_BACKENDS.has(backend)) {
    return { usable: false, backend, reason: 'plaintext-backend' };
  }
  if (!['linux', 'darwin', 'win32'].includes(facts.platform))
    return { usable: false, backend, reason: 'unavailable' };
  return { usable: true, backend, reason: 'ok' };
}

/**
 * May a key wrapped under `storedBackend` be unwrapped now? Only by the same, still usable
 * backend: a key wrapped by libsecret must not be "unwrapped" by basic_text after the user's
 * keyring went away (safeStorage would fail or, worse, fall through to the weak backend).
 */
export function checkUnwrap(storedBackend: string, facts: KeychainFacts): Result<string> {
  const status = keychainStatus(facts);
  if (!status.usable)
    return err(
      status.backend === storedBackend ? KeychainError.unavailable : KeychainError.changed,
    );
  if (status.backend !== storedBackend) return err(KeychainError.changed);
  return ok(status.backend);
}

/**
 * safeStorage encrypts strings, so key bytes travel as base64. The prefix lets unwrap tell a
 * real key from a decryption that "succeeded" into garbage under another backend.
 */
const KEY_PREFIX = 'hearth-vault-key:v1:';

export function keyToKeychainText(key: Uint8Array): string {
  return KEY_PREFIX + Buffer.from(key).toString('base64');
}

/** The key bytes, or null when `text` is not what keyToKeychainText made. */
export function keyFromKeychainText(text: unknown): Uint8Array | null {
  if (typeof text !== 'string' || !text.startsWith(KEY_PREFIX)) return null;
  const b64 = text.slice(KEY_PREFIX.length);
  if (!/^[A-Za-z0-9+/]{22,88}={0,2}$/.test(b64)) return null;
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
