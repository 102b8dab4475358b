import type { Member } from '../../services/types';

export interface MemberPresence {
  member: Member;
  online: boolean;
  self: boolean;
}

/** Members with their presence: online first, then facilitators, then by name. */
export function membersWithPresence(
  members: ReadonlyMap<string, Member>,
  online: ReadonlySet<string>,
  myKey: string,
): MemberPresence[] {
  return [...members.values()]
    .map((member) => ({ member, online: online.has(member.key), self: member.key === myKey }))
    .sort(
      (a, b) =>
        Number(b.online) - Number(a.online) ||
        Number(b.member.role === 'facilitator') - Number(a.member.role === 'facilitator') ||
        a.member.displayName.localeCompare(b.member.displayName),
    );
}

export const onlineSummary = (list: MemberPresence[]): string =>
  `${list.filter((p) => p.online).length} of ${list.length} online`;
