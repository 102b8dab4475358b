// Moderation records (issue 17) as attacks: who may hide a message, mute a member or set the
// guidelines, judged at the record's causal position and the same on every peer whatever the
// arrival order (seeded shuffles: a failure names its seed).
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { newKeys, SimMember } from '../support/circle-sim';
import { convergesEverywhere as convergesAll } from '../support/arrival-orders';

const T0 = 1_700_000_000_000;
let c: FoundedCircle;

beforeAll(async () => {
  await loadSodium();
  c = foundCircle({ name: 'Circle', description: '', displayName: 'Ana' }, T0);
});

/** Ana founds; Bo and Cy are members; Dee is a co-facilitator junior to Ana. */
function setUp() {
  const ana = new SimMember(c.keys, c.genesis);
  const [bo, cy, dee] = [0, 1, 2].map(() => new SimMember(newKeys(), c.genesis));
  const inv = ana.invite({ maxUses: 3 });
  const history: RecordContent[] = [
    inv,
    ana.admit(bo!.keys, inv, 'Bo'),
    ana.admit(cy!.keys, inv, 'Cy'),
    ana.admit(dee!.keys, inv, 'Dee'),
    ana.setRole(dee!, 'facilitator'),
  ];
  for (const m of [bo!, cy!, dee!]) m.receive(history);
  return { ana, bo: bo!, cy: cy!, dee: dee!, history };
}

const hide = (
  by: SimMember,
  m: RecordOf<'message'>,
  hidden = true,
  reason = 'Describes a method',
) => by.write('hide', { author: m.author, id: m.id, hidden, reason });
const mute = (by: SimMember, who: SimMember, until: number, ts?: number) =>
  by.write('mute', { member: who.key, until, reason: 'Cooling off' }, ts);
const guidelines = (by: SimMember, text: string) => by.write('guidelines', { text });

/** A peer that knew nothing, given `records` in one batch. */
const peer = (records: RecordContent[]) => new SimMember(newKeys(), c.genesis).receive(records);

/** What moderation decided, in a form two peers can be compared by. */
const outcome = (l: CircleLedger) => ({
  hidden: [...l.hidden].sort(([a], [b]) => (a < b ? -1 : 1)),
  mutes: [...l.mutes].sort(([a], [b]) => (a < b ? -1 : 1)),
  guidelines: l.guidelines,
  messages: l.messages.map(
    (m) => `${m.text}|${m.hidden ? `${m.hidden.by}:${m.hidden.reason}` : ''}`,
  ),
  log: l.log.map((e) => `${e.kind}|${e.member}|${e.by}|${e.reason}`),
});

/** Every arrival order gives every peer the same moderation outcome (arrival-orders.ts). */
const convergesEverywhere = (records: RecordContent[], seeds?: number) =>
  convergesAll(c.genesis, records, outcome, seeds);

describe('moderation by a facilitator', () => {
  it('hide, mute and guidelines count on every peer in any arrival order', () => {
    const { ana, bo, cy, dee, history } = setUp();
    const m1 = bo.message('I found a way to', T0 + 100);
    const m2 = cy.message('before the mute', T0 + 200);
    const m3 = cy.message('during the mute', T0 + 1_500);
    const m4 = cy.message('after the mute', T0 + 2_500);
    const acts = [
      hide(ana, m1),
      mute(dee, cy, T0 + 2_000, T0 + 1_000),
      guidelines(dee, 'Be gentle.'),
      guidelines(ana, 'Be kind.'),
    ];
    const got = convergesEverywhere([...history, m1, m2, m3, m4, ...acts]);
    expect(got.messages).toEqual([
      `I found a way to|${ana.key}:Describes a method`,
      'before the mute|',
      'after the mute|',
    ]);
    expect(got.mutes.map(([k, m]) => [k, m.from, m.until])).toEqual([
      [cy.key, T0 + 1_000, T0 + 2_000],
    ]);
    expect(got.guidelines?.text).toMatch(/^Be (kind|gentle)\.$/);
    expect(got.log.filter((l) => l.startsWith('guidelines'))).toHaveLength(2);
  });

  it('concurrent hides and unhides of one message resolve the same everywhere', () => {
    const { ana, bo, dee, history } = setUp();
    const m = bo.message('something hard');
    const first = hide(ana, m);
    dee.receive([m, first]);
    // Ana shows it again and then hides it again; Dee, knowing of neither, shows it again.
    const records = [
      ...history,
      m,
      first,
      hide(ana, m, false),
      hide(ana, m, true),
      hide(dee, m, false),
    ];
    const got = convergesEverywhere(records, 24);
    expect(got.log.filter((l) => /^(hidden|unhidden)/.test(l)).length).toBeGreaterThan(1);
  });

  it('unhiding restores the message, and exactly the affected messages change', () => {
    const { ana, bo, cy, history } = setUp();
    const [a, b] = [bo.message('one'), cy.message('two')];
    const p = peer([...history, a, b]);
    const byId = () => new Map(p.ledger.messages.map((m) => [m.id, m]));
    const before = byId();
    p.receive([hide(ana, a)]);
    const hidden = byId();
    expect(hidden.get(a.id)).not.toBe(before.get(a.id));
    expect(hidden.get(a.id)!.hidden).toEqual({ by: ana.key, reason: 'Describes a method' });
    expect(hidden.get(b.id)).toBe(before.get(b.id));
    p.receive([hide(ana, a, false, 'It was fine')]);
    const shown = byId();
    expect(shown.get(a.id)).not.toBe(hidden.get(a.id));
    expect(shown.get(a.id)!.hidden).toBeUndefined();
    expect(shown.get(b.id)).toBe(before.get(b.id));
    expect(p.ledger.messages).toHaveLength(2);
    expect(p.ledger.log.slice(-2).map((e) => [e.kind, e.member, e.reason])).toEqual([
      ['hidden', bo.key, 'Describes a method'],
      ['unhidden', bo.key, 'It was fine'],
    ]);
  });
});

