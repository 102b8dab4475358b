import { describe, it, expect } from 'vitest';
import { MessageTimeline, type ChatMessage } from '../../src-shared/circle/timeline';

const m = (ts: number, id: string): ChatMessage => ({ id, ts, author: 'a', text: id });

describe('MessageTimeline', () => {
  it('messages added in order keep the same array: earlier snapshots stay prefixes', () => {
    const t = new MessageTimeline();
    t.add(m(1, 'a'));
    t.settle();
    const list = t.messages;
    const before = t.snapshot();
    expect(t.snapshot()).toBe(before);
    t.add(m(2, 'b'));
    t.add(m(2, 'c'));
    t.settle();
    expect(t.messages).toBe(list);
    expect(t.snapshot().extends(before)).toBe(true);
  });

  it('a message older than the end is sorted into a new array; the old snapshot is untouched', () => {
    const t = new MessageTimeline();
    t.add(m(5, 'late'));
    t.settle();
    const before = t.snapshot();
    t.add(m(1, 'early'));
    t.add(m(5, 'a-tie'));
    t.settle();
    expect(t.messages.map((x) => x.id)).toEqual(['early', 'a-tie', 'late']);
    expect(before.map((x) => x.id)).toEqual(['late']);
    expect(t.snapshot().extends(before)).toBe(false);
  });

  it('taking messages out makes a new array in order; earlier snapshots keep them', () => {
    const t = new MessageTimeline();
    const [a, b, c] = [m(1, 'a'), m(2, 'b'), m(3, 'c')] as [ChatMessage, ChatMessage, ChatMessage];
    t.add(c);
    t.add(a);
    t.add(b);
    t.settle();
    const before = t.snapshot();
    t.remove(new Set([b]));
    expect(t.messages.map((x) => x.id)).toEqual(['a', 'c']);
    expect(before.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    const list = t.messages;
    t.remove(new Set());
    expect(t.messages).toBe(list);
  });
});
