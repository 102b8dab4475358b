// Random circle histories for the convergence test: 3 to 5 SimMembers write membership records
// and messages from what they have seen, while partitions (groups that exchange records only
// among themselves for a while) and reordered, batched, duplicated deliveries shape what each
// one has seen. Everything is driven by one seed, so a failing history replays exactly.
import { draftRecord, foundCircle } from '../../src-shared/circle/founding';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import type { MemberKeys } from '../../src-shared/crypto/keys';
import type { RecordContent, RecordOf } from '../../src-shared/records/schema';
import { admitBodyFor, newKeys, SimMember } from './circle-sim';
import { mulberry32, shuffle } from './seeded-random';

export const T0 = 1_700_000_000_000;

/** One simulated person: a member (or would-be member) and every record it has seen. */
export interface Peer {
  name: string;
  sim: SimMember;
  known: Set<RecordContent>;
  group: number;
}

/** A finished history: the genesis, every record written, and the peers that wrote them. */
export interface History {
  genesis: RecordOf<'genesis'>;
  records: RecordContent[];
  peers: Peer[];
}

/**
 * Hands `records` to `ledger` in a random order, in random batches of 1 to 4, with about one in
 * eight delivered twice (a resent batch).
 */
export function deliver(
  ledger: CircleLedger,
  records: Iterable<RecordContent>,
  rand: () => number,
): void {
  const list = [...records];
  for (const r of list) if (rand() < 0.125) list.push(r);
  const order = shuffle(list, rand);
  for (let i = 0; i < order.length;) {
    const n = 1 + Math.floor(rand() * 4);
    ledger.ingest(order.slice(i, i + n));
    i += n;
  }
}

/** What two peers must agree on once they hold the same records. */
export function snapshot(ledger: CircleLedger) {
  const sorted = <T>(xs: T[]) =>
    xs.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    members: sorted([...ledger.members.values()].map((m) => [m.key, m.displayName, m.role])),
    invites: sorted([...ledger.invites.values()].map((i) => [i.inviteId, i.used, i.revoked])),
    departures: sorted(
      [...ledger.departures.values()].map((d) => [d.member, d.kind, d.by, d.upTo, d.hash]),
    ),
    epochs: ledger.epochs.map((e) => e.hash),
    messages: ledger.messages.map((m) => m.id),
    forked: [...ledger.forkedAuthors].sort(),
  };
}

class Writer {
  readonly rand: () => number;
  readonly peers: Peer[] = [];
  readonly records: RecordContent[] = [];
  readonly genesis: RecordOf<'genesis'>;

  constructor(seed: number) {
    this.rand = mulberry32(seed);
    const c = foundCircle({ name: `seed ${seed}`, description: '', displayName: 'P0' }, T0);
    // Half of the circles let members invite (and admit on invites that need no facilitator).
    this.genesis =
      this.rand() < 0.5
        ? c.genesis
        : draftRecord(
            { circleId: c.circleId, epoch: 0, keys: c.keys, seq: 1, prev: [] },
            'genesis',
            { ...c.genesis.body, policy: { membersMayInvite: true } },
            T0,
          );
    const count = 3 + Math.floor(this.rand() * 3);
    for (let i = 0; i < count; i++) {
      const keys = i === 0 ? c.keys : newKeys();
      this.peers.push({ name: `P${i}`, sim: this.simFor(keys), known: new Set(), group: 0 });
    }
  }

  pick<T>(xs: readonly T[]): T | undefined {
    return xs.length === 0 ? undefined : xs[Math.floor(this.rand() * xs.length)];
  }

  simFor(keys: MemberKeys): SimMember {
    return new SimMember(keys, this.genesis, T0 + Math.floor(this.rand() * 5));
  }

  /** Splits the peers into two groups, or heals the split. */
  repartition(): void {
    const split = this.rand() < 0.6;
    for (const p of this.peers) p.group = split && this.rand() < 0.5 ? 1 : 0;
  }

  /**
   * The usual start, written by the founder and seen by everyone: two peers let in and, mostly, one
   * of them made a co-facilitator (so that facilitators can act concurrently from the first step).
   */
  opening(): void {
    const founder = this.peers[0]!;
    const inv = founder.sim.invite({ maxUses: null, approval: 'facilitator' });
    this.keep(founder, inv);
    for (const p of this.peers.slice(1, 3))
      this.keep(founder, founder.sim.admit(p.sim.keys, inv, p.name));
    if (this.rand() < 0.7)
      this.keep(founder, founder.sim.setRole(this.peers[1]!.sim, 'facilitator'));
    for (const p of this.peers.slice(1)) {
      deliver(p.sim.ledger, founder.known, this.rand);
      for (const r of founder.known) p.known.add(r);
    }
  }

  /** One peer sends another (in its group) everything it has that the other lacks. */
  sync(): void {
    const from = this.pick(this.peers)!;
    const to = this.pick(this.peers.filter((p) => p !== from && p.group === from.group));
    if (!to) return;
    const missing = [...from.known].filter((r) => !to.known.has(r));
    deliver(to.sim.ledger, missing, this.rand);
    for (const r of missing) to.known.add(r);
  }

  keep(peer: Peer, record: RecordContent): void {
    peer.known.add(record);
    this.records.push(record);
  }

