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
});
