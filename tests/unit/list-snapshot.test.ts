import { describe, expect, it } from 'vitest';
import { ListSnapshot } from '../../src-shared/list-snapshot';

describe('ListSnapshot', () => {
  it('shows the list as it was, however the array grows after', () => {
    const live = ['a', 'b'];
    const then = ListSnapshot.of(live);
    live.push('c');
    expect(then).toHaveLength(2);
    expect([...then]).toEqual(['a', 'b']);
    expect(then.at(-1)).toBe('b');
    expect(then.at(2)).toBeUndefined();
    expect(then.at(-3)).toBeUndefined();
    expect(then.slice()).toEqual(['a', 'b']);
    expect(then.slice(1, 10)).toEqual(['b']);
    expect(then.map((x, i) => `${i}${x}`)).toEqual(['0a', '1b']);
    // Negative ends count from the snapshot's end, never into what was added after it.
    live.push('d');
    expect(then.slice(0, -1)).toEqual(['a']);
    expect(then.slice(-1)).toEqual(['b']);
    expect(then.slice(1, 0)).toEqual([]);
  });

  it('shows a tail of itself without a copy, bounded like the whole', () => {
    const live = ['a', 'b', 'c'];
    const all = ListSnapshot.of(live);
    const tail = all.from(1);
    live.push('d');
    expect([...tail]).toEqual(['b', 'c']);
    expect(tail).toHaveLength(2);
    expect(tail.at(0)).toBe('b');
    expect(tail.at(-1)).toBe('c');
    expect(tail.at(2)).toBeUndefined();
    expect(tail.slice()).toEqual(['b', 'c']);
    expect(tail.map((x) => x)).toEqual(['b', 'c']);
    expect(all.from(9)).toHaveLength(0);
    expect(ListSnapshot.of(live).from(1).extends(tail)).toBe(true);
    expect(ListSnapshot.of(live).extends(tail)).toBe(false);
  });

  it('knows when a later snapshot only added at the end', () => {
    const live = ['a'];
    const first = ListSnapshot.of(live);
    live.push('b');
    const second = ListSnapshot.of(live);
    expect(second.extends(first)).toBe(true);
    expect(first.extends(second)).toBe(false);
    expect(ListSnapshot.of(['a', 'b']).extends(first)).toBe(false);
    expect(ListSnapshot.of(live).sameAs(second)).toBe(true);
    expect(second.sameAs(first)).toBe(false);
  });
});
