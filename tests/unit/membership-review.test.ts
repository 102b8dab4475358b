// Security review of issue 15's membership protocol, tried as the attacker would: a demoted
// facilitator, a removed member, a co-facilitator with a hidden reader, a member flooding the
// graph. A test marked `it.fails` shows a hole that is still open (the assertion states what must
// hold once it is closed); the rest hold today and guard what was checked.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { draftRecord, draftRekeyBody, foundCircle } from '../../src-shared/circle/founding';
import { CircleLedger } from '../../src-shared/circle/ledger';
import { MembershipDag } from '../../src-shared/circle/membership-dag';
import type * as MembershipModule from '../../src-shared/circle/membership';
import { verifyWelcomeKeys } from '../../src-shared/circle/welcome-chain';
import { makeKnock, openAnswer, openKnock, sealWelcome } from '../../src-shared/circle/lobby';
import { generateEpochKeys, randomId } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { recordHash } from '../../src-shared/records/record-hash';
import type { RecordContent, RecordKind, RecordOf } from '../../src-shared/records/schema';
import { envelopeKey, sealRecord } from '../../src-shared/records/seal';
import { HandoverRooms } from '../../src-renderer/services/circles/handover-rooms';
import { Rekeys } from '../../src-renderer/services/circles/rekeys';
import type { OpenRoom, RoomLike } from '../../src-renderer/services/circles/room-connection';
import { LobbyResponder } from '../../src-renderer/services/circles/lobby-responder';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import { newKeys, SimMember } from '../support/circle-sim';

const T0 = 1_700_000_000_000;
/** "Now" for records an attacker writes long after the rest: later than everything it names. */
const LATER = T0 + 3_600_000;

beforeAll(loadSodium);

/** Membership nodes handed to the fold, over the whole file (see "floods"). */
const folded = vi.hoisted(() => ({ nodes: 0 }));
vi.mock('../../src-shared/circle/membership', async (importOriginal) => {
  const real = await importOriginal<typeof MembershipModule>();
  return {
    ...real,
    foldMembership: (...args: Parameters<typeof real.foldMembership>) => {
      folded.nodes += args[1].length;
      return real.foldMembership(...args);
    },
    extendMembership: (...args: Parameters<typeof real.extendMembership>) => {
      folded.nodes += args[1].length;
      return real.extendMembership(...args);
    },
  };
});

/** Founder F; Bo promoted to co-facilitator; then plain members Pat and Xan. Everyone saw it all. */
function circle() {
  const c = foundCircle({ name: 'Circle', description: '', displayName: 'F' }, T0);
  const f = new SimMember(c.keys, c.genesis);
  const inv = f.invite({ maxUses: null });
  const sim = () => new SimMember(newKeys(), c.genesis);
  const [b, pat, xan] = [sim(), sim(), sim()];
  const bIn = f.admit(b.keys, inv, 'Bo');
  const promoteB = f.setRole(b, 'facilitator');
  const shared: RecordContent[] = [inv, bIn, promoteB];
  const patIn = f.admit(pat.keys, inv, 'Pat');
  shared.push(patIn, f.admit(xan.keys, inv, 'Xan'));
  for (const s of [b, pat, xan]) s.receive(shared);
  return { c, f, b, pat, xan, inv, promoteB, patIn, shared };
}

/**
 * A record by `by` at a causal position it picks: naming only `prev` (old records), at its next
 * sequence number, stamped LATER. Nothing in the protocol makes an author name what it has seen.
 */
function writeAt<K extends RecordKind>(
  by: SimMember,
  prev: readonly RecordContent[],
  kind: K,
  body: RecordOf<K>['body'],
  id?: string,
): RecordOf<K> {
  const who = {
    circleId: by.ledger.circleId,
    epoch: by.ledger.epochs.length,
    keys: by.keys,
    seq: by.ledger.nextSeq(by.key),
    prev: prev.map(recordHash),
  };
  const r = draftRecord(who, kind, body, LATER, id);
  by.ledger.ingest([r]);
  return r;
}

/** `n` records of `kind` by `by` at seq 1..n: a chain from `after`, or each naming a hash that never comes. */
function run<K extends RecordKind>(
  by: SimMember,
  kind: K,
  n: number,
  after: string | null,
  body: (seq: number) => RecordOf<K>['body'],
): RecordOf<K>[] {
  const out: RecordOf<K>[] = [];
  for (let seq = 1, last = after; seq <= n; seq++) {
    const prev = [last ?? randomId()];
    const who = { circleId: by.ledger.circleId, epoch: 0, keys: by.keys, seq, prev };
    out.push(draftRecord(who, kind, body(seq), LATER + seq));
    if (after !== null) last = recordHash(out[out.length - 1]!);
  }
  return out;
}

