// A message its author deleted is not counted unread: there is nothing left to read.
import { describe, expect, it } from 'vitest';
import { ListSnapshot } from '../../src-shared/list-snapshot';
import { unreadCount } from '../../src-renderer/services/circles/unread';
import type { ChatMessage } from '../../src-renderer/services/types';

describe('unreadCount', () => {
  it('skips messages their authors deleted', () => {
    const list = ListSnapshot.of<ChatMessage>([
      { id: 'a', author: 'ann', ts: 10, text: 'hello' },
      { id: 'b', author: 'ann', ts: 20, text: '', deleted: true },
      { id: 'c', author: 'ben', ts: 30, text: 'hi', edited: true },
    ]);
    expect(unreadCount(list, 0, 'me', 100)).toBe(2);
  });
});
