// The passphrase minimum, enforced by the vault service itself and not only by the first-run
// screen: a page (or a script in it) that calls createVault with a guessable passphrase gets a
// calm refusal and no vault. Scores come from zxcvbn-ts with its common and English dictionaries.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { HearthDb } from '../../src-renderer/services/storage/db';
import {
  MIN_PASSPHRASE_SCORE,
  passphraseRefusal,
  passphraseStrength,
} from '../../src-renderer/services/vault/passphrase-strength';
import { Vault } from '../../src-renderer/services/vault/vault';
import { quickDeriveKek } from '../support/quick-kdf';

beforeAll(loadSodium);

const GUESSABLE = [
  'password1234', // a common password with digits
  'qwertyuiop', // a keyboard row
  'iloveyou2024', // a phrase from leaked lists, and a year
  'P@ssw0rd!', // l33t on a common password
  'aaaaaaaaaaaa', // repetition
  'abcdefgh', // a sequence
  'hearthhearth', // the app's own name, twice
];

function countingVault() {
  let derivations = 0;
  const vault = new Vault(
    new HearthDb('pass-' + Math.random().toString(36).slice(2)),
    (p, params) => {
      derivations++;
      return quickDeriveKek(p, params);
    },
  );
  return { vault, derivations: () => derivations };
}

// Loading the dictionaries takes a few seconds on a busy machine.
describe('passphrase strength', { timeout: 20_000 }, () => {
  it.each(GUESSABLE)('%s scores under the minimum and is refused with a reason', async (p) => {
    const strength = await passphraseStrength(p);
    expect(strength.score).toBeLessThan(MIN_PASSPHRASE_SCORE);
    expect(strength.acceptable).toBe(false);
    expect(passphraseRefusal(p, strength)).toMatch(/easy for a computer to guess|at least 8/);
  });

  it('a few unrelated words are accepted', async () => {
    for (const p of ['a calm evening walk', 'quiet river stones at dusk', 'tulip anchor violin']) {
      const strength = await passphraseStrength(p);
      expect(strength.acceptable, p).toBe(true);
      expect(passphraseRefusal(p, strength)).toBeNull();
    }
  });

  it('a very long passphrase is scored quickly (the estimator looks at its first 100 characters)', async () => {
    await passphraseStrength('warm up');
    const started = performance.now();
    const strength = await passphraseStrength('word '.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(strength.score).toBeGreaterThanOrEqual(0);
  });
});

describe('creating a vault', { timeout: 20_000 }, () => {
  it('refuses a guessable passphrase before any key derivation', async () => {
    for (const p of GUESSABLE) {
      const { vault, derivations } = countingVault();
      await expect(vault.create(p, () => {})).rejects.toThrow(
        /easy for a computer to guess|at least 8/,
      );
      expect(derivations(), p).toBe(0);
      expect(await vault.exists()).toBe(false);
      expect(vault.unlocked).toBe(false);
    }
  });

  it('accepts a strong one', async () => {
    const { vault, derivations } = countingVault();
    await vault.create('tulip anchor violin', () => {});
    expect(derivations()).toBe(1);
    expect(vault.unlocked).toBe(true);
  });
});
