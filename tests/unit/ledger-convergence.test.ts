// Convergence (issue 15): whatever order, batching and duplication the records arrive in, and
// whatever each member had seen when it wrote, every peer that ends up with the same records ends
// in the same state. Seeded and replayable: a failure names its seed; HEARTH_SEED=<n> runs that
// one history alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { draftRekeyBody, foundCircle } from '../../src-shared/circle/founding';
import { CircleLedger } from '../../src-shared/circle/ledger';
import { generateEpochKeys, randomId } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { recordHash } from '../../src-shared/records/record-hash';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { keyOf, newKeys, SimMember } from '../support/circle-sim';
import { deliver, randomHistory, snapshot, T0, withSeededRandom } from '../support/convergence-sim';
import { mulberry32, shuffle } from '../support/seeded-random';

beforeAll(loadSodium);

/** Histories per run, each ending with every peer and OBSERVERS fresh ledgers receiving everything. */
const HISTORIES = 1_500;
const STEPS = 14;
const OBSERVERS = 3;
const replay = process.env.HEARTH_SEED ? Number(process.env.HEARTH_SEED) : null;

interface Tally {
  interleavings: number;
  records: number;
  departures: number;
  epochs: number;
  concurrentRekeys: number;
  forks: number;
  mutualRemovals: number;
  /** Histories where someone removed (or gone) is back in under a new key. */
  reAdded: number;
}

/** Runs one history; throws (with its seed) if any two final states differ. */
function runHistory(seed: number, tally: Tally): void {
  const h = randomHistory(seed, STEPS);
  const rand = mulberry32(seed ^ 0x5eed);
  const ledgers = h.peers.map((p) => {
    deliver(p.sim.ledger, h.records, rand);
    return p.sim.ledger;
  });
  for (let i = 0; i < OBSERVERS; i++) {
    const observer = new CircleLedger(h.genesis);
    deliver(observer, h.records, rand);
    ledgers.push(observer);
  }
  const all = new CircleLedger(h.genesis);
  all.ingest(h.records);
  const expected = snapshot(all);
  ledgers.forEach((ledger, i) => {
    const got = snapshot(ledger);
    try {
      expect(got).toEqual(expected);
    } catch (e) {
      const who = i < h.peers.length ? h.peers[i]!.name : `observer ${i - h.peers.length}`;
      throw new Error(
        `seed ${seed} (replay: HEARTH_SEED=${seed}): ${who} differs from one batch delivery\n${String(e)}`,
      );
    }
  });
  tally.interleavings += ledgers.length + 1;
  tally.records += h.records.length;
  tally.departures += all.departures.size;
  tally.epochs += all.epochs.length;
  if (all.rekeys.some((k) => all.rekeys.some((o) => o !== k && o.epoch === k.epoch)))
    tally.concurrentRekeys++;
  tally.forks += all.forkedAuthors.size;
  if (mutualRemoval(h.records)) tally.mutualRemovals++;
  if (backUnderNewKey(h.records, all)) tally.reAdded++;
}

/** Someone admitted under a name, gone, and a member again under another key with that name. */
function backUnderNewKey(records: readonly RecordContent[], ledger: CircleLedger): boolean {
  const keysByName = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.kind !== 'admit') continue;
    const keys = keysByName.get(r.body.displayName) ?? new Set<string>();
    keysByName.set(r.body.displayName, keys.add(r.body.member));
  }
  return [...keysByName.values()].some(
    (keys) =>
      [...keys].some((k) => ledger.departures.has(k)) &&
      [...keys].some((k) => ledger.members.has(k)),
  );
}

/** Two members who each wrote a removal of the other. */
function mutualRemoval(records: readonly RecordContent[]): boolean {
  const pairs = new Set<string>();
  for (const r of records) if (r.kind === 'remove') pairs.add(`${r.author}>${r.body.member}`);
  return [...pairs].some((p) => pairs.has(p.split('>').reverse().join('>')));
}

describe('random histories with partitions and reordering', () => {
  it('a seed replays its history exactly, keys and record hashes included', () => {
    const hashes = () =>
      withSeededRandom(7, () => randomHistory(7, STEPS).records.map((r) => recordHash(r)));
    const first = hashes();
    expect(first.length).toBeGreaterThan(5);
    expect(hashes()).toEqual(first);
  });

  it(
    replay !== null
      ? `replays seed ${replay}`
      : `${HISTORIES} histories: every peer and observer ends in the same state`,
    () => {
      const tally: Tally = {
        interleavings: 0,
        records: 0,
        departures: 0,
        epochs: 0,
        concurrentRekeys: 0,
        forks: 0,
        mutualRemovals: 0,
        reAdded: 0,
      };
      const started = performance.now();
      const seeds = replay !== null ? [replay] : Array.from({ length: HISTORIES }, (_, i) => i + 1);
      for (const seed of seeds) withSeededRandom(seed, () => runHistory(seed, tally));
      const ms = Math.round(performance.now() - started);
      console.log(`convergence: ${JSON.stringify({ ...tally, ms })}`);
      if (replay !== null) return;
      expect(tally.interleavings).toBeGreaterThanOrEqual(10_000);
      // The generator must keep producing the hard cases, or the test proves little.
      expect(tally.departures).toBeGreaterThan(HISTORIES / 10);
      expect(tally.epochs).toBeGreaterThan(HISTORIES / 10);
      expect(tally.concurrentRekeys).toBeGreaterThan(10);
      expect(tally.forks).toBeGreaterThan(10);
      expect(tally.mutualRemovals).toBeGreaterThan(0);
      expect(tally.reAdded).toBeGreaterThan(0);
    },
    120_000,
  );
});

