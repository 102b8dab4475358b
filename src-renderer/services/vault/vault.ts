// The vault: holds the vault key while unlocked and seals/opens everything stored.
// A locked vault holds no key in memory.
import { fromUtf8, utf8 } from '../../../src-shared/bytes';
import { sodium } from '../../../src-shared/crypto/sodium';
import {
  decryptAtRest,
  encryptAtRest,
  kdfParamsToDerive,
  needsRewrap,
  newKdfParams,
  unwrapVaultKey,
  wrapVaultKey,
  type KdfParams,
  type WrappedVaultKey,
} from '../../../src-shared/crypto/vault-key';
import type { HearthDb, KeychainRow } from '../storage/db';
import { lengthRefusal, passphraseRefusal, passphraseStrength } from './passphrase-strength';

const KEYCHAIN_CHECK = 'hearth keychain check v1';

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);

export class WrongPassphraseError extends Error {
  constructor() {
    super(
      "That passphrase doesn't open Hearth on this computer. Check for typos or Caps Lock and try again.",
    );
  }
}

/** The stored wrap asks for Argon2id limits Hearth never uses: forged, so nothing is derived. */
export class VaultSettingsRefusedError extends Error {
  constructor() {
    super(
      "Hearth can't open what it keeps on this computer: the settings stored with it have been changed, so your passphrase was not tried. Your circles and messages are still there, locked.",
    );
  }
}

/** Of an unlock that moves a legacy vault to today's limits, the legacy derivation's share of the time. */
const LEGACY_SHARE = 0.15;

export type DeriveKek = (
  passphrase: string,
  params: KdfParams,
  onProgress: (fraction: number) => void,
) => Promise<Uint8Array>;

export class Vault {
  private key: Uint8Array | null = null;

  constructor(
    private readonly db: HearthDb,
    private readonly deriveKek: DeriveKek,
  ) {}

  async exists(): Promise<boolean> {
    return (await this.db.meta.get('vault')) !== undefined;
  }

  get unlocked(): boolean {
    return this.key !== null;
  }

  /**
   * First start: makes the vault key and stores it wrapped by Argon2id(passphrase) at today's
   * limits. A passphrase under the minimum length or strength is refused before any derivation.
   */
  async create(passphrase: string, onProgress: (fraction: number) => void): Promise<void> {
    const tooShort = lengthRefusal(passphrase);
    if (tooShort !== null) throw new Error(tooShort);
    const refusal = passphraseRefusal(passphrase, await passphraseStrength(passphrase));
    if (refusal !== null) throw new Error(refusal);
    if (await this.exists()) throw new Error('Hearth already has a passphrase on this computer.');
    const params = newKdfParams();
    const kek = await this.deriveKek(passphrase, params, onProgress);
    const vaultKey = sodium().crypto_aead_xchacha20poly1305_ietf_keygen();
    await this.db.meta.put({ key: 'vault', value: wrapVaultKey(vaultKey, kek, params) });
    sodium().memzero(kek);
    this.key = vaultKey;
  }

  /**
   * Opens the vault with the passphrase. The stored limits are checked first (kdfParamsToDerive):
   * forged ones are refused without deriving. A wrap made with older limits is made again with
   * today's before this resolves; if that write fails the old wrap stays and still opens.
   */
  async unlock(passphrase: string, onProgress: (fraction: number) => void): Promise<void> {
    const row = await this.db.meta.get('vault');
    if (row?.key !== 'vault') throw new Error('Hearth has no passphrase on this computer yet.');
    const wrap = row.value;
    const params = kdfParamsToDerive(wrap);
    if (params === null) throw new VaultSettingsRefusedError();
    const rewrap = needsRewrap(wrap);
    const kek = await this.deriveKek(
      passphrase,
      params,
      rewrap ? (f) => onProgress(f * LEGACY_SHARE) : onProgress,
    );
    const key = unwrapVaultKey(wrap, kek);
    sodium().memzero(kek);
    if (!key) throw new WrongPassphraseError();
    if (rewrap)
      await this.rewrap(key, passphrase, wrap, (f) =>
        onProgress(LEGACY_SHARE + f * (1 - LEGACY_SHARE)),
      ).catch((error: unknown) => {
        // The old wrap is untouched and still opens; the move is tried again at the next unlock.
        console.warn('[hearth] the vault could not move to the new key settings:', error);
      });
    this.key = key;
  }

