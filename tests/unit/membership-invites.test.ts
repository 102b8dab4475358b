// Attacks on joining (issue 15): a share code is not a permanent, automatic ticket. The ledger,
// not the answering app, enforces an invite's expiry, uses, approval and revocation, so an
// admission that breaks a rule is void on every peer, whoever wrote it.
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordOf } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

let founder: SimMember;
let genesis: RecordOf<'genesis'>;

function freshCircle() {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'Ana' }, T0);
  genesis = c.genesis;
  founder = new SimMember(c.keys, c.genesis);
}

/** A plain member, admitted by the founder with an invite of its own. */
function plainMember(name: string): { m: SimMember; records: RecordOf<'invite' | 'admit'>[] } {
  const keys = newKeys();
  const inv = founder.invite({ maxUses: 1 });
  const adm = founder.admit(keys, inv, name);
  const m = new SimMember(keys, genesis).receive([inv, adm]);
  return { m, records: [inv, adm] };
}

beforeAll(async () => {
  await loadSodium();
});

describe('invites the ledger enforces', () => {
  it('an admission after the invite expired is void on every peer', () => {
    freshCircle();
    const inv = founder.invite({ expiresAt: T0 + HOUR });
    const late = founder.admit(newKeys(), inv, 'Late', T0 + 2 * HOUR);
    const observer = new SimMember(newKeys(), genesis).receive([inv, late]);
    expect(founder.ledger.members.size).toBe(1);
    expect(observer.ledger.members.size).toBe(1);
    const onTime = founder.admit(
      newKeys(),
      founder.invite({ expiresAt: T0 + 9 * HOUR }),
      'On time',
    );
    expect(onTime.ts).toBeLessThan(T0 + 9 * HOUR);
    expect(founder.ledger.members.size).toBe(2);
  });

  it('a single-use invite lets one newcomer in, not two', () => {
    freshCircle();
    const inv = founder.invite({ maxUses: 1 });
    const first = founder.admit(newKeys(), inv, 'First');
    const second = founder.admit(newKeys(), inv, 'Second');
    expect([...founder.ledger.members.values()].map((m) => m.displayName)).toEqual([
      'Ana',
      'First',
    ]);
    // Delivered the other way round, the same one wins: the order is the graph's, not arrival's.
    const other = new SimMember(newKeys(), genesis).receive([second, first, inv]);
    expect([...other.ledger.members.values()].map((m) => m.displayName).sort()).toEqual([
      'Ana',
      'First',
    ]);
    expect(founder.ledger.invites.get(inv.body.inviteId)?.used).toBe(1);
  });

  it('two answers to the same knock use the invite once', () => {
    freshCircle();
    const inv = founder.invite({ maxUses: 1 });
    const newcomer = newKeys();
    founder.admit(newcomer, inv, 'Sam');
    founder.admit(newcomer, inv, 'Sam');
    expect(founder.ledger.members.size).toBe(2);
    expect(founder.ledger.invites.get(inv.body.inviteId)?.used).toBe(1);
  });

  it('a revoked invite admits nobody afterwards', () => {
    freshCircle();
    const inv = founder.invite({ maxUses: null });
    founder.write('revoke', { inviteId: inv.body.inviteId });
    founder.admit(newKeys(), inv, 'After');
    expect(founder.ledger.members.size).toBe(1);
    expect(founder.ledger.invites.get(inv.body.inviteId)?.revoked).toBe(true);
  });

  it('a plain member cannot admit on an invite that needs a facilitator', () => {
    freshCircle();
    const { m, records } = plainMember('Bo');
    const inv = founder.invite({ maxUses: 5, approval: 'facilitator' });
    m.receive([inv]);
    const sneaky = m.admit(newKeys(), inv, 'Friend of Bo');
    founder.receive([sneaky]);
    expect(founder.ledger.members.size).toBe(2);
    expect(records).toHaveLength(2);
  });

  it('attack: a member stamping a record far in the future cannot push everyone past the expiry of every invite', () => {
    freshCircle();
    const { m } = plainMember('Bo');
    const now = Date.now();
    const fromTheFuture = m.write('rename', { displayName: 'Bo' }, now + 100 * 365 * 24 * HOUR);
    founder.receive([fromTheFuture]);
    const inv = founder.invite({ expiresAt: now + HOUR });
    const adm = founder.admit(newKeys(), inv, 'Sam');
    expect(adm.ts).toBeLessThan(now + HOUR);
    expect(adm.prev).not.toContain(founder.ledger.hashOfRecord(fromTheFuture));
    expect([...founder.ledger.members.values()].map((x) => x.displayName)).toContain('Sam');
  });

  it('a plain member cannot invite where the circle does not allow it', () => {
    freshCircle();
    const { m } = plainMember('Bo');
    const own = m.invite({ approval: 'auto' });
    const adm = m.admit(newKeys(), own, 'Friend of Bo');
    founder.receive([own, adm]);
    expect(founder.ledger.invites.has(own.body.inviteId)).toBe(false);
    expect(founder.ledger.members.size).toBe(2);
  });
});
