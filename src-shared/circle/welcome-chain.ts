// Checking the keys a welcome hands a newcomer (docs/ARCHITECTURE.md "Joining", step 4).
// Any member can write a welcome, so none of its keys is taken on trust: the epoch-0 keys must
// match the commitment in the genesis (which the share code's fingerprint pins), and each later
// epoch's keys must match the commitment of a rekey record that opens under the previous
// epoch's (already checked) key, follows the previous rekey, and is signed by a facilitator:
// the founder, or someone a proven facilitator promoted (role records in the same chain).
// A welcome with any key that does not check out is refused as a whole.
//
// Proven keys are not enough: every key a removed member held once is proven too. So the share
// code pins the newest winning rekey at the time of the invite, and the chain must reach it; and
// the welcome must carry the newcomer's own admission, signed by a proven facilitator, so that
// no member lets in someone a facilitator has not (see provenAdmission).
import { bytesEqual, fromBase64Url } from '../bytes';
import type { EpochKeys } from '../crypto/keys';
import { epochKeyCommitment } from '../crypto/lockbox';
import { recordHash } from '../records/record-hash';
import type { RecordContent, RecordOf } from '../records/schema';
import { contentKeyMap, openRecord, peekRecord } from '../records/seal';
import type { EpochPin } from '../share-code';

const commitmentMatches = (keys: EpochKeys, commitment: string): boolean => {
  const expected = fromBase64Url(commitment);
  const actual = fromBase64Url(epochKeyCommitment(keys));
  return !!expected && !!actual && bytesEqual(expected, actual);
};

/** What the genesis and a welcome's chain prove. */
export interface ProvenChain {
  /** Every claimed key, oldest epoch first. */
  epochs: EpochKeys[];
  /** Hashes of the proven rekeys by epoch (the genesis stands for epoch 0). */
  rekeys: Map<number, Set<string>>;
  /** The founder, and whoever a proven facilitator promoted in the chain. */
  facilitators: Set<string>;
  /** The chain's records that opened under proven keys. */
  records: RecordContent[];
}

/**
 * What the genesis and the sealed `chain` records (rekeys and promotions) prove, if they prove
 * every claimed key; else null.
 */
export function proveChain(
  genesis: RecordOf<'genesis'>,
  claimed: readonly EpochKeys[],
  chain: readonly Uint8Array[],
): ProvenChain | null {
  const proven: EpochKeys[] = claimed.filter(
    (k) => k.epoch === 0 && commitmentMatches(k, genesis.body.keyCommitment),
  );
  if (proven.length === 0) return null;
  const opened = new Map<number, RecordContent>();
  const facilitators = new Set([genesis.author]);
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
  return {
    epochs: [...proven].sort((a, b) => a.epoch - b.epoch),
    rekeys: provenRekeys,
    facilitators,
    records: [...opened.values()],
  };
}

/** Whether the chain proves the pinned rekey (a null pin, from a version-1 code, is the genesis: always). */
export const reachesPin = (proven: ProvenChain, pin: EpochPin | null): boolean =>
  pin === null || !!proven.rekeys.get(pin.epoch)?.has(pin.hash);

/**
 * The welcome's keys if every one is proven by the genesis and the sealed `chain`, and the chain
 * reaches `pin`; else null. Keys come back oldest epoch first.
 */
export function verifyWelcomeKeys(
  genesis: RecordOf<'genesis'>,
  claimed: readonly EpochKeys[],
  chain: readonly Uint8Array[],
  pin: EpochPin | null = null,
): EpochKeys[] | null {
  const proven = proveChain(genesis, claimed, chain);
  return proven && reachesPin(proven, pin) ? proven.epochs : null;
}

/**
 * `member`'s admission among the chain and the head start (`recent`), if a proven facilitator
 * signed it, or anyone where the genesis lets members invite and the admission's invite (also
 * among them) admits on knocking; else null. Only admissions and invites are opened in full.
 */
export function provenAdmission(
  genesis: RecordOf<'genesis'>,
  proven: ProvenChain,
  recent: readonly Uint8Array[],
  member: string,
): RecordOf<'admit'> | null {
  const membersInvite = genesis.body.policy.membersMayInvite;
  const keys = contentKeyMap(proven.epochs.map((k) => [k.epoch, k.contentKey] as const));
  const records = [...proven.records];
  for (const sealed of recent) {
    const kind = peekRecord(sealed, keys)?.kind;
    if (kind !== 'admit' && !(kind === 'invite' && membersInvite)) continue;
    const r = openRecord(sealed, genesis.circle, keys);
    if (r.ok) records.push(r.record);
  }
  const autoInvites = new Set<string>();
  for (const r of records)
    if (r.kind === 'invite' && r.body.approval === 'auto') autoInvites.add(r.body.inviteId);
  for (const r of records) {
    if (r.kind !== 'admit' || r.body.member !== member) continue;
    if (proven.facilitators.has(r.author)) return r;
    if (membersInvite && autoInvites.has(r.body.inviteId)) return r;
  }
  return null;
}
