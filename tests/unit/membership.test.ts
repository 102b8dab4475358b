// Membership on its own: the causal graph (membership-dag.ts) and the pure fold over it
// (membership.ts). Written as attacks where a peer could try one: self-admission, a borrowed
// invite id, a second genesis, a promotion used before its author knew of it, an admission that
// would demote the founder, a record with no causal position.
import { describe, it, expect, beforeAll } from 'vitest';
import { draftInvite } from '../../src-shared/circle/founding';
import { MembershipDag, type DagNode } from '../../src-shared/circle/membership-dag';
import {
  foldMembership,
  inviteIdMatches,
  MEMBERSHIP_KINDS,
} from '../../src-shared/circle/membership';
import { recordHash } from '../../src-shared/records/record-hash';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';
import { T0, circle, draftAt, founder, keyOf, setUpCircle } from '../support/ledger-fixtures';

beforeAll(setUpCircle);

/** The graph of `records` (offered in this order) and its genesis node. */
function graph(records: readonly RecordContent[], genesis: RecordOf<'genesis'> = circle.genesis) {
  const dag = new MembershipDag();
  dag.offer(genesis, recordHash(genesis));
  for (const r of records) dag.offer(r, MEMBERSHIP_KINDS.has(r.kind) ? recordHash(r) : null);
  return { dag, root: dag.get(recordHash(genesis))! };
}

/** The state of `records`, folded. */
function fold(records: readonly RecordContent[], skip: ReadonlySet<string> = new Set()) {
  const { dag, root } = graph(records);
  return foldMembership(root, dag.inOrder(), skip);
}

const accepted = (records: readonly RecordContent[], r: RecordContent) =>
  fold(records).accepted.has(recordHash(r));

describe('MembershipDag', () => {
  it('places a record once everything it names is there, at one more than its deepest predecessor', () => {
    const f = founder();
    const inv = f.invite();
    const adm = f.admit(newKeys(), inv, 'Bo');
    const dag = new MembershipDag();
    expect(dag.offer(adm, recordHash(adm)).nodes).toEqual([]);
    expect(dag.offer(inv, recordHash(inv)).nodes).toEqual([]);
    expect(dag.waiting).toBe(2);
    const placed = dag.offer(circle.genesis, recordHash(circle.genesis)).nodes;
    expect(placed.map((n: DagNode) => [n.record.kind, n.depth])).toEqual([
      ['genesis', 0],
      ['invite', 1],
      ['admit', 2],
    ]);
    expect(dag.waiting).toBe(0);
    expect(dag.inOrder().map((n) => n.record.id)).toEqual([circle.genesis.id, inv.id, adm.id]);
  });

  it('the fold order depends on the graph, not on arrival', () => {
    const f = founder();
    const b = new SimMember(newKeys(), circle.genesis);
    const records = [f.invite(), f.message('m'), f.write('rename', { displayName: 'F.' })];
    const other = b.write('rename', { displayName: 'not a member' });
    const ids = (list: RecordContent[]) =>
      graph(list)
        .dag.inOrder()
        .map((n) => n.hash);
    expect(ids([...records, other])).toEqual(ids([other, ...records].reverse()));
  });

  it('attack: a record earlier than what it names, or naming nothing, is refused', () => {
    const f = founder();
    const inv = f.invite();
    const at = { seq: 9, prev: [recordHash(inv)], ts: inv.ts - 1 };
    const backdated = draftAt(circle.keys, at, 'invite', draftInvite(inv.body).body);
    const rootless = draftAt(circle.keys, { ...at, prev: [], ts: T0 + 5 }, 'rename', {
      displayName: 'x',
    });
    const { dag } = graph([inv]);
    expect(dag.offer(backdated, recordHash(backdated)).refused).toEqual([backdated]);
    expect(dag.offer(rootless, recordHash(rootless)).refused).toEqual([rootless]);
    expect(dag.size).toBe(2);
  });

  it('a message is placed after what it names, never becomes a node', () => {
    const f = founder();
    const msg = f.message('hi');
    const { dag } = graph([]);
    expect(dag.offer(msg, null)).toEqual({ nodes: [], others: [msg], refused: [] });
    expect(dag.size).toBe(1);
  });

  it('trimWaiting drops what waits beyond the bound, and never places it afterwards', () => {
    const f = founder();
    const inv = f.invite();
    const adm = f.admit(newKeys(), inv, 'Bo');
    const dag = new MembershipDag();
    dag.offer(circle.genesis, recordHash(circle.genesis));
    dag.offer(adm, recordHash(adm));
    expect(dag.trimWaiting(0).map((r) => r.id)).toEqual([adm.id]);
    expect(dag.waiting).toBe(0);
    expect(dag.offer(inv, recordHash(inv)).nodes.map((n) => n.record.id)).toEqual([inv.id]);
    expect(dag.has(recordHash(adm))).toBe(false);
  });
});