describe('moderation without the role where it stands', () => {
  it('by a plain member: void', () => {
    const { bo, cy, history } = setUp();
    const m = cy.message('hello');
    const p = peer([...history, m]);
    const refused = p.ledger.stats.unauthorised;
    p.receive([hide(bo, m), mute(bo, cy, T0 + 10 ** 9), guidelines(bo, 'My rules')]);
    expect(p.ledger.hidden.size).toBe(0);
    expect(p.ledger.mutes.size).toBe(0);
    expect(p.ledger.guidelines).toBeNull();
    expect(p.ledger.messages.map((x) => x.hidden)).toEqual([undefined]);
    expect(p.ledger.stats.unauthorised).toBe(refused + 3);
  });

  it('by a facilitator demoted in its causal past: void', () => {
    const { ana, bo, dee, history } = setUp();
    const m = bo.message('hello');
    const demote = ana.setRole(dee, 'member');
    dee.receive([m, demote]);
    const records = [...history, m, demote, hide(dee, m), mute(dee, bo, T0 + 10 ** 9)];
    const got = convergesEverywhere([...records, guidelines(dee, 'Mine now')]);
    expect(got.hidden).toEqual([]);
    expect(got.mutes).toEqual([]);
    expect(got.guidelines).toBeNull();
  });

  it('by a facilitator demoted after the demoter saw her last record, not knowing of it: void', () => {
    const { ana, bo, dee, history } = setUp();
    const m = bo.message('hello');
    dee.receive([m]);
    const demote = ana.setRole(dee, 'member'); // upTo: what Ana had of Dee's, not what follows
    const acts = [hide(dee, m), mute(dee, bo, T0 + 10 ** 9), guidelines(dee, 'Mine now')];
    const got = convergesEverywhere([...history, m, demote, ...acts]);
    expect(got.hidden).toEqual([]);
    expect(got.mutes).toEqual([]);
    expect(got.guidelines).toBeNull();
  });

  it('by a facilitator removed without knowing it: void; what the remover had seen stays', () => {
    const { ana, bo, cy, dee, history } = setUp();
    const m = bo.message('hello');
    dee.receive([m]);
    const seen = hide(dee, m);
    ana.receive([m, seen]);
    const remove = ana.remove(dee);
    const after = mute(dee, cy, T0 + 10 ** 9);
    const got = convergesEverywhere([...history, m, seen, remove, after]);
    expect(got.hidden.map(([k]) => k)).toEqual([`${m.author}/${m.id}`]);
    expect(got.mutes).toEqual([]);
  });

  it('a mute of a senior facilitator, or of oneself: void; of a junior one: counts', () => {
    const { ana, dee, history } = setUp();
    const p = peer(history);
    p.receive([mute(dee, ana, T0 + 10 ** 9), mute(dee, dee, T0 + 10 ** 9)]);
    expect(p.ledger.mutes.size).toBe(0);
    p.receive([mute(ana, dee, T0 + 10 ** 9)]);
    expect([...p.ledger.mutes.keys()]).toEqual([dee.key]);
  });
});

describe('mutes and messages', () => {
  it("a muted member's messages in the window are not shown, before and after are, even once it has ended", () => {
    const { ana, cy, history } = setUp();
    const early = cy.message('before', T0 + 100);
    const during = cy.message('during', T0 + 1_500);
    const late = cy.message('after', T0 + 2_500);
    const p = peer([...history, early, during, late]);
    expect(p.ledger.messages.map((m) => m.text)).toEqual(['before', 'during', 'after']);
    p.receive([mute(ana, cy, T0 + 2_000, T0 + 1_000)]);
    expect(p.ledger.messages.map((m) => m.text)).toEqual(['before', 'after']);
    expect(p.ledger.log.at(-1)).toMatchObject({ kind: 'muted', member: cy.key, by: ana.key });
  });

  it('an unmute ends the window at its time; an unmute of someone not muted is void', () => {
    const { ana, cy, bo, history } = setUp();
    const m1 = cy.message('while muted', T0 + 1_500);
    const m2 = cy.message('after the unmute', T0 + 2_500);
    const muted = mute(ana, cy, T0 + 5_000, T0 + 1_000);
    const unmuted = mute(ana, cy, 0, T0 + 2_000);
    const got = convergesEverywhere([...history, m1, m2, muted, unmuted]);
    expect(got.messages).toEqual(['after the unmute|']);
    expect(got.mutes).toEqual([]);
    expect(got.log.slice(-2).map((l) => l.split('|')[0])).toEqual(['muted', 'unmuted']);
    const p = peer([...history, mute(ana, bo, 0)]);
    expect(p.ledger.log.some((e) => e.kind === 'unmuted')).toBe(false);
  });
});
