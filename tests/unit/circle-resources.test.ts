// A circle's own support resources (issue 17) in the membership fold, as attacks: a member, or a
// facilitator who lost the role before writing, cannot set them; the last valid list wins on
// every peer whatever order records arrive in (seeded shuffles: a failure names its seed); an
// empty list clears it; the list travels in a newcomer's head start.
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle, type FoundedCircle } from '../../src-shared/circle/founding';
import { HeadStartIndex } from '../../src-shared/circle/head-start';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import { loadSodium } from '../../src-shared/crypto/sodium';
import type { CircleResourceEntry } from '../../src-shared/records/resources-body';
import type { RecordContent } from '../../src-shared/records/schema';
import { admittedMembers, newKeys, SimMember } from '../support/circle-sim';
import { mulberry32, shuffle } from '../support/seeded-random';

const T0 = 1_700_000_000_000;
let c: FoundedCircle;

beforeAll(async () => {
  await loadSodium();
  c = foundCircle({ name: 'Circle', description: '', displayName: 'Ana' }, T0);
});

/** Ana founds; Bo is a member; Dee a co-facilitator junior to Ana. */
function setUp() {
  const ana = new SimMember(c.keys, c.genesis);
  const { members, history } = admittedMembers(ana, ['Bo', 'Dee'], ['Dee']);
  return { ana, bo: members[0]!, dee: members[1]!, history };
}

const line = (name: string): CircleResourceEntry => ({ name, phone: '0800 123 456' });
const resources = (by: SimMember, ...names: string[]) =>
  by.write('resources', { entries: names.map(line) });

const peer = (records: RecordContent[]) => new SimMember(newKeys(), c.genesis).receive(records);
const names = (l: CircleLedger) => l.folded.resources?.entries.map((e) => e.name) ?? null;

/** Delivers `records` in seeded random orders and batch sizes; every peer must end with `expected`. */
function everyOrderGives(records: RecordContent[], expected: string[] | null, seeds = 16) {
  for (let seed = 1; seed <= seeds; seed++) {
    const rand = mulberry32(seed);
    const order = shuffle(records, rand);
    const p = new SimMember(newKeys(), c.genesis);
    for (let i = 0; i < order.length;) {
      const n = 1 + Math.floor(rand() * 3);
      p.receive(order.slice(i, i + n));
      i += n;
    }
    expect(names(p.ledger), `seed ${seed}`).toEqual(expected);
  }
}

describe('resources set by facilitators', () => {
  it('the later list wins in any arrival order, and goes in the log', () => {
    const { ana, dee, history } = setUp();
    const first = resources(ana, 'First line');
    dee.receive([first]);
    const second = resources(dee, 'Second line', 'Chat service');
    ana.receive([second]);
    const third = resources(ana, 'Third line');
    everyOrderGives([...history, first, second, third], ['Third line']);
    const p = peer([...history, third, second, first]);
    expect(p.ledger.folded.resources).toMatchObject({ by: ana.key, at: third.ts });
    expect(p.ledger.folded.resources?.hash).toBe(p.ledger.hashOfRecord(third));
    const logged = p.ledger.log.filter((e) => e.kind === 'resources');
    expect(logged.map((e) => e.by)).toEqual([ana.key, dee.key, ana.key]);
  });

  it('an empty list clears them; a later one sets them again', () => {
    const { ana, history } = setUp();
    const set = resources(ana, 'A line');
    const cleared = resources(ana);
    everyOrderGives([...history, set, cleared], null);
    everyOrderGives([...history, set, cleared, resources(ana, 'Back')], ['Back']);
  });
});

describe('resources without the role where they stand: void everywhere', () => {
  it('from a plain member', () => {
    const { ana, bo, history } = setUp();
    const good = resources(ana, 'Real line');
    bo.receive([good]);
    const p = peer([...history, good]);
    const refused = p.ledger.stats.unauthorised;
    const forged = resources(bo, 'Call my number');
    everyOrderGives([...history, good, forged], ['Real line']);
    p.receive([forged]);
    expect(names(p.ledger)).toEqual(['Real line']);
    expect(p.ledger.stats.unauthorised).toBe(refused + 1);
    expect(p.ledger.log.filter((e) => e.kind === 'resources')).toHaveLength(1);
    // Nor can a member clear what a facilitator set.
    everyOrderGives([...history, good, resources(bo)], ['Real line']);
  });

  it('from a facilitator demoted in its causal past', () => {
    const { ana, dee, history } = setUp();
    const good = resources(ana, 'Real line');
    const demote = ana.setRole(dee, 'member');
    dee.receive([good, demote]);
    everyOrderGives([...history, good, demote, resources(dee, 'Mine now')], ['Real line']);
    everyOrderGives([...history, good, demote, resources(dee)], ['Real line']);
  });

  it('from a facilitator demoted before it, who claims not to have seen the demotion', () => {
    const { ana, dee, history } = setUp();
    const demote = ana.setRole(dee, 'member'); // upTo: what Ana had of Dee's; Dee writes after it
    everyOrderGives([...history, demote, resources(dee, 'Mine now')], null);
  });
});

describe('a newcomer', () => {
  it('gets the resources in the head start and judges them alike', () => {
    const { ana, history } = setUp();
    const list = resources(ana, 'Real line');
    const index = new HeadStartIndex(10, () => T0 + 10 ** 9);
    const all = [...history, list];
    const byBytes = new Map<string, RecordContent>();
    all.forEach((r, i) => {
      const bytes = new TextEncoder().encode(`record-${i}`);
      byBytes.set(`record-${i}`, r);
      index.note(`key-${i}`, r, bytes);
    });
    const bundle = index.bundle({ isMember: () => true });
    const carried = bundle.map((b) => byBytes.get(new TextDecoder().decode(b))!);
    expect(carried).toContain(list);
    expect(names(peer(carried).ledger)).toEqual(['Real line']);
  });
});
