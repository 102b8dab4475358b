// Attack (issue 15, found in review): a facilitator whose role was taken back writes acts of
// authority that name only records from before the demotion, claiming not to have seen it. The
// demotion carries `upTo`, as a removal does: such acts are void on every peer, in any order.
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle } from '../../src-shared/circle/founding';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';

beforeAll(async () => {
  await loadSodium();
});

function setUp() {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'Ana' }, 1_700_000_000_000);
  const ana = new SimMember(c.keys, c.genesis);
  const dee = new SimMember(newKeys(), c.genesis);
  const bo = new SimMember(newKeys(), c.genesis);
  const invD = ana.invite({ maxUses: 2 });
  const admD = ana.admit(dee.keys, invD, 'Dee');
  const admB = ana.admit(bo.keys, invD, 'Bo');
  const promote = ana.setRole(dee, 'facilitator');
  const history: RecordContent[] = [invD, admD, admB, promote];
  dee.receive(history);
  bo.receive(history);
  return { c, ana, dee, bo, history };
}

const everyOrder = (records: RecordContent[]) => [records, [...records].reverse()];

describe('a demoted facilitator', () => {
  it('cannot still remove a member by naming only records from before the demotion', () => {
    const { c, ana, dee, bo, history } = setUp();
    const demote = ana.setRole(dee, 'member');
    // Dee has not "seen" the demotion: her removal names what she had before it.
    const sneaky = dee.remove(bo, 'I decide who stays');
    for (const order of everyOrder([demote, sneaky])) {
      const peer = new SimMember(newKeys(), c.genesis).receive([...history, ...order]);
      expect(peer.ledger.members.has(bo.key)).toBe(true);
      expect(peer.ledger.members.get(dee.key)?.role).toBe('member');
    }
  });

  it('cannot make an accomplice a facilitator the same way', () => {
    const { c, ana, dee, bo, history } = setUp();
    const demote = ana.setRole(dee, 'member');
    const sneaky = dee.setRole(bo, 'facilitator');
    for (const order of everyOrder([sneaky, demote])) {
      const peer = new SimMember(newKeys(), c.genesis).receive([...history, ...order]);
      expect(peer.ledger.members.get(bo.key)?.role).toBe('member');
    }
  });

  it('keeps what she did before the demotion, as the demoter had seen it', () => {
    const { c, ana, dee, history } = setUp();
    const invByDee = dee.invite({ maxUses: 1 });
    ana.receive([invByDee]);
    const demote = ana.setRole(dee, 'member');
    const peer = new SimMember(newKeys(), c.genesis).receive([...history, demote, invByDee]);
    expect(peer.ledger.invites.has(invByDee.body.inviteId)).toBe(true);
  });

  it('acts again once promoted again by someone who knew of the demotion', () => {
    const { c, ana, dee, bo, history } = setUp();
    const demote = ana.setRole(dee, 'member');
    dee.receive([demote]);
    const again = ana.setRole(dee, 'facilitator');
    dee.receive([again]);
    const removal = dee.remove(bo, 'Repeated harm after warnings');
    const peer = new SimMember(newKeys(), c.genesis).receive([...history, demote, again, removal]);
    expect(peer.ledger.members.has(bo.key)).toBe(false);
  });
});
