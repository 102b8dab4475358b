// Attacks on the membership protocol (issue 15), each tried as the attacker would: renaming
// another member, backdating, equivocating, and a flood of chained pending records. Each one
// worked on the old ledger; here it must change nothing on any peer, whatever the order.
import { beforeAll, describe, expect, it } from 'vitest';
import { draftRecord, foundCircle } from '../../src-shared/circle/founding';
import { CircleLedger } from '../../src-shared/circle/ledger';
import type { MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { recordHash } from '../../src-shared/records/record-hash';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { openRecord, sealRecord } from '../../src-shared/records/seal';
import { admitBodyFor, newKeys, SimMember } from '../support/circle-sim';
import { snapshot } from '../support/convergence-sim';

/** The founder's keys of the latest circleWithAna, for tests that write as the founder again. */
let founderKeys: MemberKeys | null = null;

const T0 = 1_700_000_000_000;

beforeAll(loadSodium);

/** Founder F, co-facilitator B, plain member Pat and member Ana (admitted after B's promotion); everyone saw it all. */
function circleWithAna() {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'F' }, T0);
  founderKeys = c.keys;
  const f = new SimMember(c.keys, c.genesis);
  const inv = f.invite({ maxUses: null });
  const b = new SimMember(newKeys(), c.genesis);
  const ana = new SimMember(newKeys(), c.genesis);
  const pat = new SimMember(newKeys(), c.genesis);
  const shared: RecordContent[] = [inv, f.admit(b.keys, inv, 'Bo'), f.setRole(b, 'facilitator')];
  shared.push(f.admit(pat.keys, inv, 'Pat'));
  const anaIn = f.admit(ana.keys, inv, 'Ana');
  shared.push(anaIn);
  for (const s of [b, ana, pat]) s.receive(shared);
  return { c, f, b, ana, pat, inv, anaIn, shared };
}

/** Fresh peers given `records` in both orders, one at a time. */
function bothOrders(genesis: RecordOf<'genesis'>, records: readonly RecordContent[]) {
  return [records, [...records].reverse()].map((order) => {
    const l = new CircleLedger(genesis);
    for (const r of order) l.ingest([r]);
    return l;
  });
}

describe('the rename', () => {
  it('an admission of an existing member under another name does not open (the name is her own knock)', () => {
    const { c, b, ana, pat, inv } = circleWithAna();
    const real = admitBodyFor(ana.keys, 'Ana', inv.body.inviteId);
    for (const by of [b, pat]) {
      const at = { circleId: c.circleId, epoch: 0, keys: by.keys, seq: 9, prev: [recordHash(inv)] };
      const forged = draftRecord(at, 'admit', { ...real, displayName: 'Mallory' }, inv.ts);
      const sealed = sealRecord(forged, by.keys.signSecretKey, c.epoch.contentKey);
      const opened = openRecord(sealed, c.circleId, new Map([[0, [c.epoch.contentKey]]]));
      expect(opened.ok ? 'ok' : opened.reason).toBe('bad-signature');
      // Control: with her own name the same record opens (and changes nothing, see below).
      const honest = sealRecord(
        { ...forged, body: real },
        by.keys.signSecretKey,
        c.epoch.contentKey,
      );
      expect(openRecord(honest, c.circleId, new Map([[0, [c.epoch.contentKey]]])).ok).toBe(true);
    }
  });

  it('re-admissions of a member, earlier and by anyone, leave her name as she chose it', () => {
    const { c, f, b, ana, pat, inv, anaIn, shared } = circleWithAna();
    const rename = ana.write('rename', { displayName: 'Ana M.' });
    // Each replays her knock as early as it can: right after the invite, at the invite's time.
    const replay = (by: SimMember, seq: number) =>
      draftRecord(
        { circleId: c.circleId, epoch: 0, keys: by.keys, seq, prev: [recordHash(inv)] },
        'admit',
        anaIn.body,
        inv.ts,
      );
    const all = [...shared, rename, replay(b, 20), replay(pat, 21), replay(f, 22)];
    for (const l of bothOrders(c.genesis, all)) {
      expect(l.members.get(ana.key)?.displayName).toBe('Ana M.');
      expect(l.members.get(ana.key)?.admittedBy).toBe(f.key);
    }
  });

  // Found here: an admission is judged where it stands, so the founder (or any facilitator
  // promoted before the invite) can replay a member's
  // knock at a shallower position than her real admission, with a late time, and become the
  // admission that counts: her `since` moves to that time and every earlier message of hers
  // disappears on every peer (membership.ts admit, ledger.ts valid). Reported to the lead.
  it('a re-admission placed before her real one, with a late time, does not hide her history', () => {
    const { c, f, ana, inv, anaIn, shared } = circleWithAna();
    const said = ana.message('hello');
    const shallow = draftRecord(
      { circleId: c.circleId, epoch: 0, keys: f.keys, seq: 20, prev: [recordHash(inv)] },
      'admit',
      anaIn.body,
      said.ts + 60_000,
    );
    for (const l of bothOrders(c.genesis, [...shared, said, shallow]))
      expect(l.messages.map((m) => m.id)).toEqual([said.id]);
  });
});