const fresh = (genesis: RecordOf<'genesis'>, records: readonly RecordContent[]) => {
  const l = new CircleLedger(genesis);
  l.ingest(records);
  return l;
};

describe('an ex-facilitator', () => {
  it('a demoted facilitator cannot still remove a member by naming only records from before the demotion', () => {
    const { c, f, b, pat, patIn, shared } = circle();
    const demote = f.setRole(b, 'member');
    b.receive([demote]);
    expect(b.ledger.isFacilitator(b.key)).toBe(false);
    // Bo names Pat's admission (after his promotion) as all he has seen: his record sorts before
    // the demotion, and nothing says an author must name what it has seen.
    const removal = writeAt(b, [patIn], 'remove', { member: pat.key, reason: 'x', upTo: 0 });
    const peer = fresh(c.genesis, [...shared, demote, removal]);
    expect(peer.isFacilitator(b.key)).toBe(false);
    expect(peer.members.has(pat.key)).toBe(true);
  });

  it('control: a removed facilitator cannot do it (the removal cuts his later numbers)', () => {
    const { c, f, b, pat, patIn, shared } = circle();
    const removeB = f.remove(b);
    b.receive([removeB]);
    const removal = writeAt(b, [patIn], 'remove', { member: pat.key, reason: 'x', upTo: 0 });
    const peer = fresh(c.genesis, [...shared, removeB, removal]);
    expect(peer.members.has(pat.key)).toBe(true);
  });

  it.fails('a welcome chain proves no epoch forged by a facilitator it shows removed', () => {
    const { c, f, b, promoteB } = circle();
    const removeB = f.remove(b);
    const real = f.rekey();
    // Bo, removed, still holds epoch 0: he plants his own epoch 1, signed by himself.
    const planted = generateEpochKeys(1);
    const id = randomId();
    const body = draftRekeyBody(c.circleId, id, planted, recordHash(c.genesis), [b.key]);
    const forged = writeAt(b, [promoteB], 'rekey', body, id);
    const seal = (r: RecordContent, by: SimMember) =>
      sealRecord(r, by.keys.signSecretKey, c.epoch.contentKey);
    const chain = [seal(promoteB, f), seal(removeB, f), seal(real, f), seal(forged, b)];
    expect(verifyWelcomeKeys(c.genesis, [c.epoch, planted], chain)).toBeNull();
  });
});

