import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const COPY_KEYS = isMac ? 'Command+C' : 'Ctrl+C';

/**
 * Copies text to the clipboard. Where the clipboard is not available it selects the text in
 * `box` instead and says how to copy it. `status` is the message to announce.
 */
export function useCopy(text: string, box: RefObject<HTMLElement | null>) {
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const say = useCallback((message: string) => {
    clearTimeout(timer.current);
    setStatus(message);
    timer.current = setTimeout(() => setStatus(''), 6000);
  }, []);

  const selectBox = useCallback(() => {
    const el = box.current;
    const selection = window.getSelection();
    if (!el || !selection) return;
    el.focus();
    selection.selectAllChildren(el);
  }, [box]);

  const copy = useCallback(async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      say('Copied');
    } catch {
      selectBox();
      say(`The code is selected. Press ${COPY_KEYS} to copy it.`);
    }
  }, [text, say, selectBox]);

  return { status, copy };
}
