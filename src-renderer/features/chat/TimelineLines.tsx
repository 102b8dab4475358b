import { memo } from 'react';
import type { MembershipEvent } from '../../../src-shared/circle/membership-events';
import { formatDateTime, formatTime } from './format';
import { memberEventText } from './member-line-text';
import { MemberName } from './MemberName';
import './timeline-lines.css';

/** A line between messages: someone joined, left, was removed or became a facilitator. */
export const MemberLine = memo(function MemberLine({
  event,
  name,
}: {
  event: MembershipEvent;
  /** The member's name now (it follows renames); the badge tells equal names apart. */
  name: string;
}) {
  return (
    <p className="member-line" data-testid="member-line" data-kind={event.kind}>
      <MemberName name={name} memberKey={event.member} /> {memberEventText(event.kind)}
      <time
        className="member-line__time"
        dateTime={new Date(event.at).toISOString()}
        title={formatDateTime(event.at)}
      >
        {formatTime(event.at)}
      </time>
    </p>
  );
});

/**
 * Where the unread messages began when the circle was opened. A heading, so screen-reader users
 * can jump to it as they jump between days.
 */
export function NewMessagesDivider() {
  return (
    <h3 className="day-separator new-messages" data-testid="new-messages">
      New messages
    </h3>
  );
}
