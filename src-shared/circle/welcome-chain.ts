// Checking the keys a welcome hands a newcomer (docs/ARCHITECTURE.md "Joining", step 4).
// Any member can write a welcome, so none of its keys is taken on trust: the epoch-0 keys must
// match the commitment in the genesis (which the share code's fingerprint pins), and each later
// epoch's keys must match the commitment of a rekey record that opens under the previous
// epoch's (already checked) key, follows the previous rekey, and is signed by a facilitator:
// the founder, or someone a proven facilitator promoted (role records in the same chain).
// A welcome with any key that does not check out is refused as a whole.
import { bytesEqual, fromBase64Url } from '../bytes';
import type { EpochKeys } from '../crypto/keys';
import { epochKeyCommitment } from '../crypto/lockbox';
import { recordHash } from '../records/record-hash';
import type { RecordContent, RecordOf } from '../records/schema';
import { contentKeyMap, openRecord } from '../records/seal';

const commitmentMatches = (keys: EpochKeys, commitment: string): boolean => {
  const expected = fromBase64Url(commitment);
  const actual = fromBase64Url(epochKeyCommitment(keys));
  return !!expected && !!actual && bytesEqual(expected, actual);
};

/**
 * The welcome's keys if every one is proven by the genesis and the sealed `chain` records (rekeys
 * and promotions), else null. Keys come back oldest epoch first.
 */
export function verifyWelcomeKeys(
  genesis: RecordOf<'genesis'>,
  claimed: readonly EpochKeys[],
  chain: readonly Uint8Array[],
): EpochKeys[] | null {
  const proven: EpochKeys[] = claimed.filter(
    (k) => k.epoch === 0 && commitmentMatches(k, genesis.body.keyCommitment),
  );
  if (proven.length === 0) return null;
  const opened = new Map<number, RecordContent>();
  const facilitators = new Set([genesis.author]);
  /** Hashes of proven rekeys by epoch (the genesis stands for epoch 0). */
  const provenRekeys = new Map<number, Set<string>>([[0, new Set([recordHash(genesis)])]]);
  for (let progress = true; progress;) {
    progress = false;
    const keys = contentKeyMap(proven.map((k) => [k.epoch, k.contentKey] as const));
    chain.forEach((sealed, i) => {
      if (opened.has(i)) return;
      const r = openRecord(sealed, genesis.circle, keys);
      if (r.ok) opened.set(i, r.record);
    });
    for (const r of opened.values())
      if (r.kind === 'role' && r.body.role === 'facilitator' && facilitators.has(r.author))
        facilitators.add(r.body.member);
    for (const r of opened.values()) {
      if (r.kind !== 'rekey' || !facilitators.has(r.author)) continue;
      const hash = recordHash(r);
      const epoch = r.body.epoch;
      if (provenRekeys.get(epoch)?.has(hash)) continue;
      if (!provenRekeys.get(epoch - 1)?.has(r.body.prevRekey)) continue;
      const keys = claimed.filter(
        (k) => k.epoch === epoch && commitmentMatches(k, r.body.keyCommitment),
      );
      if (keys.length === 0) continue;
      const set = provenRekeys.get(epoch) ?? new Set<string>();
      set.add(hash);
      provenRekeys.set(epoch, set);
      for (const k of keys) if (!proven.includes(k)) proven.push(k);
      progress = true;
    }
  }
  if (proven.length !== claimed.length) return null;
  return [...proven].sort((a, b) => a.epoch - b.epoch);
}
