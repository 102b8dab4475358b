// A quick stand-in for Argon2id at the vault's limits (about 1 s each in Node), for tests that make
// many vaults and are not about the vault itself. Deterministic, and the limits asked for are mixed
// into the salt, so a wrap opens only with the same passphrase, salt and limits, as with the real one.
import { sodium } from '../../src-shared/crypto/sodium';
import { deriveKek, type KdfParams } from '../../src-shared/crypto/vault-key';

export async function quickDeriveKek(passphrase: string, params: KdfParams): Promise<Uint8Array> {
  const s = sodium();
  const limits = new TextEncoder().encode(`${params.opslimit}/${params.memlimit}`);
  const mixed = new Uint8Array(params.salt.length + limits.length);
  mixed.set(params.salt);
  mixed.set(limits, params.salt.length);
  const salt = s.crypto_generichash(s.crypto_pwhash_SALTBYTES, mixed, null);
  return deriveKek(passphrase, {
    salt,
    opslimit: s.crypto_pwhash_OPSLIMIT_MIN,
    memlimit: s.crypto_pwhash_MEMLIMIT_MIN,
  });
}
