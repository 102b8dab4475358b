// The cuts of the membership fold (membership.ts): a departed member's records after the last
// one the remover had seen, and a demoted facilitator's acts of authority beyond the demotion
// that do not know of it. Each pass of the fold reads the cuts the pass before found.
import type { DagNode } from './membership-dag';

/** What earlier passes found: departed members' last counted record, and demotions. */
export interface Cuts {
  departed: ReadonlyMap<string, number>;
  demoted: ReadonlyMap<string, { upTo: number; hash: string }>;
}

/** No cuts: the first pass. */
export const noCuts = (): Cuts => ({ departed: new Map(), demoted: new Map() });

/** Record kinds that can change a cut (removal, leaving, a demotion): they need a full fold. */
export const cutsChange = (n: DagNode): boolean =>
  n.record.kind === 'remove' ||
  n.record.kind === 'leave' ||
  (n.record.kind === 'role' && n.record.body.role === 'member');

/** Whether `node` is left out under `cuts` (beyond a departure, or a demotion it did not know of). */
function isCut(cuts: Cuts, node: DagNode): boolean {
  const { author, seq } = node.record;
  const departed = cuts.departed.get(author);
  if (departed !== undefined && seq > departed) return true;
  const demoted = cuts.demoted.get(author);
  return !!demoted && seq > demoted.upTo && !node.authorityPast.has(demoted.hash);
}

/**
 * Whether cuts `next` leave out, or take back, any record differently from `before`. If not,
 * folding again would give the same state (in a circle where people left, usually none).
 * Demotion cuts only stop acts of authority; looking at every record of the author is cautious:
 * at worst one pass more.
 */
export function cutsTouch(next: Cuts, before: Cuts, ordered: readonly DagNode[]): boolean {
  for (const node of ordered) if (isCut(next, node) !== isCut(before, node)) return true;
  return false;
}

/** Whether two passes found the same cuts. */
export function sameCuts(a: Cuts, b: Cuts): boolean {
  if (a.departed.size !== b.departed.size || a.demoted.size !== b.demoted.size) return false;
  for (const [k, v] of a.departed) if (b.departed.get(k) !== v) return false;
  for (const [k, v] of a.demoted) if (b.demoted.get(k)?.hash !== v.hash) return false;
  return true;
}
