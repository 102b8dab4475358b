import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { usePopover } from './usePopover';

/**
 * A menu button's behaviour (the WAI-ARIA menu button pattern) on top of usePopover: opening puts
 * focus on the first item; Up and Down move between items and wrap, Home and End jump; Escape
 * closes and returns focus to the button (usePopover); Tab closes and lets focus move on. A
 * `horizontal` menu (a row of emoji) moves with Left and Right as well.
 */
export function useMenu(orientation: 'vertical' | 'horizontal' = 'vertical') {
  const popover = usePopover();
  const menuRef = useRef<HTMLUListElement>(null);
  const items = () => [
    ...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
  ];

  useEffect(() => {
    if (popover.open) items()[0]?.focus();
  }, [popover.open]);

  const onMenuKeyDown = useCallback(
    (event: KeyboardEvent<HTMLUListElement>) => {
      const all = items();
      const at = all.indexOf(document.activeElement as HTMLElement);
      const forward = (at + 1) % all.length;
      const back = (at - 1 + all.length) % all.length;
      const next: Record<string, number> = {
        ArrowDown: forward,
        ArrowUp: back,
        Home: 0,
        End: all.length - 1,
        ...(orientation === 'horizontal' && { ArrowRight: forward, ArrowLeft: back }),
      };
      if (event.key === 'Tab') return popover.close();
      if (!(event.key in next) || all.length === 0) return;
      event.preventDefault();
      all[next[event.key]!]?.focus();
    },
    [popover, orientation],
  );

  /** Closes the menu with focus back on its button, then runs `action` (a dialog returns focus there). */
  const choose = useCallback(
    (action: () => void) => () => {
      popover.buttonRef.current?.focus();
      popover.close();
      action();
    },
    [popover],
  );

  return { ...popover, menuRef, onMenuKeyDown, choose };
}
