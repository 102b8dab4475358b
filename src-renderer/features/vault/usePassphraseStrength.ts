import { useEffect, useState } from 'react';
import {
  loadStrengthChecker,
  passphraseStrength,
  type PassphraseStrength,
} from '../../services/vault/passphrase-strength';

/** Typing pauses shorter than this are not scored: one estimate per pause, not per key. */
const SETTLE_MS = 120;

/**
 * The strength of what is typed, or null while nothing is typed or the estimator is still
 * loading. The estimator's dictionaries load when the screen that needs them first mounts.
 */
export function usePassphraseStrength(passphrase: string): PassphraseStrength | null {
  const [strength, setStrength] = useState<{ of: string; value: PassphraseStrength } | null>(null);

  useEffect(() => {
    void loadStrengthChecker().catch(() => {});
  }, []);

  useEffect(() => {
    if (passphrase === '') return;
    let current = true;
    const timer = setTimeout(() => {
      passphraseStrength(passphrase)
        .then((value) => current && setStrength({ of: passphrase, value }))
        .catch(() => {});
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [passphrase]);

  // Only the estimate of what is typed now: a stale one would praise a passphrase since cut short.
  return passphrase !== '' && strength?.of === passphrase ? strength.value : null;
}
