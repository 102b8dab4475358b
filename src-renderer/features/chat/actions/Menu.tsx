import type { ReactNode } from 'react';
import { Button } from '../../../ui/Button';
import type { useMenu } from '../useMenu';

interface MenuButtonProps {
  popover: ReturnType<typeof useMenu>;
  /** What a screen reader says ("React to Ann's message"). */
  label: string;
  testId: string;
  children: ReactNode;
}

/** A toolbar button that opens a menu (its popover): says so, and whether it is open. */
export function MenuButton({ popover, label, testId, children }: MenuButtonProps) {
  return (
    <Button
      ref={popover.buttonRef}
      variant="quiet"
      className="message-actions__button"
      aria-haspopup="menu"
      aria-expanded={popover.open}
      aria-controls={popover.open ? popover.panelId : undefined}
      aria-label={label}
      onClick={popover.toggle}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

interface MenuPanelProps {
  menu: ReturnType<typeof useMenu>;
  label: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** The menu a MenuButton opens; useMenu moves the focus between its items. */
export function MenuPanel({ menu, label, className, testId, children }: MenuPanelProps) {
  return (
    <ul
      ref={menu.menuRef}
      id={menu.panelId}
      role="menu"
      aria-label={label}
      className={['message-actions__menu', className].filter(Boolean).join(' ')}
      onKeyDown={menu.onMenuKeyDown}
      data-testid={testId}
    >
      {children}
    </ul>
  );
}

interface MenuItemProps {
  className: string;
  label?: string;
  onSelect: () => void;
  testId?: string;
  children: ReactNode;
}

/** One item of a MenuPanel; reached with the arrow keys, not Tab. */
export function MenuItem({ className, label, onSelect, testId, children }: MenuItemProps) {
  return (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        className={className}
        aria-label={label}
        onClick={onSelect}
        data-testid={testId}
      >
        {children}
      </button>
    </li>
  );
}
