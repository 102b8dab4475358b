// The list of circles as the app's sidebar shows it: name, role and unread count of each, by
// name. A pure function of the open sessions, their read markers, who is blocked and the clock.
import type { CircleSummary } from '../types';
import type { BlockedMembers } from './blocked-members';
import type { CircleSession } from './circle-session';
import { unreadCount } from './unread';

/** One summary per session, sorted by name; unread counts as of `now`, blocked members not counted. */
export function circleSummaries(
  sessions: Iterable<CircleSession>,
  lastRead: ReadonlyMap<string, number>,
  now: number,
  blocked: Pick<BlockedMembers, 'of'>,
): CircleSummary[] {
  return [...sessions]
    .map((s) => {
      const view = s.view();
      return {
        localId: s.localId,
        name: view.name,
        description: view.description,
        myKey: s.myKey,
        myRole: view.members.get(s.myKey)?.role ?? 'member',
        unread: unreadCount(
          view.messages,
          lastRead.get(s.localId) ?? 0,
          s.myKey,
          now,
          blocked.of(s.localId),
        ),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
