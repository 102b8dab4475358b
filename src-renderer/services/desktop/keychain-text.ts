// What the app says about the OS keychain, in the words the unlock screen and settings show.
import type { KeychainStatus } from '../../../src-shared/ipc/contract';

/** Why keychain unlock cannot be turned on, in words; null when it can. */
export function keychainRefusal(status: KeychainStatus): string | null {
  switch (status.reason) {
    case 'ok':
      return null;
    case 'plaintext-backend':
      return 'Your computer has no secure keychain that Hearth can use (only a plain-text store), so your passphrase stays the way in.';
    case 'unavailable':
      return 'Your system keychain is not available right now, so your passphrase stays the way in.';
  }
}

/** The progress label while the keychain opens the vault at start. */
export const KEYCHAIN_UNLOCK_LABEL = 'Opening with your system keychain…';

export const KEYCHAIN_CHANGED_NOTICE =
  'Your system keychain has changed since Hearth saved your key there, so please type your passphrase. You can turn keychain unlock on again in Settings.';

/** The keychain did not answer this time; the stored wrap is kept for the next start. */
export const KEYCHAIN_SILENT_NOTICE =
  'Your system keychain did not answer, so please type your passphrase this time.';
