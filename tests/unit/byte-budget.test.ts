// The token bucket every per-peer byte budget spends from (src-shared/sync/byte-budget.ts), with a
// clock the test moves: what a peer may make us receive, forward or store over time.
import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../src-shared/sync/byte-budget';

function budgetAt(burst: number, perSecond: number) {
  const clock = { now: 1_000_000 };
  return { budget: new ByteBudget({ burst, perSecond }, () => clock.now), clock };
}

describe('ByteBudget', () => {
  it('spends up to the burst at once, then refuses', () => {
    const { budget } = budgetAt(1000, 100);
    expect(budget.spend(600)).toBe(true);
    expect(budget.spend(400)).toBe(true);
    expect(budget.spend(1)).toBe(false);
  });

  it('a refused spend costs nothing: a smaller one that fits still goes through', () => {
    const { budget } = budgetAt(1000, 100);
    expect(budget.spend(900)).toBe(true);
    expect(budget.spend(101)).toBe(false);
    expect(budget.spend(100)).toBe(true);
  });

  it('more than the burst in one piece is never allowed, however long the wait', () => {
    const { budget, clock } = budgetAt(1000, 100);
    clock.now += 3_600_000;
    expect(budget.spend(1001)).toBe(false);
    expect(budget.spend(1000)).toBe(true);
  });

  it('gives bytes back at perSecond, never beyond the burst', () => {
    const { budget, clock } = budgetAt(1000, 100);
    expect(budget.spend(1000)).toBe(true);
    clock.now += 500;
    expect(budget.spend(51)).toBe(false);
    expect(budget.spend(50)).toBe(true);
    clock.now += 60_000; // a minute idle refills to the burst, not to 6,000
    expect(budget.spend(1000)).toBe(true);
    expect(budget.spend(1)).toBe(false);
  });

  it('a flood holds a peer to perSecond over time: 10 s of asking 10x the rate', () => {
    const { budget, clock } = budgetAt(1000, 100);
    let spent = 0;
    for (let ms = 0; ms < 10_000; ms += 10, clock.now += 10) if (budget.spend(10)) spent += 10;
    // The burst once, then 100 a second.
    expect(spent).toBeGreaterThanOrEqual(1000 + 100 * 9);
    expect(spent).toBeLessThanOrEqual(1000 + 100 * 10);
  });

  it('a clock that steps back gives nothing back', () => {
    const { budget, clock } = budgetAt(1000, 100);
    expect(budget.spend(1000)).toBe(true);
    clock.now -= 60_000;
    expect(budget.spend(1)).toBe(false);
  });
});
