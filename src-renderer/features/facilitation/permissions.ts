// Who may do what from this device, as the screens decide what to show. The services and every
// peer's ledger enforce the same rules; hiding a button is for calm, not for safety.
import type { CircleView, Member } from '../../services/types';

type Standing = Pick<CircleView, 'standing' | 'myRole' | 'membersMayInvite'>;

/** Still in the circle: reads and writes. */
export const isInCircle = (view: Pick<CircleView, 'standing'>): boolean =>
  view.standing === 'member';

/** Facilitators invite; members too where the circle allows it. */
export const canInvite = (view: Standing): boolean =>
  isInCircle(view) && (view.myRole === 'facilitator' || view.membersMayInvite);

/** Approve, decline, change roles, remove, read the facilitators' log. */
export const canFacilitate = (view: Standing): boolean =>
  isInCircle(view) && view.myRole === 'facilitator';

/**
 * True when the member leaving is the circle's only facilitator and others stay behind: they
 * are asked to name who facilitates next, so the circle is never left without one.
 */
export function needsSuccessor(members: ReadonlyMap<string, Member>, myKey: string): boolean {
  const me = members.get(myKey);
  if (me?.role !== 'facilitator' || members.size < 2) return false;
  for (const m of members.values()) if (m.key !== myKey && m.role === 'facilitator') return false;
  return true;
}

/** The members who could facilitate after me: everyone else, by name. */
export const successorChoices = (members: ReadonlyMap<string, Member>, myKey: string): Member[] =>
  [...members.values()]
    .filter((m) => m.key !== myKey)
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.key.localeCompare(b.key));

/** "1 person is asking to join", "2 people are asking to join". */
export const knockSummary = (count: number): string =>
  count === 1 ? '1 person is asking to join' : `${count} people are asking to join`;

/** A member's name, or a calm stand-in for someone no longer in the member list. */
export const nameOf = (members: ReadonlyMap<string, Member>, key: string): string =>
  members.get(key)?.displayName ?? 'A former member';
