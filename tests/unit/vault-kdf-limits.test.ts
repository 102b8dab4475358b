// Attacks on the vault's Argon2id limits: an old vault moves to today's limits at its next unlock
// (and keeps its key if that write fails); limits forged by someone with the disk, tiny (cheap
// guessing) or huge (a hung unlock), are refused before anything is derived. The migration runs
// with real Argon2id once; the rest with the quick stand-in, which keeps the limits in the key.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8 } from '../../src-shared/bytes';
import { randomBytes } from '../../src-shared/crypto/random';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import {
  deriveKek,
  kdfParamsToDerive,
  LEGACY_KDF_LIMITS,
  MAX_KDF_LIMITS,
  needsRewrap,
  VAULT_KDF_LIMITS,
  type KdfParams,
  type WrappedVaultKey,
} from '../../src-shared/crypto/vault-key';
import { HearthDb } from '../../src-renderer/services/storage/db';
import {
  Vault,
  VaultSettingsRefusedError,
  WrongPassphraseError,
} from '../../src-renderer/services/vault/vault';
import { quickDeriveKek } from '../support/quick-kdf';

const PASS = 'quiet river stones at dusk';
const GiB = 1024 * 1024 * 1024;

beforeAll(loadSodium);

/** A vault over a fresh database whose every derivation is recorded. */
function vaultWithLog(real = false) {
  const db = new HearthDb('kdf-' + Math.random().toString(36).slice(2));
  const derived: KdfParams[] = [];
  const vault = new Vault(db, async (pass, params, onProgress) => {
    derived.push(params);
    onProgress(1);
    return real ? deriveKek(pass, params) : quickDeriveKek(pass, params);
  });
  return { db, vault, derived, derive: real ? deriveKek : quickDeriveKek };
}

/** A vault key wrapped as every vault before issue 16 was: v1, INTERACTIVE limits. */
async function legacyWrap(
  vaultKey: Uint8Array,
  passphrase: string,
  derive: (pass: string, params: KdfParams) => Uint8Array | Promise<Uint8Array>,
): Promise<WrappedVaultKey> {
  const s = sodium();
  const params = { ...LEGACY_KDF_LIMITS, salt: randomBytes(s.crypto_pwhash_SALTBYTES) };
  const nonce = randomBytes(s.crypto_secretbox_NONCEBYTES);
  const kek = await derive(passphrase, params);
  return { v: 1, ...params, nonce, wrapped: s.crypto_secretbox_easy(vaultKey, nonce, kek) };
}

async function storedWrap(db: HearthDb): Promise<WrappedVaultKey> {
  const row = await db.meta.get('vault');
  if (row?.key !== 'vault') throw new Error('no vault row');
  return row.value;
}

const limitsOf = (w: { opslimit: number; memlimit: number }) => ({
  opslimit: w.opslimit,
  memlimit: w.memlimit,
});

describe('Argon2id limits stored with the wrap', () => {
  it('a new vault is wrapped as v2 with today’s limits, and unlocks with one derivation', async () => {
    const { db, vault, derived } = vaultWithLog();
    await vault.create(PASS, () => {});
    const wrap = await storedWrap(db);
    expect(wrap.v).toBe(2);
    expect(limitsOf(wrap)).toEqual(VAULT_KDF_LIMITS);
    vault.lock();
    await vault.unlock(PASS, () => {});
    expect(derived.map(limitsOf)).toEqual([VAULT_KDF_LIMITS, VAULT_KDF_LIMITS]);
  });

  it('an old INTERACTIVE vault opens once with its old limits and is re-wrapped at today’s (real Argon2id)', async () => {
    const { db, vault, derived, derive } = vaultWithLog(true);
    const vaultKey = sodium().crypto_aead_xchacha20poly1305_ietf_keygen();
    const old = await legacyWrap(vaultKey, PASS, derive);
    await db.meta.put({ key: 'vault', value: old });

    const progress: number[] = [];
    await vault.unlock(PASS, (f) => progress.push(f));
    expect(vault.unlocked).toBe(true);
    // Legacy once, to open; today's once, to wrap again.
    expect(derived.map(limitsOf)).toEqual([LEGACY_KDF_LIMITS, VAULT_KDF_LIMITS]);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);

    const moved = await storedWrap(db);
    expect(moved.v).toBe(2);
    expect(limitsOf(moved)).toEqual(VAULT_KDF_LIMITS);
    expect(moved.salt).not.toEqual(old.salt);
    // The old wrap is gone: no row holds its bytes any more.
    const rows = await db.meta.toArray();
    expect(rows).toHaveLength(1);
    expect(moved.wrapped).not.toEqual(old.wrapped);

    // Same vault key: a value sealed now opens after a lock and the next unlock, which derives
    // once, at today's limits, and writes nothing.
    const sealed = vault.seal(utf8('kept'), 'meta:test');
    vault.lock();
    derived.length = 0;
    await vault.unlock(PASS, () => {});
    expect(derived.map(limitsOf)).toEqual([VAULT_KDF_LIMITS]);
    expect(new TextDecoder().decode(vault.open(sealed, 'meta:test'))).toBe('kept');
    expect((await storedWrap(db)).wrapped).toEqual(moved.wrapped);
  }, 60_000);

  it('when writing the new wrap fails, the unlock still succeeds and the old wrap stays and opens', async () => {
    const { db, vault, derive } = vaultWithLog();
    const vaultKey = sodium().crypto_aead_xchacha20poly1305_ietf_keygen();
    const old = await legacyWrap(vaultKey, PASS, derive);
    await db.meta.put({ key: 'vault', value: old });
    const put = db.meta.put.bind(db.meta);
    db.meta.put = () => Promise.reject(new Error('disk full')) as never;
    await vault.unlock(PASS, () => {});
    expect(vault.unlocked).toBe(true);
    const kept = await storedWrap(db);
    expect(kept.v).toBe(1);
    expect(kept.wrapped).toEqual(old.wrapped);

    db.meta.put = put;
    vault.lock();
    await vault.unlock(PASS, () => {});
    expect((await storedWrap(db)).v).toBe(2);
  });

  it('a wrong passphrase on an old vault gets the usual calm message and changes nothing', async () => {
    const { db, vault, derived, derive } = vaultWithLog();
    const old = await legacyWrap(
      sodium().crypto_aead_xchacha20poly1305_ietf_keygen(),
      PASS,
      derive,
    );
    await db.meta.put({ key: 'vault', value: old });
    const attempt = vault.unlock('quiet river stones at dawn', () => {});
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(attempt).rejects.toThrow(/doesn't open Hearth on this computer/);
    expect(derived).toHaveLength(1);
    expect((await storedWrap(db)).wrapped).toEqual(old.wrapped);
  });
});

