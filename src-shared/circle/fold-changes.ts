// What changed between two membership folds (ledger.ts): whose messages must be judged again,
// and whether the members did. A fold may go on in place (extendMembership), changing the maps
// of the state it started from, so the state before is copied first.
import type { MembershipState, MuteWindow } from './membership-state';

/** The parts of a fold that the ledger compares, copied. */
export interface FoldSnapshot {
  people: Map<string, { displayName: string; since: number }>;
  departures: Map<string, { upTo: number }>;
  members: Map<string, string>;
  hidden: Map<string, string>;
  muteWindows: Map<string, string>;
}

const windowsText = (ws: readonly MuteWindow[]): string =>
  ws.map((w) => `${w.from}-${w.until}`).join(',');

/** A copy of what `changedAuthors` and `sameMembers` compare; unaffected by later folds. */
export function foldSnapshot(state: MembershipState): FoldSnapshot {
  return {
    people: new Map([...state.people].map(([k, p]) => [k, { ...p }])),
    departures: new Map([...state.departures].map(([k, d]) => [k, { upTo: d.upTo }])),
    members: membersOf(state),
    hidden: new Map([...state.hidden].map(([k, h]) => [k, `${h.by}|${h.reason}`])),
    muteWindows: new Map([...state.muteWindows].map(([k, ws]) => [k, windowsText(ws)])),
  };
}

/** The members as key -> role and name, for `sameMembers`. */
export function membersOf(state: MembershipState): Map<string, string> {
  return new Map([...state.members].map(([k, m]) => [k, `${m.role}|${m.displayName}`]));
}

/** Authors whose admission, name or departure changed: which of their messages count may change. */
export function membershipChangedAuthors(
  before: FoldSnapshot,
  after: MembershipState,
): Set<string> {
  const changed = new Set<string>();
  for (const [key, person] of after.people) {
    const old = before.people.get(key);
    if (!old || old.since !== person.since || old.displayName !== person.displayName)
      changed.add(key);
  }
  for (const key of before.people.keys()) if (!after.people.has(key)) changed.add(key);
  for (const [key, d] of after.departures)
    if (before.departures.get(key)?.upTo !== d.upTo) changed.add(key);
  for (const key of before.departures.keys()) if (!after.departures.has(key)) changed.add(key);
  return changed;
}

/** Authors with a message hidden or shown again, or whose mute windows changed. */
export function moderationChangedAuthors(
  before: FoldSnapshot,
  after: MembershipState,
): Set<string> {
  const changed = new Set<string>();
  const authorOf = (messageKey: string) => messageKey.slice(0, messageKey.indexOf('/'));
  for (const [key, h] of after.hidden)
    if (before.hidden.get(key) !== `${h.by}|${h.reason}`) changed.add(authorOf(key));
  for (const key of before.hidden.keys()) if (!after.hidden.has(key)) changed.add(authorOf(key));
  for (const [member, ws] of after.muteWindows)
    if (before.muteWindows.get(member) !== windowsText(ws)) changed.add(member);
  for (const member of before.muteWindows.keys())
    if (!after.muteWindows.has(member)) changed.add(member);
  return changed;
}

/** Whether the members (keys, roles, names) are the same. */
export function sameMembers(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [k, m] of a) if (b.get(k) !== m) return false;
  return true;
}