describe('backdating', () => {
  it('a record whose time is earlier than something it names is refused', () => {
    const { c, f, anaIn, shared } = circleWithAna();
    const backdated = draftRecord(
      { circleId: c.circleId, epoch: 0, keys: f.keys, seq: 50, prev: [recordHash(anaIn)] },
      'invite',
      f.invite().body,
      anaIn.ts - 1,
    );
    for (const l of bothOrders(c.genesis, [...shared, backdated])) {
      expect(l.invites.has(backdated.body.inviteId)).toBe(false);
      expect(l.stats.unauthorised).toBe(1);
      expect(l.stats.pending).toBe(0);
    }
  });

  it('a message stamped before its author was admitted is not shown, wherever it claims to stand', () => {
    const { c, ana, anaIn, shared } = circleWithAna();
    const who = { circleId: c.circleId, epoch: 0, keys: ana.keys };
    const early = anaIn.ts - 1;
    const afterAdmission = draftRecord(
      { ...who, seq: 10, prev: [recordHash(anaIn)] },
      'message',
      { text: 'I was here first' },
      early,
    );
    const concurrent = draftRecord(
      { ...who, seq: 11, prev: [recordHash(c.genesis)] },
      'message',
      { text: 'Me too' },
      early,
    );
    const honest = ana.message('Now I am here');
    for (const l of bothOrders(c.genesis, [...shared, afterAdmission, concurrent, honest]))
      expect(l.messages.map((m) => m.id)).toEqual([honest.id]);
  });
});

