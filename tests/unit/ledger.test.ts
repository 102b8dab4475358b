import { describe, it, expect, beforeAll } from 'vitest';
import { mulberry32, shuffle } from '../support/seeded-random';
import { generateMemberKeys } from '../../src-shared/crypto/keys';
import { draftRecord, foundCircle } from '../../src-shared/circle/founding';
import { CircleLedger, compareMessages, type ChatMessage } from '../../src-shared/circle/ledger';
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

describe('CircleLedger basics', () => {
  it('the genesis creator is the only member and a facilitator', () => {
    const ledger = new CircleLedger(circle.genesis);
    expect(ledger.circleId).toBe(circle.circleId);
    expect(ledger.info).toEqual(circle.genesis.body);
    expect([...ledger.members.values()]).toEqual([
      {
        key: keyOf(circle.keys),
        displayName: 'Founder',
        role: 'facilitator',
        admittedBy: null,
        since: T0,
      },
    ]);
    expect(ledger.messages).toEqual([]);
    expect(ledger.stats).toEqual({ unauthorised: 0, pending: 0, pendingDropped: 0 });
    expect(ledger.has(circle.genesis)).toBe(true);
  });

  it('invite + admit makes a member', () => {
    const ledger = new CircleLedger(circle.genesis);
    const bo = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const adm = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    expect(ledger.ingest([inv, adm])).toEqual([inv, adm]);
    expect(ledger.members.get(keyOf(bo))).toEqual({
      key: keyOf(bo),
      displayName: 'Bo',
      role: 'member',
      admittedBy: keyOf(circle.keys),
      since: T0 + 2,
    });
    expect(ledger.members.size).toBe(2);
    expect(ledger.invites.get(inv.body.inviteId)).toEqual({
      ...inv.body,
      createdBy: keyOf(circle.keys),
      createdAt: T0 + 1,
    });
    // The new member can write.
    const hi = message(bo, 'hi', T0 + 3);
    expect(ledger.ingest([hi])).toEqual([hi]);
    expect(ledger.messages).toEqual([{ id: hi.id, author: keyOf(bo), ts: T0 + 3, text: 'hi' }]);
  });

  it('membersVersion moves with admissions, not with messages or duplicates', () => {
    const ledger = new CircleLedger(circle.genesis);
    const bo = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const adm = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    const start = ledger.membersVersion;
    ledger.ingest([inv]);
    expect(ledger.membersVersion).toBe(start);
    ledger.ingest([adm]);
    const admitted = ledger.membersVersion;
    expect(admitted).toBeGreaterThan(start);
    ledger.ingest([adm, message(bo, 'hi', T0 + 3), message(circle.keys, 'welcome', T0 + 4)]);
    expect(ledger.membersVersion).toBe(admitted);
  });

  it('a message from a non-member waits and is accepted when the admission arrives later', () => {
    const ledger = new CircleLedger(circle.genesis);
    const bo = generateMemberKeys();
    const early = message(bo, 'I arrived before my admission', T0 + 10);
    expect(ledger.ingest([early])).toEqual([]);
    expect(ledger.messages).toEqual([]);
    expect(ledger.stats.pending).toBe(1);
    expect(ledger.has(early)).toBe(true);
    expect(ledger.members.has(keyOf(bo))).toBe(false);

    const inv = invite(circle.keys, T0 + 1);
    const adm = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    const accepted = ledger.ingest([inv, adm]);
    expect(accepted.map((r) => r.id).sort()).toEqual([inv.id, adm.id, early.id].sort());
    expect(ledger.messages.map((m) => m.text)).toEqual(['I arrived before my admission']);
    expect(ledger.stats.pending).toBe(0);
  });

  it('an admit that arrives before its invite waits for it', () => {
    const ledger = new CircleLedger(circle.genesis);
    const bo = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const adm = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    expect(ledger.ingest([adm])).toEqual([]);
    expect(ledger.members.has(keyOf(bo))).toBe(false);
    expect(ledger.stats.pending).toBe(1);
    expect(ledger.ingest([inv]).map((r) => r.id)).toEqual([inv.id, adm.id]);
    expect(ledger.members.get(keyOf(bo))?.displayName).toBe('Bo');
    expect(ledger.stats.pending).toBe(0);
  });

  it('pending chains resolve in any order: message <- admit(C by B) <- admit(B) <- invite', () => {
    const ledger = new CircleLedger(circle.genesis);
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const admBo = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    const admCy = admit(bo, cy, inv, T0 + 3, 'Cy');
    const msg = message(cy, 'from Cy', T0 + 4);
    ledger.ingest([msg]);
    ledger.ingest([admCy]);
    ledger.ingest([admBo]);
    expect(ledger.stats.pending).toBe(3);
    expect(ledger.members.size).toBe(1);
    const accepted = ledger.ingest([inv]);
    expect(accepted).toHaveLength(4);
    expect(ledger.members.get(keyOf(cy))).toMatchObject({ role: 'member', admittedBy: keyOf(bo) });
    expect(ledger.messages.map((m) => m.text)).toEqual(['from Cy']);
    expect(ledger.stats.pending).toBe(0);
  });

  it('a second genesis is unauthorised, and counted once even if it arrives again', () => {
    const ledger = new CircleLedger(circle.genesis);
    const again = draftRecord(
      as(circle.keys),
      'genesis',
      { ...circle.genesis.body, name: 'Hijacked' },
      T0 + 5,
    );
    expect(ledger.ingest([again])).toEqual([]);
    expect(ledger.stats.unauthorised).toBe(1);
    expect(ledger.info.name).toBe('Circle');
    ledger.ingest([again]);
    ledger.ingest([again, again]);
    expect(ledger.stats.unauthorised).toBe(1);
    // The original genesis replayed is a duplicate, not unauthorised.
    ledger.ingest([circle.genesis]);
    expect(ledger.stats.unauthorised).toBe(1);
  });

  it('duplicates are ignored', () => {
    const ledger = new CircleLedger(circle.genesis);
    const m = message(circle.keys, 'once', T0 + 1);
    expect(ledger.ingest([m, m])).toEqual([m]);
    expect(ledger.ingest([m])).toEqual([]);
    expect(ledger.ingest([{ ...m }])).toEqual([]);
    expect(ledger.messages).toHaveLength(1);
    const inv = invite(circle.keys, T0 + 2);
    ledger.ingest([inv]);
    ledger.ingest([inv]);
    expect(ledger.invites.size).toBe(1);
  });

  it('records of another circle are ignored', () => {
    const ledger = new CircleLedger(circle.genesis);
    const other = {
      circleId: foundCircle({ name: 'o', description: '', displayName: 'o' }).circleId,
    };
    expect(ledger.ingest([message(circle.keys, 'elsewhere', T0 + 1, other)])).toEqual([]);
    expect(ledger.messages).toEqual([]);
    expect(ledger.stats).toEqual({ unauthorised: 0, pending: 0, pendingDropped: 0 });
  });

  it('messages are sorted by (ts, id) even when ingested out of order', () => {
    const ledger = new CircleLedger(circle.genesis);
    const rand = mulberry32(7);
    const msgs = Array.from({ length: 60 }, (_, i) =>
      message(circle.keys, `m${i}`, T0 + 1 + Math.floor(rand() * 10)),
    );
    const shuffled = shuffle(msgs, rand);
    // In several batches, including one-by-one and a big one.
    ledger.ingest(shuffled.slice(0, 5));
    for (const m of shuffled.slice(5, 20)) ledger.ingest([m]);
    ledger.ingest(shuffled.slice(20));
    const expected = msgs
      .map((m) => ({ id: m.id, author: m.author, ts: m.ts, text: m.body.text }))
      .sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    expect(ledger.messages).toEqual(expected);
    // Ties on ts exist, so the id tie-break is really exercised.
    expect(new Set(msgs.map((m) => m.ts)).size).toBeLessThan(msgs.length);
    // And a message older than everything, arriving last, goes first.
    const oldest = message(circle.keys, 'oldest', T0);
    ledger.ingest([oldest]);
    expect(ledger.messages[0]!.id).toBe(oldest.id);
  });

  it('snapshots of the messages stay as they were: new ones at the end, a reorder in a new list', () => {
    const ledger = new CircleLedger(circle.genesis);
    ledger.ingest([message(circle.keys, 'second', T0 + 2)]);
    const first = ledger.messageSnapshot();
    expect(ledger.messageSnapshot()).toBe(first);
    ledger.ingest([message(circle.keys, 'third', T0 + 3)]);
    const appended = ledger.messageSnapshot();
    expect(appended.extends(first)).toBe(true);
    ledger.ingest([message(circle.keys, 'first', T0 + 1)]);
    const reordered = ledger.messageSnapshot();
    expect(reordered.extends(appended)).toBe(false);
    expect(first.map((m) => m.text)).toEqual(['second']);
    expect(appended.map((m) => m.text)).toEqual(['second', 'third']);
    expect(reordered.map((m) => m.text)).toEqual(['first', 'second', 'third']);
  });

  it('compareMessages orders by ts then id', () => {
    const m = (ts: number, id: string): ChatMessage => ({ id, ts, author: 'a', text: 't' });
    expect(compareMessages(m(1, 'b'), m(2, 'a'))).toBeLessThan(0);
    expect(compareMessages(m(2, 'a'), m(1, 'b'))).toBeGreaterThan(0);
    expect(compareMessages(m(1, 'a'), m(1, 'b'))).toBeLessThan(0);
    expect(compareMessages(m(1, 'b'), m(1, 'a'))).toBeGreaterThan(0);
    expect(compareMessages(m(1, 'a'), m(1, 'a'))).toBe(0);
  });

  it('a non-member admitting themselves stays pending and is not a member', () => {
    const ledger = new CircleLedger(circle.genesis);
    const inv = invite(circle.keys, T0 + 1);
    ledger.ingest([inv]);
    const mallory = generateMemberKeys();
    const selfAdmit = admit(mallory, mallory, inv, T0 + 2, 'Mallory');
    const msg = message(mallory, 'let me in', T0 + 3);
    expect(ledger.ingest([selfAdmit, msg])).toEqual([]);
    expect(ledger.members.has(keyOf(mallory))).toBe(false);
    expect(ledger.members.size).toBe(1);
    expect(ledger.messages).toEqual([]);
    expect(ledger.stats.pending).toBe(2);
    // Later membership changes elsewhere do not make it valid.
    const bo = generateMemberKeys();
    ledger.ingest([admit(circle.keys, bo, inv, T0 + 4, 'Bo')]);
    expect(ledger.members.has(keyOf(mallory))).toBe(false);
    expect(ledger.stats.pending).toBe(2);
  });

  it('membersMayAdmit=false: plain members cannot invite or admit', () => {
    const { founder, genesis } = circleWithPolicy(false);
    const c = { circleId: genesis.circle };
    const ledger = new CircleLedger(genesis);
    expect(ledger.info.policy.membersMayAdmit).toBe(false);
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(founder, T0 + 1, c);
    expect(ledger.ingest([inv, admit(founder, bo, inv, T0 + 2, 'Bo', c)])).toHaveLength(2);
    expect(ledger.members.get(keyOf(bo))?.role).toBe('member');

    const boInvite = invite(bo, T0 + 3, c);
    const boAdmitsCy = admit(bo, cy, inv, T0 + 4, 'Cy', c);
    const cyMsg = message(cy, 'hello?', T0 + 5, c);
    expect(ledger.ingest([boInvite, boAdmitsCy, cyMsg])).toEqual([]);
    expect(ledger.members.has(keyOf(cy))).toBe(false);
    expect(ledger.invites.has(boInvite.body.inviteId)).toBe(false);
    expect(ledger.stats.unauthorised).toBe(2);
    expect(ledger.stats.pending).toBe(1); // Cy's message
    // Refused records are not re-counted when they arrive again.
    ledger.ingest([boInvite, boAdmitsCy]);
    expect(ledger.stats.unauthorised).toBe(2);
    // The facilitator can still admit Cy.
    ledger.ingest([admit(founder, cy, inv, T0 + 6, 'Cy', c)]);
    expect(ledger.members.get(keyOf(cy))?.admittedBy).toBe(keyOf(founder));
    expect(ledger.messages.map((m) => m.text)).toEqual(['hello?']);
  });

  it('two members admitting the same newcomer: every arrival order keeps the same (earliest) admission', () => {
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(circle.keys, T0 + 1);
    const admBo = admit(circle.keys, bo, inv, T0 + 2, 'Bo');
    const byFounder = admit(circle.keys, cy, inv, T0 + 20, 'Cy');
    const byBo = admit(bo, cy, inv, T0 + 10, 'Cy');
    const sameTsOther = admit(circle.keys, cy, inv, T0 + 10, 'Cy');
    const results = [
      [inv, admBo, byFounder, byBo, sameTsOther],
      [inv, admBo, byBo, sameTsOther, byFounder],
      [sameTsOther, byBo, byFounder, admBo, inv],
    ].map((order) => {
      const ledger = new CircleLedger(circle.genesis);
      for (const r of order) ledger.ingest([r]);
      return ledger.members.get(keyOf(cy));
    });
    const [firstKey, secondKey] = [keyOf(circle.keys), keyOf(bo)].sort();
    expect(results[0]).toEqual({
      key: keyOf(cy),
      displayName: 'Cy',
      role: 'member',
      admittedBy: firstKey,
      since: T0 + 10,
    });
    expect(secondKey).not.toBe(firstKey);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('an admission never demotes the facilitator', () => {
    const ledger = new CircleLedger(circle.genesis);
    const inv = invite(circle.keys, T0 + 1);
    ledger.ingest([inv, admit(circle.keys, circle.keys, inv, 1, 'Demoted?')]);
    expect(ledger.members.get(keyOf(circle.keys))).toMatchObject({
      role: 'facilitator',
      displayName: 'Founder',
      since: T0,
    });
  });

  it('pending records are capped; the oldest is dropped and counted', () => {
    const ledger = new CircleLedger(circle.genesis);
    const stranger = generateMemberKeys();
    const base = message(stranger, 'spam', T0);
    const flood = Array.from({ length: 10_001 }, (_, i) => ({
      ...base,
      id: String(i).padStart(22, '0'),
      ts: T0 + i,
    }));
    ledger.ingest(flood);
    expect(ledger.stats).toEqual({ unauthorised: 0, pending: 10_000, pendingDropped: 1 });
    expect(ledger.has(flood[0]!)).toBe(false);
    expect(ledger.has(flood[10_000]!)).toBe(true);
  });

  it('membersMayAdmit=true: plain members can invite and admit', () => {
    const { founder, genesis } = circleWithPolicy(true);
    const c = { circleId: genesis.circle };
    const ledger = new CircleLedger(genesis);
    const bo = generateMemberKeys();
    const cy = generateMemberKeys();
    const inv = invite(founder, T0 + 1, c);
    const boInvite = invite(bo, T0 + 3, c);
    ledger.ingest([
      inv,
      admit(founder, bo, inv, T0 + 2, 'Bo', c),
      boInvite,
      admit(bo, cy, boInvite, T0 + 4, 'Cy', c),
    ]);
    expect(ledger.members.get(keyOf(cy))).toMatchObject({ role: 'member', admittedBy: keyOf(bo) });
    expect(ledger.invites.get(boInvite.body.inviteId)?.createdBy).toBe(keyOf(bo));
    expect(ledger.stats.unauthorised).toBe(0);
  });
});
