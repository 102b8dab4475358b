import { useEffect, useRef } from 'react';
import type { ChatMessage } from '../../services/types';
import { forgetMessageText } from './rich-text/message-text-cache';

/**
 * When a shown message turns out deleted, forgets the elements drawn for its last text, so the
 * page keeps none of it (the view itself no longer has the text).
 */
export function useForgetDeletedText(message: ChatMessage): void {
  const last = useRef(message.text);
  useEffect(() => {
    if (!message.deleted) last.current = message.text;
    else if (last.current !== '') {
      forgetMessageText(last.current);
      last.current = '';
    }
  }, [message]);
}