/** A founder F with B (and C) admitted and promoted in that order, everyone having seen it all. */
function circleOfFacilitators(promoted: number) {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'F' }, T0);
  const f = new SimMember(c.keys, c.genesis);
  const inv = f.invite({ maxUses: null });
  const sims = [f];
  const shared: RecordContent[] = [inv];
  for (let i = 0; i < promoted; i++) {
    const s = new SimMember(newKeys(), c.genesis);
    shared.push(f.admit(s.keys, inv, `Fac${i + 1}`), f.setRole(s, 'facilitator'));
    sims.push(s);
  }
  for (const s of sims.slice(1)) s.receive(shared);
  return { genesis: c.genesis, sims, shared, inv };
}

/** The state of a fresh peer given `records` in this exact order, one at a time. */
function peerGiven(genesis: RecordOf<'genesis'>, records: readonly RecordContent[]) {
  const l = new CircleLedger(genesis);
  for (const r of records) l.ingest([r]);
  return l;
}

describe('concurrency rules, case by case', () => {
  it('mutual removal: the senior facilitator stays, whichever order the removals arrive in', () => {
    const { genesis, sims, shared } = circleOfFacilitators(2);
    const [f, b, c] = sims as [SimMember, SimMember, SimMember];
    const bOutC = b.remove(c);
    const cOutB = c.remove(b);
    const fOutB = f.remove(b);
    const bOutF = b.remove(f);
    for (const order of [
      [bOutC, cOutB],
      [cOutB, bOutC],
    ]) {
      const l = peerGiven(genesis, [...shared, ...order]);
      expect(l.members.has(b.key)).toBe(true);
      expect(l.members.has(c.key)).toBe(false);
    }
    for (const order of [
      [fOutB, bOutF],
      [bOutF, fOutB],
    ]) {
      const l = peerGiven(genesis, [...shared, ...order]);
      expect(l.members.has(f.key)).toBe(true);
      expect(l.members.has(b.key)).toBe(false);
    }
  });

  it('a removal beats a concurrent admission of the same key, in any order', () => {
    const { genesis, sims, shared } = circleOfFacilitators(1);
    const [f, b] = sims as [SimMember, SimMember];
    const k = newKeys();
    const inv = f.invite({ maxUses: null });
    const firstIn = f.admit(k, inv, 'Kim');
    b.receive([inv, firstIn]);
    const removal = f.remove(keyOf(k));
    const again = b.admit(k, inv, 'Kim'); // B has not seen the removal
    b.receive([removal]);
    const later = b.admit(k, inv, 'Kim'); // and after it: a removed key never comes back
    const tail = [inv, firstIn, removal, again, later];
    for (let i = 0; i < 6; i++) {
      const l = peerGiven(genesis, [...shared, ...shuffle(tail, mulberry32(i))]);
      expect(l.members.has(keyOf(k))).toBe(false);
      expect(l.departures.get(keyOf(k))?.kind).toBe('removed');
    }
  });

  it('two concurrent rekeys: every peer picks the same winner, the more senior author', () => {
    const { genesis, sims, shared } = circleOfFacilitators(2);
    const [, b, c] = sims as [SimMember, SimMember, SimMember];
    const fromC = c.rekey();
    const fromB = b.rekey();
    for (const order of [
      [fromB, fromC],
      [fromC, fromB],
    ]) {
      const l = peerGiven(genesis, [...shared, ...order]);
      expect(l.epochs.map((e) => e.hash)).toEqual([recordHash(fromB)]);
      expect(l.rekeys).toHaveLength(2);
    }
  });

  it('two rekeys of one epoch by the same facilitator: the lower hash wins on every peer', () => {
    const { genesis, sims, shared } = circleOfFacilitators(0);
    const [f] = sims as [SimMember];
    const one = f.rekey();
    const id = randomId();
    const body = draftRekeyBody(f.ledger.circleId, id, generateEpochKeys(1), f.ledger.genesisHash, [
      f.key,
    ]);
    const two = f.write('rekey', body, undefined, id);
    const winner = [recordHash(one), recordHash(two)].sort()[0];
    for (const order of [
      [one, two],
      [two, one],
    ])
      expect(peerGiven(genesis, [...shared, ...order]).epochs[0]?.hash).toBe(winner);
  });
});
