// Who joined, left, was removed or became a facilitator, and when: the lines a conversation shows
// between messages. Derived from what the ledger accepted (its people, departures and log), so a
// peer cannot make a line appear without a record every member's ledger also accepted. A removal
// carries no reason here: the reason is for facilitators (their log), never the public line.
import type { MembershipState } from './membership-state';

export interface MembershipEvent {
  readonly kind: 'joined' | 'left' | 'removed' | 'facilitator';
  /** The member's key (the name is looked up when shown, so it follows renames). */
  readonly member: string;
  /** The accepted record's time. */
  readonly at: number;
  /** Unique within a circle and the same from one derivation to the next. */
  readonly key: string;
}

const ORDER: Record<MembershipEvent['kind'], number> = {
  joined: 0,
  facilitator: 1,
  left: 2,
  removed: 2,
};

/**
 * Every join (but the founder's: the circle starts with them), departure and promotion, oldest
 * first; ties keep a fixed order, so every member derives the same list from the same records.
 */
export function membershipEvents(
  state: Pick<MembershipState, 'people' | 'departures' | 'log'>,
  founder: string,
): MembershipEvent[] {
  const events: MembershipEvent[] = [];
  const keys = new Set<string>();
  const add = (kind: MembershipEvent['kind'], member: string, at: number) => {
    let key = `member-${kind}-${member}-${at}`;
    // Promoted twice at one time (after a demotion in between): still one key per line.
    while (keys.has(key)) key += '+';
    keys.add(key);
    events.push({ kind, member, at, key });
  };
  for (const [member, person] of state.people)
    if (member !== founder) add('joined', member, person.since);
  for (const d of state.departures.values()) add(d.kind, d.member, d.at);
  for (const entry of state.log)
    if (entry.kind === 'promoted') add('facilitator', entry.member, entry.at);
  return events.sort(
    (a, b) =>
      a.at - b.at ||
      ORDER[a.kind] - ORDER[b.kind] ||
      (a.member < b.member ? -1 : a.member > b.member ? 1 : 0),
  );
}
