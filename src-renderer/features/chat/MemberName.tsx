import { badgeFor } from './badge';
import { MemberAvatar } from './MemberAvatar';

/**
 * A member's short badge, small and muted. Two members may choose the same name; the badge,
 * derived from the member key, tells them apart, and nobody can pick someone else's.
 */
export function MemberBadge({ memberKey, badge }: { memberKey?: string; badge?: string }) {
  const text = badge ?? (memberKey ? badgeFor(memberKey) : '');
  if (!text) return null;
  return (
    <span className="member-badge" role="img" aria-label={`badge ${text}`} data-testid="badge">
      {text}
    </span>
  );
}

/** A name with its badge beside it: how Hearth shows a member wherever it names one. */
export function MemberName({
  name,
  memberKey,
  badge,
  className,
  avatar = false,
}: {
  name: string;
  memberKey?: string;
  /** Given when already known (a knock carries its badge); else derived from the key. */
  badge?: string;
  className?: string;
  /** Also the member's avatar before the name (lists of people; needs `memberKey`). */
  avatar?: boolean;
}) {
  return (
    <span className={['member-name', className].filter(Boolean).join(' ')}>
      {avatar && memberKey ? <MemberAvatar memberKey={memberKey} /> : null}
      <span className="member-name__text">{name}</span>
      <MemberBadge memberKey={memberKey} badge={badge} />
    </span>
  );
}
