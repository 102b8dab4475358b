// The guard between a framed data channel and y-webrtc (src-shared/sync/channel-guard.ts), attacked
// with what a hostile peer can send as whole messages: unknown or malformed ones, oversized ones,
// more bytes than the connection's budget, updates outside the document's shape. And the honest
// way out: a big sync answer leaves in parts that a guarded peer takes and rebuilds.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import type { ByteBudgetLimits } from '../../src-shared/sync/byte-budget';
import {
  ChannelGuard,
  MAX_UPDATE_MESSAGE_BYTES,
  RECEIVE_BUDGET,
  type GuardVerdict,
} from '../../src-shared/sync/channel-guard';
import { logContent, logOfSize } from '../support/bucket-docs';
import { patterned } from '../support/patterned-bytes';
import { mulberry32 } from '../support/seeded-random';
import { decodeStructs } from '../support/update-surgery';

const KiB = 1024;
const MiB = 1024 * KiB;
// y-webrtc's message types and y-protocols' sync steps.
const SYNC = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 3;
const STEP_1 = 0;
const STEP_2 = 1;
const UPDATE = 2;

/** A message: varuints, then each byte array with its length, then any raw trailing bytes. */
function message(uints: number[], arrays: Uint8Array[] = [], trailing: number[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of uints) encoding.writeVarUint(encoder, n);
  for (const a of arrays) encoding.writeVarUint8Array(encoder, a);
  for (const b of trailing) encoding.writeUint8(encoder, b);
  return encoding.toUint8Array(encoder);
}

/** A guard for a circle log with a clock the test moves. */
function guardAt(limits: ByteBudgetLimits = RECEIVE_BUDGET, doc?: Y.Doc) {
  const clock = { now: 0 };
  return { guard: new ChannelGuard(CIRCLE_LOG_SHAPE, doc, limits, () => clock.now), clock };
}

/** A well-formed awareness update (one client, a JSON string state) of exactly `size` bytes. */
function awarenessOf(size: number): Uint8Array {
  for (let pad = size; pad > 0; pad--) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 7);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify('x'.repeat(pad)));
    const bytes = encoding.toUint8Array(encoder);
    if (bytes.length === size) return bytes;
  }
  throw new Error(`no awareness update of ${size} bytes`);
}

const closedFor = (verdict: GuardVerdict) => ('close' in verdict ? verdict.close : 'delivered');

/** A circle-log update adding one record in one bucket. */
function recordUpdate(size = 200): Uint8Array {
  const doc = new Y.Doc();
  const bucket = new Y.Array<Uint8Array>();
  doc.getMap('buckets').set('alice:0', bucket);
  bucket.push([patterned(size, 1)]);
  return Y.encodeStateAsUpdate(doc);
}

