// Sealed-record fixtures for the records tests: one founded circle with its epoch-0 content key,
// the envelope's layout, and helpers that sign exact bytes by hand and name why openRecord
// refuses an envelope.
import { utf8 } from '../../src-shared/bytes';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import type { MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium, sodium } from '../../src-shared/crypto/sodium';
import { recordHash } from '../../src-shared/records/record-hash';
import { openRecord, type ContentKeys } from '../../src-shared/records/seal';

/** The envelope: version(1) || epoch(4) || nonce(24) || ciphertext || tag(16). */
export const HEADER = 5;
export const NONCE = 24;
export const TAG = 16;
export const OVERHEAD = HEADER + NONCE + TAG;

/** The circle of a test file and its known content keys; set by setUpRecordCircle (call it in beforeAll). */
export let circle: FoundedCircle;
export let keys: ContentKeys;
export async function setUpRecordCircle(): Promise<void> {
  await loadSodium();
  circle = foundCircle(
    { name: 'Tuesday circle', description: 'A place to talk', displayName: 'Ana' },
    1_700_000_000_000,
  );
  keys = new Map([[0, [circle.epoch.contentKey]]]);
}

/**
 * The author argument of draftRecord: the founder in epoch 0 of the test circle unless told,
 * writing its second record, right after the genesis.
 */
export const who = (k: MemberKeys = circle.keys, epoch = 0, circleId = circle.circleId) => ({
  circleId,
  epoch,
  keys: k,
  seq: 2,
  prev: [recordHash(circle.genesis)],
});

/** signature || exact bytes, signed with `secretKey` (which need not match the author field). */
export function signRaw(bytes: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const sig = sodium().crypto_sign_detached(bytes, secretKey);
  const out = new Uint8Array(64 + bytes.length);
  out.set(sig);
  out.set(bytes, 64);
  return out;
}

export const signJson = (value: unknown, secretKey = circle.keys.signSecretKey) =>
  signRaw(utf8(JSON.stringify(value)), secretKey);

/** 'ok', or the reason openRecord refuses `sealed`. */
export function reasonOf(
  sealed: unknown,
  circleId = circle.circleId,
  contentKeys: ContentKeys = keys,
) {
  const r = openRecord(sealed, circleId, contentKeys);
  return r.ok ? 'ok' : r.reason;
}
