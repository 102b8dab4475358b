// The vault: what it seals opens only in its own place, a lock forgets the key, and a wrong or
// short passphrase is refused (each derivation, by the quick stand-in of quick-kdf.ts, is counted).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src-shared/bytes';
import { Vault, WrongPassphraseError } from '../../src-renderer/services/vault/vault';
import {
  PASSPHRASE,
  kdfCallCount,
  deriveKek,
  newDb,
  includesBytes,
  db,
  vault,
  useCircleServices,
} from '../support/circle-services';

useCircleServices();

describe('Vault', () => {
  it('seals and opens a value while unlocked', () => {
    expect(vault.unlocked).toBe(true);
    const plain = utf8('a private note');
    const sealed = vault.seal(plain, 'circles:a');
    expect(includesBytes(sealed, plain)).toBe(false);
    expect(vault.open(sealed, 'circles:a')).toEqual(plain);
    expect(vault.openJson(vault.sealJson({ x: [1, 'two'] }, 'joins:b'), 'joins:b')).toEqual({
      x: [1, 'two'],
    });
  });

  it('a ciphertext moved to another place does not open there', () => {
    const sealed = vault.seal(utf8('belongs to a'), 'circles:a');
    expect(() => vault.open(sealed, 'circles:b')).toThrow();
    expect(() => vault.open(sealed, 'updates:a')).toThrow();
    // A flipped byte is refused too.
    const tampered = sealed.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(() => vault.open(tampered, 'circles:a')).toThrow();
  });

  it('locks, refuses a wrong passphrase and unlocks with the right one', async () => {
    const sealed = vault.seal(utf8('kept across a lock'), 'meta:test');
    vault.lock();
    expect(vault.unlocked).toBe(false);
    expect(() => vault.seal(utf8('x'), 'meta:test')).toThrow(/locked/);
    expect(() => vault.open(sealed, 'meta:test')).toThrow(/locked/);

    const calls = kdfCallCount();
    const wrong = vault.unlock('correct horse battery stapler', () => {});
    await expect(wrong).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(wrong).rejects.toThrow(/passphrase/i);
    expect(kdfCallCount()).toBe(calls + 1);
    expect(vault.unlocked).toBe(false);

    const progress: number[] = [];
    await vault.unlock(PASSPHRASE, (f) => progress.push(f));
    expect(vault.unlocked).toBe(true);
    expect(progress).toContain(1);
    // The same vault key came back: what was sealed before the lock opens again.
    expect(new TextDecoder().decode(vault.open(sealed, 'meta:test'))).toBe('kept across a lock');
  });

  it('refuses a passphrase under 8 characters on create, before any key derivation', async () => {
    const other = new Vault(newDb(), deriveKek);
    const calls = kdfCallCount();
    await expect(other.create('short12', () => {})).rejects.toThrow(/at least 8 characters/);
    expect(kdfCallCount()).toBe(calls);
    expect(await other.exists()).toBe(false);
    expect(other.unlocked).toBe(false);
  });

  it('refuses to create a second vault on the same device', async () => {
    expect(await vault.exists()).toBe(true);
    await expect(new Vault(db, deriveKek).create('another passphrase', () => {})).rejects.toThrow(
      /already has a passphrase on this computer/,
    );
  });
});