describe('messages a hostile peer may send: refused, and the connection closed', () => {
  it.each([
    ['an empty message', 'malformed', new Uint8Array(0)],
    ['an unknown message type', 'unknown-message', message([9])],
    ['a y-webrtc type Hearth never sends (auth, 2)', 'unknown-message', message([2, 0])],
    ['an unknown sync step', 'unknown-message', message([SYNC, 7], [recordUpdate()])],
    ['a sync message cut short', 'malformed', message([SYNC])],
    ['a query with trailing bytes', 'malformed', message([QUERY_AWARENESS], [], [0])],
    ['awareness with trailing bytes', 'malformed', message([AWARENESS], [new Uint8Array(8)], [1])],
    [
      'a state vector with trailing bytes',
      'malformed',
      message([SYNC, STEP_1], [Y.encodeStateVector(new Y.Doc())], [0]),
    ],
    ['an update with trailing bytes', 'malformed', message([SYNC, UPDATE], [recordUpdate()], [0])],
    // 0xff bytes never end a varint: no reader gets past the first field.
    [
      'an update that is no update',
      'malformed',
      message([SYNC, UPDATE], [new Uint8Array(100).fill(0xff)]),
    ],
    [
      'an update of 1 MiB + 1',
      'oversized',
      message([SYNC, UPDATE], [new Uint8Array(MAX_UPDATE_MESSAGE_BYTES + 1)]),
    ],
    [
      'a sync answer of 1 MiB + 1',
      'oversized',
      message([SYNC, STEP_2], [new Uint8Array(MAX_UPDATE_MESSAGE_BYTES + 1)]),
    ],
    ['awareness of 64 KiB + 1', 'oversized', message([AWARENESS], [new Uint8Array(64 * KiB + 1)])],
    [
      'a state vector of 64 KiB + 1',
      'oversized',
      message([SYNC, STEP_1], [new Uint8Array(64 * KiB + 1)]),
    ],
  ] as const)('%s -> %s', (_name, problem, bytes) => {
    expect(closedFor(guardAt().guard.inbound(bytes))).toBe(problem);
  });

  it('the limits themselves are let through: 1 MiB updates are judged, 64 KiB awareness passes', () => {
    const { guard } = guardAt();
    // Exactly 1 MiB is not refused for its size (these bytes are no update, so they are refused).
    expect(
      closedFor(
        guard.inbound(
          message([SYNC, UPDATE], [new Uint8Array(MAX_UPDATE_MESSAGE_BYTES).fill(0xff)]),
        ),
      ),
    ).toBe('malformed');
    expect(closedFor(guard.inbound(message([AWARENESS], [awarenessOf(64 * KiB)])))).toBe(
      'delivered',
    );
    // Bytes that are no awareness update (y-webrtc would throw on them) are refused.
    expect(closedFor(guard.inbound(message([AWARENESS], [new Uint8Array(64 * KiB)])))).toBe(
      'malformed',
    );
    expect(closedFor(guard.inbound(message([SYNC, STEP_1], [new Uint8Array(64 * KiB)])))).toBe(
      'delivered',
    );
    expect(closedFor(guard.inbound(message([QUERY_AWARENESS])))).toBe('delivered');
  });

  it('an update outside the document shape closes the connection with the problem', () => {
    const foreign = new Y.Doc();
    foreign.getMap('elsewhere').set('k', patterned(10, 1));
    const bytes = message([SYNC, UPDATE], [Y.encodeStateAsUpdate(foreign)]);
    expect(closedFor(guardAt().guard.inbound(bytes))).toBe('foreign-root');
  });

  it("an update replacing another writer's bucket is refused against the document", () => {
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, recordUpdate());
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(receiver));
    const before = Y.encodeStateVector(attacker);
    attacker.getMap('buckets').set('alice:0', new Y.Array());
    attacker.getMap('buckets').delete('alice:0');
    const bytes = message([SYNC, UPDATE], [Y.encodeStateAsUpdate(attacker, before)]);
    expect(closedFor(guardAt(RECEIVE_BUDGET, receiver).guard.inbound(bytes))).toBe('rewrite');
  });

  it("a peer's delete in a circle log is passed on without it, the rest of the update kept", () => {
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, recordUpdate());
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(receiver));
    const before = Y.encodeStateVector(attacker);
    attacker.transact(() => {
      attacker.getMap('buckets').delete('alice:0');
      const mine = new Y.Array<Uint8Array>();
      attacker.getMap('buckets').set('mallory:0', mine);
      mine.push([patterned(50, 2)]);
    });
    const update = Y.encodeStateAsUpdate(attacker, before);
    const verdict = guardAt(RECEIVE_BUDGET, receiver).guard.inbound(
      message([SYNC, UPDATE], [update]),
    );
    expect('deliver' in verdict).toBe(true);
    if (!('deliver' in verdict)) return;
    const decoder = decoding.createDecoder(verdict.deliver);
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([SYNC, UPDATE]);
    const delivered = decoding.readVarUint8Array(decoder);
    expect(Y.decodeUpdate(delivered).ds.clients.size).toBe(0);
    expect(decodeStructs(delivered)).toHaveLength(decodeStructs(update).length);
    Y.applyUpdate(receiver, delivered);
    expect(Object.keys(logContent(receiver))).toEqual(['alice:0', 'mallory:0']);
  });
});

