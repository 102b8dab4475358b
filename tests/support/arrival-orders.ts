// Convergence of ledgers under any arrival order (STYLE.md: randomness you can replay): the same
// records delivered in seeded shuffles, in batches of random size, must give every fresh peer the
// same outcome as one batch does. A failure names its seed.
import { expect } from 'vitest';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { newKeys, SimMember } from './circle-sim';
import { mulberry32, shuffle } from './seeded-random';

/** Checks every seeded order gives `outcome` what one batch gives it; returns that outcome. */
export function convergesEverywhere<T>(
  genesis: RecordOf<'genesis'>,
  records: RecordContent[],
  outcome: (ledger: CircleLedger) => T,
  seeds = 12,
): T {
  const expected = outcome(new SimMember(newKeys(), genesis).receive(records).ledger);
  for (let seed = 1; seed <= seeds; seed++) {
    const rand = mulberry32(seed);
    const order = shuffle(records, rand);
    const p = new SimMember(newKeys(), genesis);
    for (let i = 0; i < order.length;) {
      const n = 1 + Math.floor(rand() * 3);
      p.receive(order.slice(i, i + n));
      i += n;
    }
    expect(outcome(p.ledger), `seed ${seed}`).toEqual(expected);
  }
  return expected;
}
