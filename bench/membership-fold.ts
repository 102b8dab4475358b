// `membershipFold10kMs`: the membership fold from scratch over a circle's 10,000 membership
// records (the figure), and `membershipIngest10kMs`: a fresh ledger taking all of them at
// once, as a newcomer's catch-up or a cold open does (hashing each record, placing it in the
// causal graph, the fold, and the ledger's bookkeeping). Runs in Node, in the bench process: the fold is pure
// (src-shared), so no browser is needed. Called from bench/run.ts.
import { draftInvite, draftRecord, foundCircle } from '../src-shared/circle/founding';
import { CircleLedger } from '../src-shared/circle/ledger';
import { foldMembership } from '../src-shared/circle/membership';
import { MembershipDag } from '../src-shared/circle/membership-dag';
import { toBase64Url } from '../src-shared/bytes';
import { generateMemberKeys, type MemberKeys } from '../src-shared/crypto/keys';
import { loadSodium } from '../src-shared/crypto/sodium';
import { recordHash } from '../src-shared/records/record-hash';
import type { RecordContent, RecordKind, RecordOf } from '../src-shared/records/schema';
import { admitBodyFor } from '../tests/support/circle-sim';
import { mulberry32 } from '../tests/support/seeded-random';

const RECORDS = 10_000;
const RUNS = 5;
const T0 = 1_700_000_000_000;
/** The same circle on every run of the benchmark. */
const SEED = 15;

interface Author {
  keys: MemberKeys;
  key: string;
  seq: number;
}

export interface BuiltCircle {
  genesis: RecordOf<'genesis'>;
  /** Every record after the genesis, in the order they were written. */
  records: RecordContent[];
  /** What the fold must end with, so a benchmark of a fold that refused everything cannot pass. */
  expected: { members: number; facilitators: number; departures: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

/**
 * A circle whose history is 10,000 membership records (the genesis among them): invites,
 * admissions by the founder and by co-facilitators, promotions and demotions, removals (each
 * revokes every invite, so a new one follows), renames and departures. One line of history:
 * each record names the one before it, as records written by members who see each other do.
 * No rekeys: a rekey in the app seals a lockbox to every member, thousands here.
 */
export function buildCircle(): BuiltCircle {
  const rand = mulberry32(SEED);
  const c = foundCircle({ name: 'Big', description: '', displayName: 'Founder' }, T0);
  const founder: Author = { keys: c.keys, key: toBase64Url(c.keys.signPublicKey), seq: 1 };
  const records: RecordContent[] = [];
  let head = recordHash(c.genesis);
  let ts = T0;
  const write = <K extends RecordKind>(by: Author, kind: K, body: RecordOf<K>['body']) => {
    const r = draftRecord(
      { circleId: c.circleId, epoch: 0, keys: by.keys, seq: ++by.seq, prev: [head] },
      kind,
      body,
      ++ts,
    );
    head = recordHash(r);
    records.push(r);
  };
  const facilitators: Author[] = [founder];
  const members: Author[] = [];
  let departures = 0;
  let invite: { id: string; usesLeft: number } | null = null;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const takeMember = () => members.splice(Math.floor(rand() * members.length), 1)[0]!;

  while (records.length < RECORDS - 1) {
    const roll = rand();
    if (invite === null || invite.usesLeft === 0) {
      const { body } = draftInvite({ expiresAt: null, maxUses: 20, approval: 'facilitator' });
      write(pick(facilitators), 'invite', body);
      invite = { id: body.inviteId, usesLeft: 20 };
    } else if (roll < 0.06 && members.length > 10) {
      const gone = takeMember();
      write(founder, 'remove', {
        member: gone.key,
        reason: 'Broke the guidelines',
        upTo: gone.seq,
      });
      departures++;
      invite = null; // a removal withdraws every invite made before it
    } else if (roll < 0.1 && members.length > 10 && facilitators.length < 30) {
      const promoted = takeMember();
      write(pick(facilitators), 'role', { member: promoted.key, role: 'facilitator', upTo: 0 });
      facilitators.push(promoted);
    } else if (roll < 0.12 && facilitators.length > 1) {
      // The founder outranks every co-facilitator.
      const demoted = facilitators.splice(
        1 + Math.floor(rand() * (facilitators.length - 1)),
        1,
      )[0]!;
      // Like a removal, a demotion names the last of the demoted facilitator's records seen.
      write(founder, 'role', { member: demoted.key, role: 'member', upTo: demoted.seq });
      members.push(demoted);
    } else if (roll < 0.14 && members.length > 10) {
      const m = pick(members);
      write(m, 'rename', { displayName: `Renamed ${records.length}` });
    } else if (roll < 0.15 && members.length > 10) {
      write(takeMember(), 'leave', {});
      departures++;
    } else {
      const keys = generateMemberKeys();
      const name = `Member ${records.length}`;
      write(pick(facilitators), 'admit', admitBodyFor(keys, name, invite.id, ts + 1));
      members.push({ keys, key: toBase64Url(keys.signPublicKey), seq: 0 });
      invite.usesLeft--;
    }
  }
  return {
    genesis: c.genesis,
    records,
    expected: {
      members: members.length + facilitators.length,
      facilitators: facilitators.length,
      departures,
    },
  };
}

/** Fails loudly if the fold did not take the circle as it was written. */
function check(ledger: CircleLedger, circle: BuiltCircle): void {
  const facilitators = [...ledger.members.values()].filter((m) => m.role === 'facilitator');
  const got = {
    members: ledger.members.size,
    facilitators: facilitators.length,
    departures: ledger.departures.size,
  };
  if (JSON.stringify(got) !== JSON.stringify(circle.expected) || ledger.stats.unauthorised > 0)
    throw new Error(
      `membership fold: expected ${JSON.stringify(circle.expected)}, got ${JSON.stringify(got)} (${ledger.stats.unauthorised} refused)`,
    );
}

/** A fresh ledger taking every record at once, RUNS times (the first with the code still cold). */
function timeLedger(circle: BuiltCircle): number[] {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const ledger = new CircleLedger(circle.genesis);
    ledger.ingest(circle.records);
    times.push(performance.now() - start);
    check(ledger, circle);
  }
  return times;
}

/** The pure fold alone, over the graph already placed (no hashing, no placing, no messages). */
function timePureFold(circle: BuiltCircle): number {
  const dag = new MembershipDag();
  const genesisHash = recordHash(circle.genesis);
  dag.offer(circle.genesis, genesisHash);
  for (const r of circle.records) dag.offer(r, recordHash(r));
  const genesis = dag.get(genesisHash)!;
  const ordered = dag.inOrder();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const state = foldMembership(genesis, ordered);
    times.push(performance.now() - start);
    if (state.accepted.size !== RECORDS) throw new Error('membership fold: records refused');
  }
  return median(times);
}

/** The membership figures, in Node. */
export async function benchMembershipFold(
  log: (line: string) => void,
): Promise<Record<string, number>> {
  await loadSodium();
  log('Membership fold of 10,000 records (Node)…');
  const circle = buildCircle();
  const ledger = timeLedger(circle);
  const pure = timePureFold(circle);
  log(`  ledger runs: ${ledger.map((t) => round(t)).join(', ')} ms; pure fold ${round(pure)} ms`);
  return {
    membershipFold10kMs: round(pure),
    membershipIngest10kMs: round(median(ledger)),
  };
}

export const MEMBERSHIP_FOLD_TARGETS: Record<string, string> = {
  membershipFold10kMs: '≤ 100',
  membershipIngest10kMs: '',
};
