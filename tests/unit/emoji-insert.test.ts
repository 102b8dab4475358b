// Where a picked emoji goes in the draft, and what happens at the length limit.
import { describe, expect, it } from 'vitest';
import { insertAtCursor } from '../../src-renderer/features/chat/emoji/insert-at-cursor';

describe('insertAtCursor', () => {
  it('puts the emoji at the cursor and the cursor after it', () => {
    expect(insertAtCursor('Thank you all', '❤️', 9, 9, 100)).toEqual({
      text: 'Thank you❤️ all',
      cursor: 11,
    });
  });

  it('replaces a selection, and clamps positions past the end', () => {
    expect(insertAtCursor('I feel sad', '🙂', 7, 10, 100)).toEqual({
      text: 'I feel 🙂',
      cursor: 9,
    });
    expect(insertAtCursor('hi', '👋', 50, 60, 100)).toEqual({ text: 'hi👋', cursor: 4 });
  });

  it('leaves the draft whole rather than going over the limit', () => {
    expect(insertAtCursor('abcd', '👋', 4, 4, 5)).toEqual({ text: 'abcd', cursor: 4 });
  });
});
