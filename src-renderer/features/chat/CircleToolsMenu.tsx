import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useMenu } from './useMenu';
import './menu.css';

interface CircleToolsMenuProps {
  /** Reports waiting for this facilitator's answer: shown on the button itself when above 0. */
  reportCount: number;
  onOpenReports: () => void;
  onOpenResources: () => void;
  onOpenRelay: () => void;
  onOpenLog: () => void;
}

/** A waiting-reports count, read out as words. */
function ReportCount({ count, testId }: { count: number; testId?: string }) {
  if (count <= 0) return null;
  return (
    <>
      {' '}
      <span className="chat-header__count" data-testid={testId}>
        {count}
      </span>
      <VisuallyHidden> {count === 1 ? 'report' : 'reports'} waiting for an answer</VisuallyHidden>
    </>
  );
}

/**
 * The facilitators' tools in one menu, so the header stays calm: reports, the circle's support
 * resources, the relay and the facilitators' log. Reports waiting for an answer stay in sight
 * on the button.
 */
export function CircleToolsMenu(props: CircleToolsMenuProps) {
  const { open, toggle, panelId, buttonRef, rootRef, menuRef, onMenuKeyDown, choose } = useMenu();
  const items: { label: string; testId: string; action: () => void; count?: number }[] = [
    {
      label: 'Reports',
      testId: 'reports-button',
      action: props.onOpenReports,
      count: props.reportCount,
    },
    { label: 'Support resources', testId: 'resources-button', action: props.onOpenResources },
    { label: 'Relay', testId: 'relay-button', action: props.onOpenRelay },
    { label: "Facilitators' log", testId: 'facilitator-log-button', action: props.onOpenLog },
  ];
  return (
    <div className="popover-root" ref={rootRef}>
      <Button
        variant="quiet"
        ref={buttonRef}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        data-testid="circle-tools-button"
      >
        <span>
          Circle tools
          <ReportCount count={props.reportCount} testId="reports-count" />
        </span>
      </Button>
      <ul
        id={panelId}
        ref={menuRef}
        role="menu"
        aria-label="Circle tools"
        className="popover menu"
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
        {items.map(({ label, testId, action, count }) => (
          <li key={testId} role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="button button--quiet menu__item"
              onClick={choose(action)}
              data-testid={testId}
            >
              <span>
                {label}
                <ReportCount count={count ?? 0} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
