import { memberBadge } from '../../../src-shared/circle/member-badge';

const MAX_REMEMBERED = 2_000;

/**
 * `work` on a member key, remembered: every message shows its author's badge (and the first of a
 * run their avatar), and a circle has a handful of authors, so it is worked out once per member
 * rather than once per message.
 */
export function perMember<T>(work: (memberKey: string) => T): (memberKey: string) => T {
  const remembered = new Map<string, T>();
  return (memberKey) => {
    if (remembered.has(memberKey)) return remembered.get(memberKey)!;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    const value = work(memberKey);
    remembered.set(memberKey, value);
    return value;
  };
}

/** The short badge of a member key, remembered. */
export const badgeFor = perMember(memberBadge);
