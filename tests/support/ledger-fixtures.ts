// Records for ledger and membership tests: a founded circle and drafting helpers, real keys and
// signatures throughout (what a peer's openRecord would hand the ledger). SimMember (circle-sim.ts)
// writes records at its own position; `draftAt` places a record by hand, for the tests that need
// a position or time no honest app would choose.
import { toBase64Url } from '../../src-shared/bytes';
import { draftRecord, foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import type { MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordKind, RecordOf } from '../../src-shared/records/schema';
import { SimMember } from './circle-sim';

export const T0 = 1_700_000_000_000;
export const keyOf = (k: MemberKeys) => toBase64Url(k.signPublicKey);

/** The default circle of a test file; set by setUpCircle (call it in beforeAll). */
export let circle: FoundedCircle;
export async function setUpCircle(): Promise<void> {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' }, T0);
}

/** The founder of the default circle, with a ledger of its own (a new one each call). */
export const founder = (): SimMember => new SimMember(circle.keys, circle.genesis);

/** A record by `keys` at a position chosen by hand: sequence number, `prev` and time. */
export function draftAt<K extends RecordKind>(
  keys: MemberKeys,
  at: { seq: number; prev: string[]; ts: number; circleId?: string; epoch?: number },
  kind: K,
  body: RecordOf<K>['body'],
): RecordOf<K> {
  const who = {
    circleId: at.circleId ?? circle.circleId,
    epoch: at.epoch ?? 0,
    keys,
    seq: at.seq,
    prev: at.prev,
  };
  return draftRecord(who, kind, body, at.ts);
}

/** A circle whose genesis policy is chosen by hand, and its founder. */
export function circleWithPolicy(membersMayInvite: boolean) {
  const c = foundCircle({ name: 'Strict', description: '', displayName: 'Facil' }, T0);
  const genesis = draftRecord(
    { circleId: c.circleId, epoch: 0, keys: c.keys, seq: 1, prev: [] },
    'genesis',
    { ...c.genesis.body, policy: { membersMayInvite } },
    T0,
  );
  return { genesis, founder: new SimMember(c.keys, genesis) };
}
