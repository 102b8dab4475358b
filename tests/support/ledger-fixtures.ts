// Records for ledger and membership tests: a founded circle and drafting helpers, real keys and
// signatures throughout (what a peer's openRecord would hand the ledger).
import { toBase64Url } from '../../src-shared/bytes';
import {
  draftInvite,
  draftRecord,
  foundCircle,
  type FoundedCircle,
} from '../../src-shared/circle/founding';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { GenesisBody, type RecordOf } from '../../src-shared/records/schema';

export const T0 = 1_700_000_000_000;
export const keyOf = (k: MemberKeys) => toBase64Url(k.signPublicKey);

/** The default circle of a test file; set by setUpCircle (call it in beforeAll). */
export let circle: FoundedCircle;
export async function setUpCircle(): Promise<void> {
  await loadSodium();
  circle = foundCircle({ name: 'Circle', description: '', displayName: 'Founder' }, T0);
}

type CircleRef = { circleId: string };

export const as = (keys: MemberKeys, c: CircleRef = circle) => ({
  circleId: c.circleId,
  epoch: 0,
  keys,
});
export const message = (keys: MemberKeys, text: string, ts: number, c: CircleRef = circle) =>
  draftRecord(as(keys, c), 'message', { text }, ts);
export const invite = (keys: MemberKeys, ts: number, c: CircleRef = circle) =>
  draftRecord(as(keys, c), 'invite', draftInvite().body, ts);
export const admit = (
  by: MemberKeys,
  member: MemberKeys,
  inv: RecordOf<'invite'>,
  ts: number,
  displayName = 'Someone',
  c: CircleRef = circle,
) =>
  draftRecord(
    as(by, c),
    'admit',
    { member: keyOf(member), displayName, inviteId: inv.body.inviteId },
    ts,
  );

/** A circle whose genesis policy is chosen by hand. */
export function circleWithPolicy(membersMayAdmit: boolean) {
  const founder = generateMemberKeys();
  const circleId = foundCircle({ name: 'x', description: '', displayName: 'x' }).circleId;
  const body = GenesisBody.parse({
    name: 'Strict',
    description: '',
    displayName: 'Facil',
    policy: { membersMayAdmit },
  });
  const genesis = draftRecord({ circleId, epoch: 0, keys: founder }, 'genesis', body, T0);
  return { circleId, founder, genesis };
}
