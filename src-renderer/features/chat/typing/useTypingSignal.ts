import { useEffect } from 'react';
import { useHearth } from '../../../app/HearthContext';
import { sendsTyping } from './typing-preference';

/**
 * Says "typing" while the message box holds text (the tracker renews at most every 2 s) and
 * "stopped" when it is emptied (as after sending), when it loses focus, and when it goes away.
 * Returns what the box calls on blur. Nothing is sent when the person turned it off in Settings.
 */
export function useTypingSignal(localId: string, text: string): () => void {
  const app = useHearth();
  const hasText = text.trim() !== '';
  useEffect(() => {
    if (hasText && sendsTyping()) app.setTyping(localId, true);
    else app.setTyping(localId, false);
  }, [app, localId, text, hasText]);
  useEffect(() => () => app.setTyping(localId, false), [app, localId]);
  return () => app.setTyping(localId, false);
}
