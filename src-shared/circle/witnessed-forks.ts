// How the ledger folds membership when someone equivocated (docs/ARCHITECTURE.md "Membership").
import { foldMembership, type MembershipState } from './membership';
import type { DagNode, MembershipDag } from './membership-dag';

/**
 * Folds with both sides of every fork left out, except where a removal or demotion of the
 * forker names one side in its past (within its upTo): that side is the one the remover saw,
 * and is kept. Otherwise a removed facilitator could sign a twin of his own removal of someone,
 * or of his rekey, and void it on every peer. Keeping a side can change the departures, so this
 * runs until the kept sides settle (a few passes at most; forks are rare).
 */
export function foldKeepingWitnessedSides(
  genesis: DagNode,
  dag: MembershipDag,
  forkHashes: ReadonlySet<string>,
): MembershipState {
  const ordered = dag.inOrder();
  let kept = new Set<string>();
  let state = foldMembership(genesis, ordered, forkHashes);
  for (let pass = 0; pass < 3 && forkHashes.size > 0; pass++) {
    const next = new Set<string>();
    for (const h of forkHashes) {
      const r = dag.get(h)?.record;
      if (!r) continue;
      const cut = state.departures.get(r.author) ?? state.demotions.get(r.author);
      if (cut && r.seq <= cut.upTo && dag.isAncestor(h, cut.hash)) next.add(h);
    }
    if (next.size === kept.size && [...next].every((h) => kept.has(h))) break;
    kept = next;
    const skip = new Set([...forkHashes].filter((h) => !kept.has(h)));
    state = foldMembership(genesis, ordered, skip);
  }
  return state;
}
