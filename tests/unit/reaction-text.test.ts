// Wording of reactions and replies: chips' labels (blocked members left out), quotes' lines, and
// the quick set, which the records must accept.
import { describe, expect, it } from 'vitest';
import {
  chipLabel,
  chipsFor,
  firstLine,
  listNames,
  QUICK_REACTIONS,
} from '../../src-renderer/features/chat/actions/reaction-text';
import { ReactBody } from '../../src-shared/records/schema';

/** A message as a reaction names it: its author and id. */
const TARGET = { author: 'k'.repeat(43), id: 'A'.repeat(22) };

describe('reaction and reply wording', () => {
  it('names who reacted the way a person would say it', () => {
    expect(listNames(['Ann'])).toBe('Ann');
    expect(listNames(['Ann', 'Ben'])).toBe('Ann and Ben');
    expect(listNames(['Ann', 'Ben', 'Cy'])).toBe('Ann, Ben and Cy');
    expect(chipLabel('🙏', ['Ann', 'Ben'])).toBe('🙏 2: Ann and Ben');
  });

  it('quotes only the first line, shortened', () => {
    expect(firstLine('Hello there\nsecond line')).toBe('Hello there');
    expect(firstLine('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('every quick reaction is one the records accept', () => {
    for (const { emoji } of QUICK_REACTIONS)
      expect(ReactBody.safeParse({ target: TARGET, emoji, on: true }).success, emoji).toBe(true);
  });
});

describe('reaction chips', () => {
  const names: Record<string, string> = { ann: 'Ann', ben: 'Ben', cy: 'Cy' };
  const nameOf = (key: string) => names[key] ?? 'Someone';
  const reactions = [
    { emoji: '🙏', authors: ['ann', 'ben', 'me'] },
    { emoji: '💪', authors: ['cy'] },
  ];

  it('name who reacted, and mark our own', () => {
    expect(chipsFor(reactions, 'me', new Set(), nameOf)).toEqual([
      { emoji: '🙏', count: 3, mine: true, label: '🙏 3: Ann, Ben and you' },
      { emoji: '💪', count: 1, mine: false, label: '💪 1: Cy' },
    ]);
  });

  it('leave out the reactions of members this reader blocked', () => {
    expect(chipsFor(reactions, 'me', new Set(['ben', 'cy']), nameOf)).toEqual([
      { emoji: '🙏', count: 2, mine: true, label: '🙏 2: Ann and you' },
    ]);
    expect(chipsFor(reactions, 'me', new Set(['ann', 'ben', 'cy', 'me']), nameOf)).toEqual([]);
  });
});
