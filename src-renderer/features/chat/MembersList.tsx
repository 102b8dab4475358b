import { Alert } from '../../ui/Alert';
import { MemberActions, type MemberActionHandlers } from './MemberActions';
import { MemberName } from './MemberName';
import type { MemberPresence } from './presence';
import { formatDateTime } from './format';

interface MembersListProps {
  people: MemberPresence[];
  actions: MemberActionHandlers;
  /** The member whose role change is under way, if any. */
  changingRole: string | null;
  roleError: string | null;
}

/** Who is in the circle and who is online right now. Presence is written out, not only coloured. */
export function MembersList({ people, actions, changingRole, roleError }: MembersListProps) {
  return (
    <>
      <Alert message={roleError} />
      <ul className="members">
        {people.map(({ member, online, self }) => (
          <li key={member.key} className="members__item" data-testid="member">
            <div className="members__line">
              <span
                className={online ? 'presence-dot presence-dot--online' : 'presence-dot'}
                aria-hidden="true"
              />
              <span className="members__name">
                <MemberName name={member.displayName} memberKey={member.key} avatar />
                {self ? ' (you)' : ''}
              </span>
              {member.role === 'facilitator' ? <span className="tag">Facilitator</span> : null}
              {actions.mutes.has(member.key) ? (
                <span className="tag" data-testid="member-muted">
                  Muted until {formatDateTime(actions.mutes.get(member.key)!.until)}
                </span>
              ) : null}
              <span className="members__state">{online ? 'Online' : 'Offline'}</span>
            </div>
            <MemberActions
              member={member}
              self={self}
              actions={actions}
              busy={changingRole === member.key}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
