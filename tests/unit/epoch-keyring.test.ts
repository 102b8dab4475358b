import { beforeAll, describe, expect, it } from 'vitest';
import { EpochKeyring } from '../../src-shared/circle/epoch-keyring';
import { generateEpochKeys, type EpochKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';

beforeAll(loadSodium);

describe('EpochKeyring', () => {
  it('the newest epoch given is current, whatever the order', () => {
    const [e0, e1, e2] = [0, 1, 2].map(generateEpochKeys);
    const ring = new EpochKeyring([e1!, e2!, e0!]);
    expect(ring.current).toBe(e2);
    expect(ring.all().map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(ring.contentKeys.map(([epoch]) => epoch).sort()).toEqual([0, 1, 2]);
    expect(ring.has(1)).toBe(true);
    expect(ring.has(3)).toBe(false);
  });

  it('a newer epoch becomes current; an older one is kept for reading only', () => {
    const ring = new EpochKeyring([generateEpochKeys(1)]);
    const keysBefore = ring.contentKeys;
    const e3 = generateEpochKeys(3);
    expect(ring.add(e3)).toBe('current');
    expect(ring.current).toBe(e3);
    expect(ring.add(generateEpochKeys(0))).toBe('older');
    expect(ring.current).toBe(e3);
    // Jobs already handed the old list keep it as it was.
    expect(keysBefore).toHaveLength(1);
    expect(ring.contentKeys).toHaveLength(3);
  });

  it('the same keys again change nothing, and the key list stays the same object', () => {
    const e0 = generateEpochKeys(0);
    const ring = new EpochKeyring([e0]);
    const list = ring.contentKeys;
    expect(ring.add({ ...e0, contentKey: e0.contentKey.slice() })).toBe('known');
    expect(ring.contentKeys).toBe(list);
  });

  it('two sets of keys for one epoch (concurrent rekeys) are both held; the current stays until chosen', () => {
    const e0 = generateEpochKeys(0);
    const [a, b] = [generateEpochKeys(1), generateEpochKeys(1)] as [EpochKeys, EpochKeys];
    const ring = new EpochKeyring([e0, a]);
    expect(ring.add(b)).toBe('older');
    expect(ring.current).toBe(a);
    expect(ring.keysOf(1)).toEqual([a, b]);
    expect(ring.contentKeys.filter(([epoch]) => epoch === 1)).toHaveLength(2);
    // The ledger's winner is written in: the session chooses it.
    expect(ring.choose(b)).toBe(true);
    expect(ring.current).toBe(b);
    expect(ring.choose({ ...b })).toBe(true);
    expect(ring.current).toBe(b);
  });

  it('attack: keys it does not hold cannot be chosen', () => {
    const e0 = generateEpochKeys(0);
    const ring = new EpochKeyring([e0]);
    const planted = generateEpochKeys(7);
    expect(ring.choose(planted)).toBe(false);
    expect(ring.choose({ ...e0, roomSecret: generateEpochKeys(0).roomSecret })).toBe(false);
    expect(ring.current).toBe(e0);
    expect(ring.has(7)).toBe(false);
  });

  it('a circle has at least one epoch', () => {
    expect(() => new EpochKeyring([])).toThrow(RangeError);
  });
});
