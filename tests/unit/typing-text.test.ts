// The words a screen reader hears while people type: who, in a stable order, never someone
// blocked on this device or no longer a member.
import { describe, expect, it } from 'vitest';
import { typingNames, typingText } from '../../src-renderer/features/chat/typing/typing-text';

const members = new Map(
  ['ann', 'ben', 'cy', 'dee'].map((k) => [k, { displayName: k[0]!.toUpperCase() + k.slice(1) }]),
);

describe('typing words', () => {
  it('names one or two people and says "several" beyond', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Ann'])).toBe('Ann is typing…');
    expect(typingText(['Ann', 'Ben'])).toBe('Ann and Ben are typing…');
    expect(typingText(['Ann', 'Ben', 'Cy'])).toBe('Several people are typing…');
  });

  it('leaves out blocked members and keys that are not members, in the same order every time', () => {
    const blocked = new Set(['cy']);
    expect(typingNames(new Set(['ben', 'ann', 'cy', 'gone']), members, blocked)).toEqual([
      'Ann',
      'Ben',
    ]);
    expect(typingNames(new Set(['ann', 'ben']), members, blocked)).toEqual(
      typingNames(new Set(['ben', 'ann']), members, blocked),
    );
  });
});