describe('epochs', () => {
  /** Bo and Cy (promoted after him) rekey at once; then F removes Xan and starts epoch 2. */
  function rekeyRace() {
    const { c, f, b, xan, inv, shared } = circle();
    const cy = new SimMember(newKeys(), c.genesis);
    const more = [f.admit(cy.keys, inv, 'Cy'), f.setRole(cy, 'facilitator')];
    shared.push(...more);
    for (const s of [b, cy]) s.receive(shared);
    const byB = b.rekey();
    const byCy = cy.rekey();
    f.receive([byB, byCy]);
    const removeX = f.remove(xan);
    const second = f.rekey();
    const all = [...shared, byB, byCy, removeX, second];
    b.receive(all);
    return { c, f, b, cy, xan, all, byB, second };
  }

  it('control: epoch 2 follows the senior of the two epoch-1 rekeys and holds no key for Xan', () => {
    const { c, all, byB, second, xan } = rekeyRace();
    const peer = fresh(c.genesis, all);
    expect(peer.epochs.map((e) => e.hash)).toEqual([recordHash(byB), recordHash(second)]);
    expect(second.body.lockboxes.some((box) => box.to === xan.key)).toBe(false);
  });

  it('the winner of a past epoch does not change when its author later leaves (no fall back to keys Xan holds)', () => {
    const { c, b, all, xan } = rekeyRace();
    const leave = b.write('leave', {});
    const peer = fresh(c.genesis, [...all, leave]);
    expect(peer.epochs).toHaveLength(2);
    const current = peer.epochs[peer.epochs.length - 1]!.record;
    expect(current.body.lockboxes.some((box) => box.to === xan.key)).toBe(false);
  });

  it('a rekey with a lockbox for a non-member (a hidden reader) is void', () => {
    const { c, b, shared } = circle();
    const outsider = newKeys();
    const keys = generateEpochKeys(1);
    const id = randomId();
    const to = [...b.ledger.members.keys(), new SimMember(outsider, c.genesis).key];
    const body = draftRekeyBody(c.circleId, id, keys, b.ledger.genesisHash, to);
    const rekey = b.write('rekey', body, undefined, id);
    const peer = fresh(c.genesis, [...shared, rekey]);
    expect(peer.rekeys).toHaveLength(0);
  });

  it('a member admitted concurrently with a rekey is not left without the new keys', () => {
    vi.useFakeTimers();
    try {
      const { c, f, b, inv } = circle();
      const late = new SimMember(newKeys(), c.genesis);
      const admitted = f.admit(late.keys, inv, 'Late');
      const rekey = b.rekey(); // Bo had not seen the admission
      f.receive([rekey]);
      expect(f.ledger.members.has(late.key)).toBe(true);
      expect(f.ledger.epochs[0]!.record.body.lockboxes.some((x) => x.to === late.key)).toBe(false);
      expect(admitted.epoch).toBe(0); // her welcome holds epoch 0 only
      const written: unknown[] = [];
      const rekeys = new Rekeys(f.ledger, f.key, (body) => written.push(body));
      rekeys.ifNeeded();
      vi.advanceTimersByTime(60_000);
      rekeys.stop();
      // Someone must seal the current keys to her (a rekey, or another way); today nobody does.
      expect(written.length).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('floods', () => {
  it('a flood of records naming hashes that never come does not make a peer lose an honest removal for good', () => {
    const { c, f, pat, xan, shared } = circle();
    const before = f.write('rename', { displayName: 'F.' });
    const removeX = f.remove(xan);
    const victim = fresh(c.genesis, shared);
    victim.ingest([removeX]); // arrived before what it names: it waits
    const junk = run(pat, 'rename', 10_001, null, () => ({ displayName: 'P' }));
    victim.ingest(junk);
    victim.ingest([before]);
    victim.ingest([removeX]); // sent again by the sync: still nothing
    expect(fresh(c.genesis, [...shared, before, removeX]).members.has(xan.key)).toBe(false);
    expect(victim.members.has(xan.key)).toBe(false);
  });

  it('a chain of void role records by a plain member costs at most a bit per pair of them', () => {
    const { c, shared, pat } = circle();
    const dag = new MembershipDag();
    dag.offer(c.genesis, recordHash(c.genesis));
    for (const r of shared) dag.offer(r, recordHash(r));
    const N = 2_000;
    const top = recordHash(shared[shared.length - 1]!);
    const role = { member: pat.key, role: 'facilitator', upTo: 0 } as const;
    for (const r of run(pat, 'role', N, top, () => role)) dag.offer(r, recordHash(r));
    let bytes = 0;
    const distinct = new Set<unknown>();
    for (const n of dag.inOrder()) {
      if (distinct.has(n.authorityPast)) continue;
      distinct.add(n.authorityPast);
      bytes += (n.authorityPast as unknown as { bits: Uint32Array }).bits.byteLength;
    }
    // Sets of hashes copied per link held about 2,000,000 entries (some 100 MB) here; bitsets
    // hold one bit per pair: N^2/8 = 500 KB, with a word of rounding per link.
    expect(bytes).toBeLessThan((N * N) / 8 + 8 * N + 4_096);
  });
});

describe('a removed member with a share code', () => {
  it('cannot hand a newcomer a welcome that ends at an epoch he still reads', () => {
    const { c, f, xan } = circle();
    f.remove(xan);
    f.rekey(); // epoch 1: Xan has no key of it
    const invite = f.invite({ maxUses: 1 }); // made after the removal; its code reaches Xan
    const newcomer = newKeys();
    const { requestId, bytes } = makeKnock(newcomer, 'Nia', invite.body.inviteId);
    const knock = openKnock(bytes, invite.body.inviteId)!;
    // Every key in it is genuine (epoch 0, proven by the genesis): only it is not the newest.
    const stale = sealWelcome(knock, c.genesisSigned, [c.epoch], []);
    const { epoch, hash } = f.ledger.epochs.at(-1)!; // what the code pins (circle-facilitation.ts)
    const code = { genesisFingerprint: c.fingerprint, pin: { epoch, hash } };
    const opened = openAnswer(stale, newcomer, requestId, code);
    expect(opened.ok && opened.kind === 'welcome').toBe(false);
  });
});

/** Opens rooms that connect nowhere, handing each one's document to `docs`. */
const roomsInto =
  (docs: Y.Doc[]): OpenRoom =>
  (options) => {
    docs.push(options.doc);
    const room = { peerCount: 1, signalingReachable: true, onSynced: () => {}, destroy: () => {} };
    return room as unknown as RoomLike;
  };

describe('handover rooms', () => {
  /** A handover room holding one sealed rekey; `doc` is the room's document as peers see it. */
  function handoverWithRekey() {
    const { c, f } = circle();
    const sealed = sealRecord(f.rekey(), f.keys.signSecretKey, c.epoch.contentKey);
    const key = envelopeKey(sealed)!;
    const docs: Y.Doc[] = [];
    const rooms = new HandoverRooms(
      roomsInto(docs),
      () => ({ signalingUrls: [], iceServers: [] }),
      () => {},
    );
    const membership = new Map([[key, sealed]]);
    rooms.update([c.epoch], membership);
    /** What a peer in the room (Xan, removed at this epoch) does to the document. */
    const remotely = (change: (records: Y.Map<Uint8Array>) => void) => {
      const theirs = new Y.Doc();
      Y.applyUpdate(theirs, Y.encodeStateAsUpdate(docs[0]!));
      change(theirs.getMap<Uint8Array>('records'));
      Y.applyUpdate(docs[0]!, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(docs[0]!)));
    };
    const again = () => rooms.update([c.epoch], membership);
    return { rooms, key, sealed, remotely, again, records: docs[0]!.getMap<Uint8Array>('records') };
  }

  it('control: a rekey deleted from the room is put back', () => {
    const { rooms, key, sealed, remotely, again, records } = handoverWithRekey();
    remotely((r) => r.delete(key));
    again();
    expect(records.get(key)).toEqual(sealed);
    rooms.destroy();
  });

  it('junk written over a rekey in the room is replaced, so the offline can follow', () => {
    const { rooms, key, sealed, remotely, again, records } = handoverWithRekey();
    remotely((r) => r.set(key, new Uint8Array([1, 2, 3])));
    again();
    expect(records.get(key)).toEqual(sealed);
    rooms.destroy();
  });
});

describe('floods, record by record', () => {
  it('records arriving one at a time cost linear fold work, not a full refold each', () => {
    const { c, shared, pat } = circle();
    const peer = fresh(c.genesis, shared);
    const N = 1_000;
    const top = recordHash(shared[shared.length - 1]!);
    const renames = run(pat, 'rename', N, top, (seq) => ({ displayName: `P${seq}` }));
    const before = folded.nodes;
    for (const r of renames) peer.ingest([r]); // as a member sends them, one per update
    expect(peer.members.get(pat.key)?.displayName).toBe(`P${N}`);
    // Today each one folds the whole graph again: about 500,000 nodes for 1,000 records.
    expect(folded.nodes - before).toBeLessThan(20 * N);
  });
});

describe('an ex-facilitator undoing his own acts', () => {
  /** Bo removes Xan and starts epoch 1 without her; then F removes Bo. */
  function boRemovedXan() {
    const { c, f, b, xan, shared } = circle();
    const removeX = b.remove(xan);
    const epoch1 = b.rekey();
    f.receive([removeX, epoch1]);
    const all = [...shared, removeX, epoch1, f.remove(b)];
    expect(fresh(c.genesis, all).members.has(xan.key)).toBe(false);
    /** Out of the circle, Bo signs another record under the sequence number of his own `r`. */
    const twinOf = (r: RecordContent) => {
      const who = { circleId: c.circleId, epoch: 0, keys: b.keys, seq: r.seq, prev: r.prev };
      return draftRecord(who, 'rename', { displayName: 'Bo' }, LATER);
    };
    return { c, b, xan, all, removeX, epoch1, twinOf };
  }

  it('a removed facilitator cannot undo his removal of Xan by a twin of its number', () => {
    const { c, b, xan, all, removeX, twinOf } = boRemovedXan();
    const peer = fresh(c.genesis, [...all, twinOf(removeX)]);
    expect(peer.forkedAuthors.has(b.key)).toBe(true);
    expect(peer.members.has(xan.key)).toBe(false);
  });

  it('a removed facilitator cannot undo his rekey by a twin under its number', () => {
    const { c, all, epoch1, twinOf } = boRemovedXan();
    const peer = fresh(c.genesis, [...all, twinOf(epoch1)]);
    expect(peer.epochs.map((e) => e.hash)).toEqual([recordHash(epoch1)]);
  });
});

describe('the approval queue', () => {
  it('fifty throwaway knocks do not keep a real newcomer out of the queue', () => {
    const { c, f } = circle();
    const invite = f.invite({ maxUses: 1 });
    const session = {
      ledger: f.ledger,
      myKey: f.key,
      secrets: { genesisSigned: c.genesisSigned },
    };
    const docs: Y.Doc[] = [];
    const responder = new LobbyResponder(
      session as unknown as CircleSession,
      invite.body.inviteId,
      { signalingUrls: [], iceServers: [] },
      roomsInto(docs),
      () => {},
    );
    const knocks = docs[0]!.getMap<Uint8Array>('knocks');
    const knockAs = (name: string) => {
      const { requestId, bytes } = makeKnock(newKeys(), name, invite.body.inviteId);
      knocks.set(requestId, bytes);
      return requestId;
    };
    for (let i = 0; i < 50; i++) knockAs(`Spam ${i}`); // anyone who saw the code
    expect(responder.has(knockAs('Nia'))).toBe(true);
    responder.destroy();
  });
});
