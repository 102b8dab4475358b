// Who belongs to a circle, with what role, under which keys (docs/ARCHITECTURE.md "Membership").
// A pure fold over the membership graph (membership-dag.ts) in its deterministic order: the same
// records give the same state on every peer, whatever order they arrived in. Each record is
// judged where it stands: its author needs the role in the state before it, and the record that
// granted that role must be in its causal past (a concurrent promotion grants nothing).
// Concurrency rules: between facilitators seniority decides (the founder first, then by the
// order of their promotion), so a junior can never remove or demote a senior; a removed key can
// never be admitted again, so a removal beats any re-admission; a departed member's records after
// the last one the remover had seen (`upTo`) are void, and so are a demoted facilitator's acts of
// authority after the demoter's `upTo` that do not know of the demotion: found by folding again
// with them left out (a member cannot escape a removal or demotion by claiming not to have seen it).
import type { GenesisBody, RecordOf } from '../records/schema';
import { compareNodes, type DagNode } from './membership-dag';
import { cutsChange, cutsTouch, noCuts, sameCuts, type Cuts } from './membership-cuts';
import { ModerationFold, type ModerationJudge } from './moderation';
import {
  inviteIdMatches,
  type Departure,
  type EpochStart,
  type Invite,
  type LogEntry,
  type Member,
  type MembershipState,
  type Role,
} from './membership-state';

export {
  inviteIdMatches,
  MEMBERSHIP_KINDS,
  type Departure,
  type EpochStart,
  type Invite,
  type LogEntry,
  type Member,
  type MembershipState,
  type Role,
} from './membership-state';

/** Folding again with cut records left out can change which removals hold; this bounds it. */
const MAX_PASSES = 4;

/**
 * Folds placed membership nodes (in DAG order) into the circle's state. `genesis` is the
 * circle's own genesis node; any other genesis is void.
 */
export function foldMembership(
  genesis: DagNode,
  ordered: readonly DagNode[],
  /** Hashes of nodes to leave out: the two sides of an equivocation. */
  skip: ReadonlySet<string> = new Set(),
): MembershipState {
  let cuts: Cuts = noCuts();
  let fold = foldOnce(genesis, ordered, cuts, skip);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = fold.cuts();
    if (sameCuts(next, cuts)) break;
    // Folding again matters only if the new cuts leave out a record the last pass took; if none,
    // this pass's state is what they give (and what extendMembership goes on from).
    const touches = cutsTouch(next, cuts, ordered);
    cuts = next;
    if (!touches) break;
    fold = foldOnce(genesis, ordered, cuts, skip);
  }
  const state = fold.state();
  resumable.set(state, { fold, cuts, skip, last: ordered[ordered.length - 1] ?? genesis });
  return state;
}

/** What a fold needs to go on from where it stopped. */
const resumable = new WeakMap<
  MembershipState,
  { fold: Fold; cuts: Cuts; skip: ReadonlySet<string>; last: DagNode }
>();

/**
 * Goes on folding from `state` with newly placed `nodes`, when that gives what a full fold would:
 * every node sorts after everything folded, and none can change a cut. Else null (fold again in
 * full). This is what keeps records that arrive one at a time from costing a full fold each.
 * `state` must be the latest result of foldMembership or extendMembership: its maps go on changing.
 */
export function extendMembership(
  state: MembershipState,
  nodes: readonly DagNode[],
): MembershipState | null {
  const from = resumable.get(state);
  if (!from) return null;
  const sorted = [...nodes].sort(compareNodes);
  if (sorted.length === 0 || compareNodes(from.last, sorted[0]!) >= 0 || sorted.some(cutsChange))
    return null;
  resumable.delete(state);
  for (const node of sorted) from.fold.take(node, from.cuts, from.skip);
  const next = from.fold.state();
  resumable.set(next, { ...from, last: sorted[sorted.length - 1]! });
  return next;
}

class Fold implements ModerationJudge {
  readonly members = new Map<string, Member>();
  readonly people = new Map<string, { displayName: string; since: number }>();
  readonly invites = new Map<string, Invite>();
  readonly usedBy = new Map<string, Set<string>>();
  readonly departures = new Map<string, Departure>();
  readonly departureByHash = new Map<string, string>();
  readonly log: LogEntry[] = [];
  /** Hides, mutes and guidelines (moderation.ts), judged with this fold's authority. */
  private readonly moderation = new ModerationFold(this, this.log);
  readonly rekeys: EpochStart[] = [];
  readonly accepted = new Set<string>();
  /** The latest demotion of each member, for the next pass's cuts. */
  private readonly demotions = new Map<string, { upTo: number; hash: string }>();
  private nextRank = 1;

  constructor(
    readonly genesis: DagNode,
    readonly policy: GenesisBody['policy'],
    private readonly demoted: Cuts['demoted'] = new Map(),
  ) {
    const g = genesis.record as RecordOf<'genesis'>;
    this.join(g.author, g.body.displayName, null, g.ts, 'facilitator', 0, genesis.hash);
    this.accepted.add(genesis.hash);
  }

