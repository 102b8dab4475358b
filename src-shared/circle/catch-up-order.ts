// The order in which a big catch-up (a newcomer's first sync, a long absence) is verified.
// Verifying 10k signatures takes seconds on a slow machine, and each verified slice is shown at
// once, so the order decides what the person sees first:
// 1. membership records (genesis, invites, admissions), oldest first: without them no message
//    can be accepted, and in time order an admission chain resolves without replays;
// 2. messages, newest first: the conversation as it is now, at the bottom of the list;
// 3. records that did not decrypt or parse: they will be rejected, last.
// The order only comes from claims read before verification (peekRecord), so a forged record
// can at most be verified earlier; what is accepted does not depend on the order.
import type { RecordPeek } from '../records/seal';

const rank = (peek: RecordPeek | null): number => (peek === null ? 2 : peek.kind === 'message' ? 1 : 0);

/** Indices of `peeks` in verification order. */
export function catchUpOrder(peeks: readonly (RecordPeek | null)[]): number[] {
  const indices = peeks.map((_, i) => i);
  return indices.sort((a, b) => {
    const pa = peeks[a]!;
    const pb = peeks[b]!;
    const byRank = rank(pa) - rank(pb);
    if (byRank !== 0 || pa === null || pb === null) return byRank || a - b;
    return pa.kind === 'message' ? pb.ts - pa.ts || a - b : pa.ts - pb.ts || a - b;
  });
}