describe('the receive budget', () => {
  const awareness64 = message([AWARENESS], [awarenessOf(64 * KiB)]);

  it('more than the burst at once closes the connection; time gives bytes back', () => {
    const { guard, clock } = guardAt({ burst: MiB, perSecond: 128 * KiB });
    const fit = Math.floor(MiB / awareness64.length);
    for (let i = 0; i < fit; i++)
      expect(closedFor(guard.inbound(awareness64)), `${i}`).toBe('delivered');
    expect(closedFor(guard.inbound(awareness64))).toBe('over-budget');
    clock.now += 1000;
    expect(closedFor(guard.inbound(awareness64))).toBe('delivered');
    expect(closedFor(guard.inbound(awareness64))).toBe('delivered');
  });

  it('by default a peer sending 1 MiB/s goes on for ever; one sending 2 MiB/s is cut off in ~96 s', () => {
    const perSecond = (rate: number, seconds: number) => {
      const { guard, clock } = guardAt();
      const messages = Math.round(rate / awareness64.length);
      for (let second = 0; second < seconds; second++, clock.now += 1000)
        for (let i = 0; i < messages; i++)
          if ('close' in guard.inbound(awareness64)) return { closedAt: second };
      return { closedAt: null };
    };
    expect(RECEIVE_BUDGET).toEqual({ burst: 96 * MiB, perSecond: MiB });
    expect(perSecond(MiB - awareness64.length, 300)).toEqual({ closedAt: null });
    const { closedAt } = perSecond(2 * MiB, 300);
    expect(closedAt).toBeGreaterThanOrEqual(90);
    expect(closedAt).toBeLessThanOrEqual(100);
  });
});

describe('a big sync answer goes out in parts a guarded peer takes', () => {
  const doc = logOfSize(5 * MiB, mulberry32(5));
  const answer = (() => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC);
    syncProtocol.writeSyncStep2(encoder, doc); // as y-webrtc answers a newcomer
    return encoding.toUint8Array(encoder);
  })();
  const parts = new ChannelGuard(CIRCLE_LOG_SHAPE).outbound(answer);
  const stepOf = (part: Uint8Array) => {
    const decoder = decoding.createDecoder(part);
    decoding.readVarUint(decoder);
    return decoding.readVarUint(decoder);
  };

  it('parts of at most 1 MiB + header; only the last is the sync answer', () => {
    expect(answer.length).toBeGreaterThan(5 * MiB);
    expect(parts.length).toBeGreaterThanOrEqual(5);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(MAX_UPDATE_MESSAGE_BYTES + 8);
    expect(parts.map(stepOf)).toEqual([...parts.slice(1).map(() => UPDATE), STEP_2]);
  });

  it('each part passes a receiving guard unchanged, and they rebuild the same document', () => {
    const receiver = new Y.Doc();
    const { guard } = guardAt(RECEIVE_BUDGET, receiver);
    for (const [i, part] of parts.entries()) {
      const verdict = guard.inbound(part);
      // The very bytes sent: an honest log has no deletes to take out.
      expect('deliver' in verdict && verdict.deliver === part, `part ${i}`).toBe(true);
      syncProtocol.readSyncMessage(
        decoding.createDecoder(part.subarray(1)),
        encoding.createEncoder(),
        receiver,
        null,
      );
    }
    expect(logContent(receiver)).toEqual(logContent(doc));
  });

  it('small messages and a big update go out as they are or as updates', () => {
    const guard = new ChannelGuard(CIRCLE_LOG_SHAPE);
    const small = message([SYNC, UPDATE], [recordUpdate()]);
    expect(guard.outbound(small)).toEqual([small]);
    const big = message([SYNC, UPDATE], [Y.encodeStateAsUpdate(doc)]);
    const updates = guard.outbound(big);
    expect(updates.length).toBe(parts.length);
    expect(new Set(updates.map(stepOf))).toEqual(new Set([UPDATE]));
  });
});