  join(
    key: string,
    displayName: string,
    by: string | null,
    since: number,
    role: Role,
    rank: number | null,
    grant: string,
  ): void {
    this.members.set(key, {
      key,
      displayName,
      role,
      admittedBy: by,
      since,
      rank,
      grant,
      admission: grant,
    });
    this.people.set(key, { displayName, since });
  }

  /**
   * Whether `author` acts as a facilitator at `node`: one now, by a grant in the node's causal
   * past, and not beyond a demotion the node does not know of.
   */
  facilitator(author: string, node: DagNode): Member | null {
    const m = this.members.get(author);
    if (m?.role !== 'facilitator' || !node.authorityPast.has(m.grant)) return null;
    const demoted = this.demoted.get(author);
    if (demoted && node.record.seq > demoted.upTo && !node.authorityPast.has(demoted.hash))
      return null;
    return m;
  }

  member(key: string): Member | undefined {
    return this.members.get(key);
  }

  /** Folds one node in, unless it is skipped or beyond its author's cut. */
  take(node: DagNode, cuts: Cuts, skip: ReadonlySet<string>): void {
    if (skip.has(node.hash)) return;
    const limit = cuts.departed.get(node.record.author);
    if (limit !== undefined && node.record.seq > limit) return;
    if (this.apply(node)) this.accepted.add(node.hash);
  }

  /** Cuts for the next pass: from this pass's departures and demotions. */
  cuts(): Cuts {
    return {
      departed: new Map([...this.departures.values()].map((d) => [d.member, d.upTo])),
      demoted: this.demotions,
    };
  }

  state(): MembershipState {
    return {
      policy: this.policy,
      members: this.members,
      people: this.people,
      invites: this.invites,
      departures: this.departures,
      log: this.log,
      epochs: this.epochChain(),
      rekeys: this.rekeys,
      demotions: this.demotions,
      accepted: this.accepted,
      ...this.moderation.state(),
    };
  }

  /** Facilitator `by` outranks `target` (a member, or a facilitator junior to them). */
  outranks(by: Member, target: Member): boolean {
    return target.role === 'member' || (target.rank ?? 0) > (by.rank ?? 0);
  }

  apply(node: DagNode): boolean {
    const r = node.record;
    if (r.kind === 'genesis') return false; // the circle's own genesis was taken in the constructor
    const author = this.members.get(r.author);
    if (!author) return false;
    switch (r.kind) {
      case 'invite':
        return this.invite(node, r, author);
      case 'revoke': {
        const invite = this.invites.get(r.body.inviteId);
        if (!invite || invite.revoked) return false;
        if (invite.createdBy !== r.author && !this.facilitator(r.author, node)) return false;
        invite.revoked = true;
        this.log.push({ kind: 'invite-revoked', member: '', by: r.author, at: r.ts, reason: '' });
        return true;
      }
      case 'admit':
        return this.admit(node, r, author);
      case 'role':
        return this.role(node, r);
      case 'remove':
        return this.remove(node, r);
      case 'leave':
        this.depart(node, r.author, r.author, 'left', '', r.seq);
        return true;
      case 'rename':
        author.displayName = r.body.displayName;
        this.people.set(r.author, { displayName: r.body.displayName, since: author.since });
        return true;
      case 'rekey':
        return this.rekey(node, r);
      case 'hide':
      case 'mute':
      case 'guidelines':
      case 'resources':
      case 'relay':
        return this.moderation.apply(node, r);
      default:
        return false;
    }
  }

  private invite(node: DagNode, r: RecordOf<'invite'>, author: Member): boolean {
    if (!this.facilitator(r.author, node) && !(this.policy.membersMayInvite && author))
      return false;
    if (!inviteIdMatches(r) || this.invites.has(r.body.inviteId)) return false;
    this.invites.set(r.body.inviteId, {
      ...r.body,
      createdBy: r.author,
      createdAt: r.ts,
      used: 0,
      revoked: false,
    });
    return true;
  }

  private admit(node: DagNode, r: RecordOf<'admit'>, author: Member): boolean {
    const invite = this.invites.get(r.body.inviteId);
    if (!invite || invite.revoked) return false;
    if (invite.expiresAt !== null && r.ts > invite.expiresAt) return false;
    const byFacilitator = !!this.facilitator(r.author, node);
    // Approval is a person's decision: only a facilitator's admission counts for such invites.
    if (
      invite.approval === 'facilitator'
        ? !byFacilitator
        : !byFacilitator && !(this.policy.membersMayInvite && author)
    )
      return false;
    const newcomer = r.body.member;
    if (this.departures.has(newcomer)) return false;
    // Several members may answer the same knock: the first admission counts. Another valid one
    // changes nothing but `since`, the earliest of them: wherever an admission with a late time
    // sorts, it cannot hide the member's history (messages count from `since` on).
    const existing = this.members.get(newcomer);
    if (existing) {
      if (r.ts < existing.since) {
        existing.since = r.ts;
        this.people.set(newcomer, { displayName: existing.displayName, since: r.ts });
      }
      return true;
    }
    const used = this.usedBy.get(invite.inviteId) ?? new Set<string>();
    if (invite.maxUses !== null && used.size >= invite.maxUses) return false;
    used.add(newcomer);
    this.usedBy.set(invite.inviteId, used);
    invite.used = used.size;
    this.join(newcomer, r.body.displayName, r.author, r.ts, 'member', null, node.hash);
    return true;
  }