  /** One thing a member does, chosen at random, from what it has seen. */
  act(): void {
    const actors = this.peers.filter((p) => p.sim.ledger.members.has(p.sim.key));
    const p = this.pick(actors);
    if (!p) return;
    const ledger = p.sim.ledger;
    const others = [...ledger.members.values()].filter((m) => m.key !== p.sim.key);
    const invites = [...ledger.invites.values()].filter((i) => !i.revoked);
    const roll = this.rand();
    const ts = this.rand() < 0.3 ? T0 + Math.floor(this.rand() * 40) : undefined;
    if (roll < 0.2) {
      this.keep(p, p.sim.message(`m${this.records.length}`, ts));
    } else if (roll < 0.32 || invites.length === 0) {
      this.keep(
        p,
        p.sim.invite({
          expiresAt: this.rand() < 0.5 ? null : T0 + 5 + Math.floor(this.rand() * 40),
          maxUses: this.pick([null, 1, 2]) ?? null,
          approval: this.rand() < 0.5 ? 'facilitator' : 'auto',
        }),
      );
    } else if (roll < 0.52) {
      this.admitSomeone(p, this.pick(invites)!.inviteId, ts);
    } else if (roll < 0.57) {
      this.keep(p, p.sim.write('revoke', { inviteId: this.pick(invites)!.inviteId }));
    } else if (roll < 0.65) {
      const target = this.pick(others);
      if (!target) return;
      const role = target.role === 'facilitator' ? 'member' : 'facilitator';
      const upTo = role === 'member' ? p.sim.ledger.seenUpTo(target.key) : 0;
      this.keep(p, p.sim.write('role', { member: target.key, role, upTo }));
    } else if (roll < 0.73) {
      const target = this.pick(others);
      if (target) this.keep(p, p.sim.remove(target.key));
    } else if (roll < 0.81) {
      if (ledger.isFacilitator(p.sim.key)) this.keep(p, p.sim.rekey());
    } else if (roll < 0.87) {
      this.keep(p, p.sim.write('rename', { displayName: `${p.name}.${this.records.length}` }));
    } else if (roll < 0.9) {
      this.keep(p, p.sim.write('leave', {}));
    } else if (roll < 0.93) {
      this.equivocate(p);
    } else {
      this.rejoin();
    }
  }

  /** Admits the first peer this member does not know as a member (or a passer-by). */
  private admitSomeone(p: Peer, inviteId: string, ts: number | undefined): void {
    const ledger = p.sim.ledger;
    const candidate = this.peers.find(
      (c) => !ledger.members.has(c.sim.key) && !ledger.departures.has(c.sim.key),
    );
    const keys = candidate && this.rand() < 0.8 ? candidate.sim.keys : newKeys();
    const name = candidate?.name ?? `guest${this.records.length}`;
    this.keep(p, p.sim.write('admit', admitBodyFor(keys, name, inviteId), ts));
  }

  /** A member signs two different messages under one sequence number, and shows each to someone else. */
  private equivocate(p: Peer): void {
    const ledger = p.sim.ledger;
    const prev = ledger.prevForNew();
    const who = {
      circleId: ledger.circleId,
      epoch: ledger.epochs.length,
      keys: p.sim.keys,
      seq: ledger.nextSeq(p.sim.key),
      prev,
    };
    const ts = ledger.tsFloor(prev) + 1;
    const a = draftRecord(who, 'message', { text: 'to some' }, ts);
    const b = draftRecord(who, 'message', { text: 'to others' }, ts);
    ledger.ingest([a]);
    this.keep(p, a);
    const other = this.pick(this.peers.filter((o) => o !== p))!;
    other.sim.ledger.ingest([b]);
    this.keep(other, b);
  }

  /** A removed (or departed) person comes back with a new key, keeping what it had seen. */
  private rejoin(): void {
    const gone = this.pick(
      this.peers.filter((c) => this.peers.some((o) => o.sim.ledger.departures.has(c.sim.key))),
    );
    if (!gone) return;
    gone.sim = this.simFor(newKeys());
    deliver(gone.sim.ledger, gone.known, this.rand);
  }
}

/**
 * Runs `fn` with the platform's random source (which keys, ids, secrets and libsodium's own key
 * generation all draw from) replaced by a PRNG seeded with `seed`, so that a history, its keys and
 * record hashes included, and hence the fold order, replay exactly from the seed alone.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const platform = globalThis.crypto;
  const original = platform.getRandomValues;
  const rand = mulberry32(seed ^ 0x7a11);
  platform.getRandomValues = <A extends ArrayBufferView | null>(array: A): A => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
    }
    return array;
  };
  try {
    return fn();
  } finally {
    platform.getRandomValues = original;
  }
}

/** A random history of about `steps` actions, with partitions and syncs in between. */
export function randomHistory(seed: number, steps: number): History {
  const w = new Writer(seed);
  if (w.rand() < 0.8) w.opening();
  w.repartition();
  for (let i = 0; i < steps; i++) {
    if (w.rand() < 0.15) w.repartition();
    w.act();
    if (w.rand() < 0.5) w.sync();
  }
  return { genesis: w.genesis, records: w.records, peers: w.peers };
}