  /**
   * Wraps the vault key again with today's limits and a new salt, and replaces the stored wrap in
   * one IndexedDB transaction: the new wrap is written in the same step that drops the old, so a
   * failed write leaves the old one in place, and a crash leaves one or the other, never neither.
   */
  private async rewrap(
    key: Uint8Array,
    passphrase: string,
    old: WrappedVaultKey,
    onProgress: (fraction: number) => void,
  ): Promise<void> {
    const params = newKdfParams();
    const kek = await this.deriveKek(passphrase, params, onProgress);
    const next = wrapVaultKey(key, kek, params);
    sodium().memzero(kek);
    await this.db.transaction('rw', this.db.meta, async () => {
      const current = await this.db.meta.get('vault');
      // Another window may have moved it already: keep whichever was written first.
      if (current?.key !== 'vault' || !sameBytes(current.value.wrapped, old.wrapped)) return;
      await this.db.meta.put({ key: 'vault', value: next });
    });
  }

  /**
   * Keychain unlock, step 1 (vault unlocked): hands a copy of the vault key to `wrap` (the OS
   * keychain, through main) and stores what comes back beside a check value.
   */
  async saveKeychainWrap(
    wrap: (key: Uint8Array) => Promise<{ wrapped: Uint8Array; backend: string }>,
  ): Promise<void> {
    const key = this.requireKey();
    const { wrapped, backend } = await wrap(key.slice());
    const check = encryptAtRest(utf8(KEYCHAIN_CHECK), key, 'meta:keychain');
    await this.db.meta.put({ key: 'keychain', value: { wrapped, backend, check } });
  }

  /** The keychain-wrapped vault key, or null when keychain unlock is off. */
  async keychainWrap(): Promise<KeychainRow | null> {
    const row = await this.db.meta.get('keychain');
    return row?.key === 'keychain' ? row.value : null;
  }

  async forgetKeychainWrap(): Promise<void> {
    await this.db.meta.delete('keychain');
  }

  /** Keychain unlock, step 2 (next start): opens the vault with a key main unwrapped, after checking it. */
  async unlockWithKey(key: Uint8Array): Promise<void> {
    const row = await this.keychainWrap();
    if (!row) throw new Error('Keychain unlock is not set up on this device.');
    let opened: Uint8Array;
    try {
      opened = decryptAtRest(row.check, key, 'meta:keychain');
    } catch {
      throw new Error('The key from your system keychain does not open Hearth on this computer.');
    }
    if (fromUtf8(opened) !== KEYCHAIN_CHECK)
      throw new Error('The key from your system keychain does not open Hearth on this computer.');
    this.key = key;
  }

  lock(): void {
    if (this.key) sodium().memzero(this.key);
    this.key = null;
  }

  seal(plain: Uint8Array, place: string): Uint8Array {
    return encryptAtRest(plain, this.requireKey(), place);
  }

  open(sealed: Uint8Array, place: string): Uint8Array {
    return decryptAtRest(sealed, this.requireKey(), place);
  }

  sealJson(value: unknown, place: string): Uint8Array {
    return this.seal(utf8(JSON.stringify(value)), place);
  }

  openJson<T>(sealed: Uint8Array, place: string): T {
    return JSON.parse(fromUtf8(this.open(sealed, place))) as T;
  }

  private requireKey(): Uint8Array {
    if (!this.key) throw new Error('Hearth is locked.');
    return this.key;
  }
}