describe('forged limits (someone with the disk rewrote the stored wrap)', () => {
  const forge = async (change: Partial<WrappedVaultKey> & Record<string, unknown>) => {
    const { db, vault, derived } = vaultWithLog();
    await vault.create(PASS, () => {});
    vault.lock();
    const wrap = await storedWrap(db);
    await db.meta.put({ key: 'vault', value: { ...wrap, ...change } });
    derived.length = 0;
    const started = performance.now();
    await expect(vault.unlock(PASS, () => {})).rejects.toBeInstanceOf(VaultSettingsRefusedError);
    // Refused before any derivation: nothing was guessed cheaply, nothing hung.
    expect(derived).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(500);
    expect(vault.unlocked).toBe(false);
  };

  it('refuses tiny limits in a v2 wrap', () => forge({ opslimit: 1, memlimit: 8192 }));
  it('refuses today’s memory with fewer passes', () => forge({ opslimit: 1 }));
  it('refuses today’s passes with less memory', () => forge({ memlimit: 64 * 1024 * 1024 }));
  it('refuses a v2 wrap dressed up as a legacy one with weaker limits', () =>
    forge({ v: 1, opslimit: 1, memlimit: 8192 }));
  it('refuses 4 GiB of memory rather than hanging or crashing', () => forge({ memlimit: 4 * GiB }));
  it('refuses a million passes rather than hanging', () => forge({ opslimit: 1_000_000 }));
  it('refuses limits that are not whole numbers', () =>
    forge({ opslimit: '2' as unknown as number, memlimit: Number.NaN }));
  it('refuses an unknown wrap version', () => forge({ v: 3 as unknown as 2 }));
});

describe('kdfParamsToDerive', () => {
  const salt = new Uint8Array(16);
  const nonce = new Uint8Array(24);
  const wrapped = new Uint8Array(48);
  const wrap = (v: 1 | 2, opslimit: number, memlimit: number): WrappedVaultKey => ({
    v,
    opslimit,
    memlimit,
    salt,
    nonce,
    wrapped,
  });

  it('accepts today’s limits, up to the ceiling, and the exact legacy ones only in v1', () => {
    const { opslimit, memlimit } = VAULT_KDF_LIMITS;
    expect(kdfParamsToDerive(wrap(2, opslimit, memlimit))).not.toBeNull();
    expect(
      kdfParamsToDerive(wrap(2, MAX_KDF_LIMITS.opslimit, MAX_KDF_LIMITS.memlimit)),
    ).not.toBeNull();
    expect(kdfParamsToDerive(wrap(2, MAX_KDF_LIMITS.opslimit + 1, memlimit))).toBeNull();
    expect(kdfParamsToDerive(wrap(2, opslimit, MAX_KDF_LIMITS.memlimit + 1))).toBeNull();
    expect(
      kdfParamsToDerive(wrap(1, LEGACY_KDF_LIMITS.opslimit, LEGACY_KDF_LIMITS.memlimit)),
    ).not.toBeNull();
    expect(
      kdfParamsToDerive(wrap(2, LEGACY_KDF_LIMITS.opslimit, LEGACY_KDF_LIMITS.memlimit)),
    ).toBeNull();
    expect(kdfParamsToDerive(wrap(1, opslimit, memlimit))).toBeNull();
    expect(
      kdfParamsToDerive({ ...wrap(2, opslimit, memlimit), salt: new Uint8Array(8) }),
    ).toBeNull();
  });

  it('asks for a re-wrap of anything but a v2 wrap at today’s limits', () => {
    const { opslimit, memlimit } = VAULT_KDF_LIMITS;
    expect(needsRewrap(wrap(2, opslimit, memlimit))).toBe(false);
    expect(needsRewrap(wrap(1, LEGACY_KDF_LIMITS.opslimit, LEGACY_KDF_LIMITS.memlimit))).toBe(true);
    expect(needsRewrap(wrap(2, MAX_KDF_LIMITS.opslimit, memlimit))).toBe(true);
  });
});