describe('equivocation', () => {
  /** Two versions of one of Ana's records; `sameId` picks the fork: one id, or one seq. */
  function fork(sameId: boolean, kind: 'message' | 'rename') {
    const { c, ana, shared } = circleWithAna();
    const who = {
      circleId: c.circleId,
      epoch: 0,
      keys: ana.keys,
      seq: ana.ledger.nextSeq(ana.key),
      prev: ana.ledger.prevForNew(),
    };
    const ts = T0 + 100;
    const body = (t: string) =>
      (kind === 'message' ? { text: t } : { displayName: t }) as RecordOf<typeof kind>['body'];
    const a = draftRecord(who, kind, body('Version A'), ts);
    const b = draftRecord(who, kind, body('Version B'), ts, sameId ? a.id : undefined);
    return { c, ana, shared, a, b };
  }

  for (const sameId of [true, false])
    for (const kind of ['message', 'rename'] as const)
      it(`two ${kind}s under one ${sameId ? 'id' : 'seq'}: every peer with both shows neither and names the author`, () => {
        const { c, ana, shared, a, b } = fork(sameId, kind);
        const seenA = new CircleLedger(c.genesis);
        seenA.ingest([...shared, a]);
        if (kind === 'message') expect(seenA.messages.map((m) => m.text)).toContain('Version A');
        else expect(seenA.members.get(ana.key)?.displayName).toBe('Version A');
        const states = bothOrders(c.genesis, [...shared, a, b]);
        seenA.ingest([b]);
        for (const l of [...states, seenA]) {
          expect(l.forkedAuthors).toEqual(new Set([ana.key]));
          expect(l.messages.map((m) => m.text)).not.toContain('Version A');
          expect(l.messages.map((m) => m.text)).not.toContain('Version B');
          expect(l.members.get(ana.key)?.displayName).toBe('Ana');
        }
      });

  // Found here: the second version of an id-fork is never offered to the graph (ledger.ts
  // ingest, the `known` branch), so records naming it wait for good on peers that got the other
  // version first, while peers that got it first show them. Reported to the lead.
  it('records that name one side of a fork end the same on peers that got either side first', () => {
    // Ana forks a rename under one id; the founder builds on version A (an invite, a message).
    const { c, shared, a, b } = fork(true, 'rename');
    const f = new SimMember(founderKeys!, c.genesis).receive([...shared, a]);
    const onA = [f.invite(), f.message('after the fork')];
    const gotAFirst = new CircleLedger(c.genesis);
    const gotBFirst = new CircleLedger(c.genesis);
    gotAFirst.ingest([...shared, a, b, ...onA]);
    gotBFirst.ingest([...shared, b, a, ...onA]);
    expect(snapshot(gotBFirst)).toEqual(snapshot(gotAFirst));
    expect(gotAFirst.invites.size).toBe(2);
  });
});

describe('the pending chain', () => {
  /** A members-may-invite circle, an auto invite, and `n` admissions each by the one admitted before. */
  function chain(n: number) {
    const c = foundCircle({ name: 'Open', description: '', displayName: 'F' }, T0);
    const genesis = draftRecord(
      { circleId: c.circleId, epoch: 0, keys: c.keys, seq: 1, prev: [] },
      'genesis',
      { ...c.genesis.body, policy: { membersMayInvite: true } },
      T0,
    );
    const f = new SimMember(c.keys, genesis);
    const inv = f.invite({ maxUses: null, approval: 'auto' });
    const records: RecordContent[] = [];
    let author = c.keys;
    let prev = [recordHash(inv)];
    let seq = 3;
    for (let i = 0; i < n; i++) {
      const next = newKeys();
      const r = draftRecord(
        { circleId: c.circleId, epoch: 0, keys: author, seq, prev },
        'admit',
        admitBodyFor(next, `M${i}`, inv.body.inviteId, T0),
        T0 + 10 + i,
      );
      records.push(r);
      prev = [recordHash(r)];
      author = next;
      seq = 1;
    }
    return { genesis, inv, records };
  }

  /** Milliseconds to ingest the chain newest first, then its root; and the ledger afterwards. */
  function ingestTime(n: number) {
    const { genesis, inv, records } = chain(n);
    const l = new CircleLedger(genesis);
    l.ingest([inv]);
    const started = performance.now();
    for (let i = records.length - 1; i >= 1; i--) l.ingest([records[i]!]);
    expect(l.members.size).toBe(1);
    l.ingest([records[0]!]);
    return { ms: performance.now() - started, l };
  }

  it('10,000 chained admissions delivered newest first, then the root: linear time, right state', () => {
    ingestTime(500); // warm up
    const small = ingestTime(2_500);
    const big = ingestTime(10_000);
    console.log(
      `pending chain: 2.5k ${small.ms.toFixed(0)} ms, 10k ${big.ms.toFixed(0)} ms, ratio ${(big.ms / small.ms).toFixed(2)}`,
    );
    expect(big.l.members.size).toBe(10_001);
    expect(big.l.stats.pending).toBe(0);
    expect(small.l.members.size).toBe(2_501);
    expect(big.ms / small.ms).toBeLessThan(6);
    expect(big.ms).toBeLessThan(1_000);
  }, 60_000);
});
