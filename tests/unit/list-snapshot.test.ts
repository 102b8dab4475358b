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
  });

  it('knows when a later snapshot only added at the end', () => {
    const live = ['a'];
    const first = ListSnapshot.of(live);
    live.push('b');
    const second = ListSnapshot.of(live);
    expect(second.extends(first)).toBe(true);
    expect(first.extends(second)).toBe(false);
    expect(ListSnapshot.of(['a', 'b']).extends(first)).toBe(false);
  });
});
