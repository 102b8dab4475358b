import { useMemo } from 'react';
import type { Member } from '../../services/types';
import type { MemberActionHandlers, MemberDialogs } from './MemberActions';
import { MembersList } from './MembersList';
import { membersWithPresence, onlineSummary } from './presence';
import { usePopover } from './usePopover';
import { useRoleChange } from './useRoleChange';
import { useUnblock } from '../safety/useUnblock';
import { ServersLine } from './ServersLine';
import { MemberAvatar } from './MemberAvatar';

/** Avatars of people online shown on the button: a glance, not a list (the list is inside). */
const MAX_FACES = 3;

interface OnlineIndicatorProps {
  localId: string;
  members: ReadonlyMap<string, Member>;
  online: ReadonlySet<string>;
  myKey: string;
  /** The map is updated in place, so this is what says it changed. */
  membersVersion: number;
  dialogs: MemberDialogs;
  /** The circle's signaling servers, and those that answer now. */
  servers: { all: readonly string[]; answering: readonly string[] };
}

/** "3 of 5 online"; opens the member list, with what this member may do beside each person. */
export function OnlineIndicator({
  localId,
  members,
  membersVersion,
  online,
  myKey,
  dialogs,
  servers,
}: OnlineIndicatorProps) {
  const people = useMemo(
    () => membersWithPresence(members, online, myKey),
    // membersVersion is not read, but it is what says `members` (updated in place) changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [members, membersVersion, online, myKey],
  );
  const popover = usePopover();
  const role = useRoleChange(localId);
  const { unblock, error: unblockError } = useUnblock(localId);
  const { close, buttonRef } = popover;

  // A dialog opened from the list: the list closes first and focus moves to its toggle, so the
  // dialog hands focus back there when it closes (the list's own buttons are hidden by then).
  const actions = useMemo<MemberActionHandlers>(() => {
    const fromList =
      <A extends unknown[]>(open: (...args: A) => void) =>
      (...args: A) => {
        close();
        buttonRef.current?.focus();
        open(...args);
      };
    return {
      canManage: dialogs.canManage,
      canChangeSelf: dialogs.canChangeSelf,
      onRemove: fromList(dialogs.onRemove),
      onMute: fromList(dialogs.onMute),
      mutes: dialogs.mutes,
      onRename: fromList(dialogs.onRename),
      onLeave: fromList(dialogs.onLeave),
      onReport: fromList(dialogs.onReport),
      setRole: role.setRole,
      blocked: dialogs.blocked,
      onBlock: fromList(dialogs.onBlock),
      onUnblock: unblock,
    };
  }, [dialogs, role.setRole, unblock, close, buttonRef]);

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
        <span className="online-indicator__faces" aria-hidden="true">
          {people
            .filter((p) => p.online)
            .slice(0, MAX_FACES)
            .map((p) => (
              <MemberAvatar key={p.member.key} memberKey={p.member.key} />
            ))}
        </span>
        {onlineSummary(people)}
      </button>
      <div id={popover.panelId} className="popover" hidden={!popover.open}>
        <h3 className="popover__title">Members</h3>
        <MembersList
          people={people}
          actions={actions}
          changingRole={role.changing}
          roleError={role.error ?? unblockError}
        />
        <ServersLine servers={servers} />
      </div>
    </div>
  );
}