  private role(node: DagNode, r: RecordOf<'role'>): boolean {
    const by = this.facilitator(r.author, node);
    const target = this.members.get(r.body.member);
    if (!by || !target || target.key === by.key || target.role === r.body.role) return false;
    if (r.body.role === 'facilitator') {
      target.role = 'facilitator';
      target.rank = this.nextRank++;
      target.grant = node.hash;
      this.log.push({ kind: 'promoted', member: target.key, by: by.key, at: r.ts, reason: '' });
      return true;
    }
    if (!this.outranks(by, target)) return false;
    target.role = 'member';
    target.rank = null;
    this.demotions.set(target.key, { upTo: r.body.upTo, hash: node.hash });
    this.log.push({ kind: 'demoted', member: target.key, by: by.key, at: r.ts, reason: '' });
    return true;
  }

  private remove(node: DagNode, r: RecordOf<'remove'>): boolean {
    const by = this.facilitator(r.author, node);
    const target = this.members.get(r.body.member);
    if (!by || !target || target.key === by.key || !this.outranks(by, target)) return false;
    this.depart(node, target.key, by.key, 'removed', r.body.reason, r.body.upTo);
    // A removal withdraws every invite made before it: codes that may have gone round with the
    // removed member stop working.
    for (const invite of this.invites.values()) invite.revoked = true;
    return true;
  }

  private depart(
    node: DagNode,
    member: string,
    by: string,
    kind: 'removed' | 'left',
    reason: string,
    upTo: number,
  ): void {
    const m = this.members.get(member)!;
    this.members.delete(member);
    const d: Departure = {
      member,
      displayName: m.displayName,
      kind,
      by,
      at: node.record.ts,
      reason,
      upTo,
      hash: node.hash,
    };
    this.departures.set(member, d);
    this.departureByHash.set(node.hash, member);
    this.log.push({ kind, member, by, at: node.record.ts, reason });
  }

  private rekey(node: DagNode, r: RecordOf<'rekey'>): boolean {
    const author = this.facilitator(r.author, node);
    if (!author) return false;
    // Keys sealed to someone the author knew had gone would undo the removal.
    for (const box of r.body.lockboxes) {
      const departed = this.departures.get(box.to);
      if (departed && node.authorityPast.has(departed.hash)) return false;
    }
    // Keys go to members only: a lockbox for anyone else would be a reader nobody sees listed.
    // Except for a member who left concurrently (the loop above voids a rekey whose author knew):
    // voiding it would put everyone back on the keys it replaced, which whoever it locked out
    // still holds, so a leave timed against a removal's rotation undid the lock-out. The leaver is
    // listed in departedKeyHolders, and the next rekey leaves them out. A concurrent removal
    // still voids it: the remover's own rekey then stands, and the removed one gets no new keys.
    for (const box of r.body.lockboxes)
      if (!this.members.has(box.to) && this.departures.get(box.to)?.kind !== 'left') return false;
    const recipients = new Set(r.body.lockboxes.map((b) => b.to));
    if (recipients.size !== r.body.lockboxes.length || !recipients.has(r.author)) return false;
    this.rekeys.push({
      epoch: r.body.epoch,
      hash: node.hash,
      author: r.author,
      record: r,
      authorityPast: node.authorityPast,
      rank: author.rank ?? 0,
    });
    return true;
  }

  /** The winning chain of rekeys from the genesis: at each epoch seniority, then hash, decides. */
  epochChain(): EpochStart[] {
    const byPrev = new Map<string, EpochStart[]>();
    for (const k of this.rekeys) {
      const list = byPrev.get(k.record.body.prevRekey);
      if (list) list.push(k);
      else byPrev.set(k.record.body.prevRekey, [k]);
    }
    const chain: EpochStart[] = [];
    let at = this.genesis.hash;
    for (;;) {
      const epoch = chain.length + 1;
      const next = (byPrev.get(at) ?? []).filter((k) => k.epoch === epoch);
      if (next.length === 0) return chain;
      // Seniority as it was when each was made: a winner stays the winner if its author leaves.
      next.sort((a, b) => a.rank - b.rank || (a.hash < b.hash ? -1 : 1));
      chain.push(next[0]!);
      at = next[0]!.hash;
    }
  }
}

function foldOnce(
  genesis: DagNode,
  ordered: readonly DagNode[],
  cuts: Cuts,
  skip: ReadonlySet<string>,
): Fold {
  const g = genesis.record as RecordOf<'genesis'>;
  const fold = new Fold(genesis, g.body.policy, cuts.demoted);
  for (const node of ordered) if (node !== genesis) fold.take(node, cuts, skip);
  return fold;
}
