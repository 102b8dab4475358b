import { useMemo } from 'react';
import type { Member } from '../../services/types';
import { MembersList } from './MembersList';
import { membersWithPresence, onlineSummary } from './presence';
import { usePopover } from './usePopover';

interface OnlineIndicatorProps {
  members: ReadonlyMap<string, Member>;
  online: ReadonlySet<string>;
  myKey: string;
  /** The map is updated in place, so this is what says it changed. */
  membersVersion: number;
}

/** "3 of 5 online"; opens the member list. */
export function OnlineIndicator({ members, membersVersion, online, myKey }: OnlineIndicatorProps) {
  const people = useMemo(
    () => membersWithPresence(members, online, myKey),
    // membersVersion is not read, but it is what says `members` (updated in place) changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [members, membersVersion, online, myKey],
  );
  const popover = usePopover();

  return (
    <div className="popover-root" ref={popover.rootRef}>
      <button
        ref={popover.buttonRef}
        type="button"
        className="button button--quiet online-indicator"
        aria-expanded={popover.open}
        aria-controls={popover.panelId}
        onClick={popover.toggle}
        data-testid="online-count"
      >
        <span className="presence-dot presence-dot--online" aria-hidden="true" />
        {onlineSummary(people)}
      </button>
      <div id={popover.panelId} className="popover" hidden={!popover.open}>
        <h3 className="popover__title">Members</h3>
        <MembersList people={people} />
      </div>
    </div>
  );
}
