// The vault: holds the vault key while unlocked and seals/opens everything stored.
// A locked vault holds no key in memory.
import { fromUtf8, utf8 } from '../../../src-shared/bytes';
import { sodium } from '../../../src-shared/crypto/sodium';
import {
  decryptAtRest,
  encryptAtRest,
  newKdfParams,
  unwrapVaultKey,
  wrapVaultKey,
  type KdfParams,
} from '../../../src-shared/crypto/vault-key';
import type { HearthDb, KeychainRow } from '../storage/db';

export const MIN_PASSPHRASE_LENGTH = 8;
const KEYCHAIN_CHECK = 'hearth keychain check v1';

export class WrongPassphraseError extends Error {
  constructor() {
    super("That passphrase doesn't open this vault. Check for typos or Caps Lock and try again.");
  }
}

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

  /** First start: makes the vault key and stores it wrapped by Argon2id(passphrase). */
  async create(passphrase: string, onProgress: (fraction: number) => void): Promise<void> {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH)
      throw new Error(`Please use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (await this.exists()) throw new Error('This device already has a Hearth vault.');
    const params = newKdfParams();
    const kek = await this.deriveKek(passphrase, params, onProgress);
    const vaultKey = sodium().crypto_aead_xchacha20poly1305_ietf_keygen();
    await this.db.meta.put({ key: 'vault', value: wrapVaultKey(vaultKey, kek, params) });
    sodium().memzero(kek);
    this.key = vaultKey;
  }

  async unlock(passphrase: string, onProgress: (fraction: number) => void): Promise<void> {
    const row = await this.db.meta.get('vault');
    if (row?.key !== 'vault') throw new Error('There is no vault on this device yet.');
    const kek = await this.deriveKek(passphrase, row.value, onProgress);
    const key = unwrapVaultKey(row.value, kek);
    sodium().memzero(kek);
    if (!key) throw new WrongPassphraseError();
    this.key = key;
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
      throw new Error('The key from your system keychain does not open this vault.');
    }
    if (fromUtf8(opened) !== KEYCHAIN_CHECK)
      throw new Error('The key from your system keychain does not open this vault.');
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
    if (!this.key) throw new Error('The vault is locked.');
    return this.key;
  }
}
