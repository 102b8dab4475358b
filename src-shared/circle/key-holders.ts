// Who a facilitator should rekey for (docs/ARCHITECTURE.md "Epochs"), read from the folded state.
import type { MembershipDag } from './membership-dag';
import type { MembershipState } from './membership';

/**
 * `departed`: members who left or were removed but still hold the current epoch's keys (a new
 * epoch should leave them out). `missing`: members admitted without knowing the current rekey
 * (at the same time as it) and given no lockbox in it (a new epoch should include them).
 */
export function keyHolders(
  state: MembershipState,
  dag: MembershipDag,
): { departed: string[]; missing: string[] } {
  const current = state.epochs[state.epochs.length - 1];
  const departed = [...state.departures.values()]
    .filter((d) => !current || !current.authorityPast.has(d.hash))
    .map((d) => d.member);
  if (!current) return { departed, missing: [] };
  const boxed = new Set(current.record.body.lockboxes.map((b) => b.to));
  const missing = [...state.members.values()]
    .filter((m) => !boxed.has(m.key) && !dag.get(m.admission)?.authorityPast.has(current.hash))
    .map((m) => m.key);
  return { departed, missing };
}
