// The order in which a big catch-up (a newcomer's first sync, a long absence) is verified.
// Verifying 10k signatures takes seconds on a slow machine, and each verified slice is shown at
// once, so the order decides what the person sees first:
// 1. membership records (genesis, invites, admissions, roles, removals, rekeys...), oldest first:
//    without them no message can be accepted (a message waits for what it names in `prev`);
// 2. edits and deletes, so that a deleted message's text is dropped before it could show;
// 3. messages, newest first: the conversation as it is now, at the bottom of the list;
// 4. records that did not decrypt or parse, or claim a kind that does not exist: they will be
//    rejected, last.
// The order only comes from claims read before verification (peekRecord), so a forged record
// can at most be verified earlier; what is accepted does not depend on the order.
import type { RecordPeek } from '../records/seal';
import { MEMBERSHIP_KINDS } from './membership';

const CHANGE_KINDS: ReadonlySet<string> = new Set(['edit', 'delete']);

const rank = (peek: RecordPeek | null): number => {
  if (peek === null) return 3;
  if (MEMBERSHIP_KINDS.has(peek.kind)) return 0;
  return CHANGE_KINDS.has(peek.kind) ? 1 : peek.kind === 'message' ? 2 : 3;
};

/** Indices of `peeks` in verification order. */
export function catchUpOrder(peeks: readonly (RecordPeek | null)[]): number[] {
  const indices = peeks.map((_, i) => i);
  return indices.sort((a, b) => {
    const pa = peeks[a] ?? null;
    const pb = peeks[b] ?? null;
    const ra = rank(pa);
    const rb = rank(pb);
    if (ra !== rb) return ra - rb;
    if (pa === null || pb === null || ra === 3) return a - b;
    return (ra === 2 ? pb.ts - pa.ts : pa.ts - pb.ts) || a - b;
  });
}
