// The same records in any order and any batching give the same state.
import { describe, it, expect, beforeAll } from 'vitest';
import { mulberry32, shuffle } from '../support/seeded-random';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { draftRecord, foundCircle } from '../../src-shared/circle/founding';
import { CircleLedger, compareMessages } from '../../src-shared/circle/ledger';
import { GenesisBody, type RecordContent, type RecordOf } from '../../src-shared/records/schema';
import { T0, admit, invite, keyOf, message, setUpCircle } from '../support/ledger-fixtures';

beforeAll(setUpCircle);

interface History {
  genesis: RecordOf<'genesis'>;
  records: RecordContent[];
  expectedMembers: string[];
  expectedMessageIds: string[];
}

function generateHistory(seed: number, people: MemberKeys[]): History {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const membersMayAdmit = rand() < 0.6;
  const founder = people[0]!;
  const circleId = foundCircle({ name: 'x', description: '', displayName: 'x' }).circleId;
  const c = { circleId };
  const genesis = draftRecord(
    { circleId, epoch: 0, keys: founder },
    'genesis',
    GenesisBody.parse({
      name: `seed ${seed}`,
      description: '',
      displayName: 'Founder',
      policy: { membersMayAdmit },
    }),
    T0,
  );
  // Timestamps come from members' clocks: not causal, and with ties.
  const ts = () => T0 + 1 + Math.floor(rand() * 40);
  const records: RecordContent[] = [];
  const members: MemberKeys[] = [founder];
  const canAdmit = (k: MemberKeys) => k === founder || membersMayAdmit;
  const invites: RecordOf<'invite'>[] = [];
  const candidates = people.slice(1);
  const outsiders = [generateMemberKeys()]; // never admitted
  const expectedMessageIds: string[] = [];

  for (let step = 0; step < 80; step++) {
    const roll = rand();
    const admitters = members.filter(canAdmit);
    if (roll < 0.12 || invites.length === 0) {
      const inv = invite(pick(admitters), ts(), c);
      invites.push(inv);
      records.push(inv);
    } else if (roll < 0.3 && candidates.length > 0) {
      const newcomer = candidates.shift()!;
      const inv = pick(invites);
      records.push(
        admit(pick(admitters), newcomer, inv, ts(), `Person ${people.indexOf(newcomer)}`, c),
      );
      members.push(newcomer);
    } else if (roll < 0.36 && members.length > 1) {
      // A concurrent second admission of an existing member by another admitter.
      const again = pick(members.slice(1));
      records.push(
        admit(
          pick(admitters),
          again,
          pick(invites),
          ts(),
          `Person ${people.indexOf(again)} (again)`,
          c,
        ),
      );
    } else if (roll < 0.42) {
      // Noise that must never be accepted.
      const o = pick(outsiders);
      records.push(
        pick([
          () => message(o, 'outsider', ts(), c),
          () => admit(o, o, pick(invites), ts(), 'Outsider', c),
          () => draftRecord({ circleId, epoch: 0, keys: founder }, 'genesis', genesis.body, ts()),
          () =>
            membersMayAdmit ? message(o, 'outsider 2', ts(), c) : invite(pick(members), ts(), c),
        ])(),
      );
    } else {
      const author = pick(members);
      const m = message(author, `step ${step}`, ts(), c);
      records.push(m);
      expectedMessageIds.push(m.id);
    }
  }
  return { genesis, records, expectedMembers: members.map(keyOf).sort(), expectedMessageIds };
}

function snapshot(ledger: CircleLedger) {
  return {
    members: [...ledger.members.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
    messages: [...ledger.messages],
    stats: ledger.stats,
  };
}

describe('CircleLedger convergence (seeded)', () => {
  let people: MemberKeys[];
  beforeAll(() => {
    people = Array.from({ length: 8 }, () => generateMemberKeys());
  });

  const SEEDS = Array.from({ length: 20 }, (_, i) => 1000 + i * 7919);

  it.each(SEEDS)(
    'seed %i: every order and batching gives the same members and messages',
    (seed) => {
      const history = generateHistory(seed, people);
      const rand = mulberry32(seed ^ 0x5eed);
      const ledgers: CircleLedger[] = [];
      for (let n = 0; n < 6; n++) {
        const ledger = new CircleLedger(history.genesis);
        let order = shuffle(history.records, rand);
        if (n === 0) order = [...history.records]; // one peer sees the original order
        if (n === 1) order = [...history.records].reverse(); // one sees it backwards
        // Some records arrive twice (reconnects, reloads).
        order = [...order, ...shuffle(order, rand).slice(0, Math.floor(order.length / 4))];
        let i = 0;
        while (i < order.length) {
          const size = n === 2 ? 1 : 1 + Math.floor(rand() * 12);
          ledger.ingest(order.slice(i, i + size));
          i += size;
        }
        ledgers.push(ledger);
      }
      const reference = snapshot(ledgers[0]!);
      expect(
        reference.members.map((m) => m.key),
        `seed ${seed}`,
      ).toEqual(history.expectedMembers);
      expect(reference.messages.map((m) => m.id).sort(), `seed ${seed}`).toEqual(
        [...history.expectedMessageIds].sort(),
      );
      for (let i = 1; i < reference.messages.length; i++) {
        expect(
          compareMessages(reference.messages[i - 1]!, reference.messages[i]!),
          `seed ${seed}`,
        ).toBeLessThanOrEqual(0);
      }
      for (const [n, ledger] of ledgers.entries()) {
        expect(snapshot(ledger), `seed ${seed}, ledger ${n}`).toEqual(reference);
      }
    },
  );
});
