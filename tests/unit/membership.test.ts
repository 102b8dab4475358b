// Membership on its own: records in, members, invites and verdicts out. Written as attacks where
// a peer could try one: self-admission, a borrowed invite id, a forged second genesis, a
// plain member admitting where the policy forbids it, an admission that would demote the founder.
import { describe, it, expect, beforeAll } from 'vitest';
import { draftInvite, draftRecord } from '../../src-shared/circle/founding';
import {
  admissionOutranks,
  inviteIdMatches,
  isMembershipRecord,
  Membership,
  type MembershipRecord,
} from '../../src-shared/circle/membership';
import { generateMemberKeys } from '../../src-shared/crypto/keys';
import {
  T0,
  admit,
  as,
  circle,
  circleWithPolicy,
  invite,
  keyOf,
  message,
  setUpCircle,
} from '../support/ledger-fixtures';

beforeAll(setUpCircle);

/** The fold: each record's verdict, in order. */
const fold = (m: Membership, records: MembershipRecord[]) => records.map((r) => m.apply(r));

describe('Membership', () => {
  it('starts with the founder alone, a facilitator who may admit', () => {
    const m = new Membership(circle.genesis);
    expect([...m.members.keys()]).toEqual([keyOf(circle.keys)]);
    expect(m.members.get(keyOf(circle.keys))).toMatchObject({ role: 'facilitator', since: T0 });
    expect(m.canAdmit(keyOf(circle.keys))).toBe(true);
    expect(m.canAdmit(keyOf(generateMemberKeys()))).toBe(false);
    expect(m.invites.size).toBe(0);
  });

  it('invite then admission makes a member, and the version moves only then', () => {
    const m = new Membership(circle.genesis);
    const bo = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const v0 = m.version;
    expect(m.apply(inv)).toBe('accepted');
    expect(m.version).toBe(v0);
    expect(m.apply(admit(circle.keys, bo, inv, T0 + 2, 'Bo'))).toBe('accepted');
    expect(m.version).toBe(v0 + 1);
    expect(m.isMember(keyOf(bo))).toBe(true);
    expect(m.members.get(keyOf(bo))).toEqual({
      key: keyOf(bo),
      displayName: 'Bo',
      role: 'member',
      admittedBy: keyOf(circle.keys),
      since: T0 + 2,
    });
  });

  it('records by someone who is not a member are pending, not refused: their admission may come', () => {
    const m = new Membership(circle.genesis);
    const stranger = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    m.apply(inv);
    expect(m.apply(invite(stranger, T0 + 2))).toBe('pending');
    expect(m.apply(admit(stranger, stranger, inv, T0 + 3, 'Me'))).toBe('pending');
    expect(m.isMember(keyOf(stranger))).toBe(false);
    expect(m.invites.size).toBe(1);
  });

  it('an admission naming an invite not seen yet is pending; the same one after the invite counts', () => {
    const m = new Membership(circle.genesis);
    const bo = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const adm = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    expect(fold(m, [adm, inv, adm])).toEqual(['pending', 'accepted', 'accepted']);
    expect(m.isMember(keyOf(bo))).toBe(true);
  });

  it('attack: a second genesis from the founder is refused and changes nothing', () => {
    const m = new Membership(circle.genesis);
    const again = draftRecord(
      as(circle.keys),
      'genesis',
      { ...circle.genesis.body, policy: { membersMayAdmit: true } },
      T0 + 5,
    );
    expect(m.apply(again)).toBe('refused');
    expect(m.policy).toEqual(circle.genesis.body.policy);
  });

  it("attack: an invite that borrows another invite's id with its own secret is refused", () => {
    const m = new Membership(circle.genesis);
    const real = invite(circle.keys, T0 + 1);
    const borrowed = draftRecord(
      as(circle.keys),
      'invite',
      { ...draftInvite().body, inviteId: real.body.inviteId },
      T0,
    );
    expect(inviteIdMatches(real)).toBe(true);
    expect(inviteIdMatches(borrowed)).toBe(false);
    expect(fold(m, [real, borrowed])).toEqual(['accepted', 'refused']);
    expect(m.invites.get(real.body.inviteId)?.secret).toBe(real.body.secret);
  });

  it('two copies of one invite: the earliest wins in either order', () => {
    const { body } = draftInvite({ maxUses: 1 });
    const early = draftRecord(as(circle.keys), 'invite', body, T0 + 1);
    const late = draftRecord(as(circle.keys), 'invite', { ...body, maxUses: 50 }, T0 + 9);
    for (const order of [
      [early, late],
      [late, early],
    ]) {
      const m = new Membership(circle.genesis);
      expect(fold(m, order)).toEqual(['accepted', 'accepted']);
      expect(m.invites.get(body.inviteId)).toMatchObject({ maxUses: 1, createdAt: T0 + 1 });
    }
  });

  it('attack: where members may not admit, a plain member cannot invite or admit', () => {
    const { founder, genesis } = circleWithPolicy(false);
    const c = { circleId: genesis.circle };
    const m = new Membership(genesis);
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(founder, T0 + 1, c);
    fold(m, [inv, admit(founder, bo, inv, T0 + 2, 'Bo', c)]);
    expect(m.canAdmit(keyOf(bo))).toBe(false);
    expect(m.apply(invite(bo, T0 + 3, c))).toBe('refused');
    expect(m.apply(admit(bo, cy, inv, T0 + 4, 'Cy', c))).toBe('refused');
    expect(m.isMember(keyOf(cy))).toBe(false);
  });

  it('where members may admit, a plain member can', () => {
    const { founder, genesis } = circleWithPolicy(true);
    const c = { circleId: genesis.circle };
    const m = new Membership(genesis);
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(founder, T0 + 1, c);
    const boInv = invite(bo, T0 + 3, c);
    expect(
      fold(m, [
        inv,
        admit(founder, bo, inv, T0 + 2, 'Bo', c),
        boInv,
        admit(bo, cy, boInv, T0 + 4, 'Cy', c),
      ]),
    ).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(m.members.get(keyOf(cy))?.admittedBy).toBe(keyOf(bo));
  });

  it('attack: an admission of the founder never demotes them, however early it claims to be', () => {
    const m = new Membership(circle.genesis);
    const inv = invite(circle.keys, T0 + 1);
    const v = m.version;
    expect(fold(m, [inv, admit(circle.keys, circle.keys, inv, 1, 'Demoted?')])).toEqual([
      'accepted',
      'accepted',
    ]);
    expect(m.members.get(keyOf(circle.keys))).toMatchObject({
      role: 'facilitator',
      displayName: 'Founder',
    });
    expect(m.version).toBe(v);
  });

  it('the admission tie-break: time, then admitter key, then name, so every order agrees', () => {
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const admBo = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    const candidates = [
      admit(circle.keys, cy, inv, T0 + 10, 'Cy b'),
      admit(circle.keys, cy, inv, T0 + 10, 'Cy a'),
      admit(bo, cy, inv, T0 + 10, 'Cy'),
      admit(circle.keys, cy, inv, T0 + 11, 'Cy late'),
    ];
    const outcomes = [
      candidates,
      [...candidates].reverse(),
      [candidates[2]!, candidates[0]!, candidates[3]!, candidates[1]!],
    ].map((order) => {
      const m = new Membership(circle.genesis);
      fold(m, [inv, admBo, ...order]);
      return m.members.get(keyOf(cy));
    });
    const lowest = [keyOf(circle.keys), keyOf(bo)].sort()[0];
    expect(outcomes[0]).toMatchObject({ since: T0 + 10, admittedBy: lowest });
    if (lowest === keyOf(circle.keys)) expect(outcomes[0]!.displayName).toBe('Cy a');
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });

  it('admissionOutranks: earlier wins; a facilitator is never outranked', () => {
    const m = new Membership(circle.genesis);
    const inv = invite(circle.keys, T0 + 1);
    const cy = generateMemberKeys();
    fold(m, [inv, admit(circle.keys, cy, inv, T0 + 10, 'Cy')]);
    const member = m.members.get(keyOf(cy))!;
    expect(admissionOutranks(admit(circle.keys, cy, inv, T0 + 9, 'Cy'), member)).toBe(true);
    expect(admissionOutranks(admit(circle.keys, cy, inv, T0 + 11, 'Cy'), member)).toBe(false);
    const founder = m.members.get(keyOf(circle.keys))!;
    expect(admissionOutranks(admit(circle.keys, circle.keys, inv, 0, 'x'), founder)).toBe(false);
  });

  it('only genesis, invite and admit are membership records', () => {
    expect(isMembershipRecord(circle.genesis)).toBe(true);
    expect(isMembershipRecord(invite(circle.keys, T0))).toBe(true);
    expect(isMembershipRecord(message(circle.keys, 'hi', T0))).toBe(false);
  });
});