describe('foldMembership', () => {
  it('starts with the founder alone, the senior facilitator', () => {
    const s = fold([]);
    expect([...s.members.keys()]).toEqual([keyOf(circle.keys)]);
    expect(s.members.get(keyOf(circle.keys))).toMatchObject({ role: 'facilitator', rank: 0 });
    expect(s.invites.size).toBe(0);
    expect(s.epochs).toEqual([]);
    expect(s.accepted).toEqual(new Set([recordHash(circle.genesis)]));
  });

  it('attack: records by someone who is not a member are void', () => {
    const f = founder();
    const inv = f.invite({ approval: 'auto' });
    const stranger = new SimMember(newKeys(), circle.genesis).receive([inv]);
    const own = stranger.invite();
    const self = stranger.admit(stranger.keys, inv, 'Me');
    const s = fold([inv, own, self]);
    expect(s.members.has(stranger.key)).toBe(false);
    expect([...s.invites.keys()]).toEqual([inv.body.inviteId]);
    expect(s.accepted.has(recordHash(self))).toBe(false);
  });

  it('attack: a second genesis is void and changes nothing', () => {
    const again = draftAt(
      circle.keys,
      { seq: 2, prev: [recordHash(circle.genesis)], ts: T0 + 5 },
      'genesis',
      {
        ...circle.genesis.body,
        policy: { membersMayInvite: true },
      },
    );
    const s = fold([again]);
    expect(s.policy).toEqual(circle.genesis.body.policy);
    expect(s.accepted.has(recordHash(again))).toBe(false);
  });

  it("attack: an invite that borrows another invite's id with its own secret is void", () => {
    const f = founder();
    const real = f.invite();
    const borrowed = f.write('invite', {
      ...draftInvite({ expiresAt: null, maxUses: null, approval: 'auto' }).body,
      inviteId: real.body.inviteId,
    });
    expect(inviteIdMatches(real)).toBe(true);
    expect(inviteIdMatches(borrowed)).toBe(false);
    const s = fold([real, borrowed]);
    expect(s.invites.get(real.body.inviteId)).toMatchObject({
      secret: real.body.secret,
      approval: 'facilitator',
    });
    expect(s.accepted.has(recordHash(borrowed))).toBe(false);
  });

  it('two records of one invite: the first in the fold order holds, whichever arrived first', () => {
    const f = founder();
    const { body } = draftInvite({ expiresAt: null, maxUses: 1, approval: 'facilitator' });
    const first = f.write('invite', body);
    const second = f.write('invite', { ...body, maxUses: 50 });
    for (const order of [
      [first, second],
      [second, first],
    ])
      expect(fold(order).invites.get(body.inviteId)).toMatchObject({ maxUses: 1 });
  });

  it('attack: an admission of the founder never demotes them', () => {
    const f = founder();
    const inv = f.invite();
    const self = f.admit(circle.keys, inv, 'Demoted?');
    expect(fold([inv, self]).members.get(keyOf(circle.keys))).toMatchObject({
      role: 'facilitator',
      displayName: 'Founder',
      rank: 0,
    });
  });

  it('attack: a promotion grants nothing to records its author wrote without knowing of it', () => {
    const f = founder();
    const bo = new SimMember(newKeys(), circle.genesis);
    const inv = f.invite();
    const admBo = f.admit(bo.keys, inv, 'Bo');
    bo.receive([inv, admBo]);
    const early = bo.invite(); // Bo is not a facilitator yet, in Bo's view
    const promotion = f.setRole(bo, 'facilitator');
    const later = bo.receive([promotion]).invite();
    const s = fold([inv, admBo, early, promotion, later]);
    expect(s.invites.has(early.body.inviteId)).toBe(false);
    expect(s.invites.has(later.body.inviteId)).toBe(true);
    expect(s.members.get(bo.key)).toMatchObject({ role: 'facilitator', rank: 1 });
  });

  it('promotions rank facilitators by their order; the log says who did what', () => {
    const f = founder();
    const [bo, cy] = [newKeys(), newKeys()].map((k) => new SimMember(k, circle.genesis)) as [
      SimMember,
      SimMember,
    ];
    const inv = f.invite({ maxUses: null });
    const records = [
      inv,
      f.admit(bo.keys, inv, 'Bo'),
      f.admit(cy.keys, inv, 'Cy'),
      f.setRole(bo, 'facilitator'),
      f.setRole(cy, 'facilitator'),
      f.setRole(cy, 'member'),
    ];
    const s = fold(records);
    expect(s.members.get(bo.key)).toMatchObject({ role: 'facilitator', rank: 1 });
    expect(s.members.get(cy.key)).toMatchObject({ role: 'member', rank: null });
    expect(s.log.map((e) => [e.kind, e.member])).toEqual([
      ['promoted', bo.key],
      ['promoted', cy.key],
      ['demoted', cy.key],
    ]);
  });

  it('skipped records (the two sides of a fork) take no effect', () => {
    const f = founder();
    const inv = f.invite();
    const adm = f.admit(newKeys(), inv, 'Bo');
    expect(accepted([inv, adm], adm)).toBe(true);
    const s = fold([inv, adm], new Set([recordHash(inv)]));
    expect(s.invites.size).toBe(0);
    expect(s.members.size).toBe(1);
  });

  it('messages are not membership records; every other kind is', () => {
    expect(MEMBERSHIP_KINDS.has('message')).toBe(false);
    for (const kind of [
      'genesis',
      'invite',
      'revoke',
      'admit',
      'role',
      'remove',
      'leave',
      'rename',
      'rekey',
    ])
      expect(MEMBERSHIP_KINDS.has(kind)).toBe(true);
  });
});
