// The vault: holds the vault key while unlocked and seals/opens everything stored.
// A locked vault holds no key in memory.
import { fromUtf8, utf8 } from '../../../src-shared/bytes';
import { sodium } from '../../../src-shared/crypto/sodium';
import { decryptAtRest, encryptAtRest, newKdfParams, unwrapVaultKey, wrapVaultKey, type KdfParams } from '../../../src-shared/crypto/vault-key';
import type { HearthDb } from '../storage/db';

export const MIN_PASSPHRASE_LENGTH = 8;

export class WrongPassphraseError extends Error {
  constructor() {
    super("That passphrase doesn't open this vault. Check for typos or Caps Lock and try again.");
  }
}

export type DeriveKek = (passphrase: string, params: KdfParams, onProgress: (fraction: number) => void) => Promise<Uint8Array>;

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
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`Please use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
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
    if (!row) throw new Error('There is no vault on this device yet.');
    const kek = await this.deriveKek(passphrase, row.value, onProgress);
    const key = unwrapVaultKey(row.value, kek);
    sodium().memzero(kek);
    if (!key) throw new WrongPassphraseError();
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
