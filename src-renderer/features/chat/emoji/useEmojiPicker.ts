import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Puts an emoji picker (emoji-picker-element, keyboard and screen-reader usable: search, arrow
 * keys, Enter) into `slotRef` while `open`, loading its code and data on first use, and focuses
 * its search field. A pick calls `close` then `onPick`. Returns whether it failed to load.
 */
export function useEmojiPicker(
  open: boolean,
  slotRef: RefObject<HTMLDivElement | null>,
  onPick: (emoji: string) => void,
  close: () => void,
): boolean {
  const [failed, setFailed] = useState(false);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    let remove = () => {};
    import('./load-emoji-picker')
      .then(({ createEmojiPicker }) => {
        const slot = slotRef.current;
        if (cancelled || !slot) return;
        const picker = createEmojiPicker();
        picker.addEventListener('emoji-click', (event) => {
          const unicode = event.detail.unicode;
          if (unicode === undefined) return;
          close();
          onPickRef.current(unicode);
        });
        slot.append(picker);
        remove = () => picker.remove();
        // The search field is inside the picker's shadow root: focus it once it exists.
        requestAnimationFrame(() => picker.shadowRoot?.querySelector('input')?.focus());
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      remove();
    };
  }, [open, close, slotRef]);

  return failed;
}
