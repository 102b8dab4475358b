// The elements drawn for a message's text are kept for speed; a deleted message's are dropped.
import { describe, expect, it } from 'vitest';
import {
  forgetMessageText,
  messageTextElements,
} from '../../src-renderer/features/chat/rich-text/message-text-cache';

describe('the drawn-text cache', () => {
  it('forgets a deleted text: the next draw parses it anew', () => {
    const text = 'Something **said** and taken back';
    const first = messageTextElements(text);
    expect(messageTextElements(text)).toBe(first);
    forgetMessageText(text);
    expect(messageTextElements(text)).not.toBe(first);
  });
});
