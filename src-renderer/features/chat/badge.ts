import { memberBadge } from '../../../src-shared/circle/member-badge';

const MAX_REMEMBERED = 2_000;
const badges = new Map<string, string>();

/**
 * The short badge of a member key, remembered: every message shows its author's, and a circle
 * has a handful of authors, so it is worked out once per member rather than once per message.
 */
export function badgeFor(memberKey: string): string {
  let badge = badges.get(memberKey);
  if (badge === undefined) {
    if (badges.size >= MAX_REMEMBERED) badges.clear();
    badge = memberBadge(memberKey);
    badges.set(memberKey, badge);
  }
  return badge;
}
