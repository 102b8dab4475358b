import type { MemberPresence } from './presence';

/** Who is in the circle and who is online right now. Presence is written out, not only coloured. */
export function MembersList({ people }: { people: MemberPresence[] }) {
  return (
    <ul className="members">
      {people.map(({ member, online, self }) => (
        <li key={member.key} className="members__item">
          <span
            className={online ? 'presence-dot presence-dot--online' : 'presence-dot'}
            aria-hidden="true"
          />
          <span className="members__name">
            {member.displayName}
            {self ? ' (you)' : ''}
          </span>
          {member.role === 'facilitator' ? <span className="tag">Facilitator</span> : null}
          <span className="members__state">{online ? 'Online' : 'Offline'}</span>
        </li>
      ))}
    </ul>
  );
}
