import type { CircleSummary } from '../../services/types';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useCircles } from './useCircles';

interface CircleListProps {
  selectedId: string | null;
  onSelect: (localId: string) => void;
}

/** The circles in the sidebar, each a button with its unread count. */
export function CircleList({ selectedId, onSelect }: CircleListProps) {
  const circles = useCircles();
  if (circles.length === 0) return <p className="sidebar__empty">No circles yet.</p>;
  return (
    <ul className="circle-list">
      {circles.map((circle) => (
        <li key={circle.localId}>
          <CircleItem
            circle={circle}
            selected={circle.localId === selectedId}
            onSelect={onSelect}
          />
        </li>
      ))}
    </ul>
  );
}

function CircleItem({
  circle,
  selected,
  onSelect,
}: {
  circle: CircleSummary;
  selected: boolean;
  onSelect: (localId: string) => void;
}) {
  return (
    <button
      type="button"
      className="circle-item"
      aria-current={selected ? 'page' : undefined}
      onClick={() => onSelect(circle.localId)}
      data-testid="circle-item"
    >
      <span className="circle-item__name">{circle.name}</span>
      {circle.unread > 0 ? <UnreadBadge count={circle.unread} /> : null}
    </button>
  );
}

function UnreadBadge({ count }: { count: number }) {
  const shown = count > 99 ? '99+' : String(count);
  return (
    <span className="badge">
      <span aria-hidden="true">{shown}</span>
      <VisuallyHidden>
        {count === 1 ? ', 1 unread message' : `, ${count} unread messages`}
      </VisuallyHidden>
    </span>
  );
}
