// Fuzzing framed data-channel messages (issue 16): frames of random bytes, honest frames changed
// (bit flips, cuts, splices, header fields at extremes: magic, message id, index, count), and
// frames written to the framing's rules but hostile (many messages started, parts claimed and
// never sent, sizes just under and over the limits), mixed with an honest message's frames.
// - The Reassembler never throws, never holds more than MAX_PARTIAL_BYTES at any step (read
//   from framing.ts's exported limits, as the lead tunes them), never hands out a message over
//   MAX_MESSAGE_BYTES, and an honest message arrives whole unless a problem was reported (on
//   which the channel is closed).
// - A FramedDataChannel over a fake platform channel, guarded as in the app, never throws from
//   its platform handler, hands out only whole messages within the limit, and once it has cut a
//   peer off it closes the channel, holds nothing and hands out nothing more.
// Seeded: a failure names its seed; HEARTH_SEED=<n> replays that case alone.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import { ChannelGuard } from '../../src-shared/sync/channel-guard';
import { FramedDataChannel, type PlatformDataChannel } from '../../src-shared/sync/framed-channel';
import {
  FRAME_HEADER_BYTES,
  MAX_FRAME_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_PARTIAL_BYTES,
  MAX_PARTIAL_MESSAGES,
  Reassembler,
  splitIntoFrames,
  type FrameProblem,
} from '../../src-shared/sync/framing';
import { expectEveryKind, FUZZ_TIMEOUT_MS, fuzzTitle, runCases } from '../support/fuzz-cases';
import { below, mutate, pick, randomBytes, skewedLength } from '../support/fuzz-mutate';
import { frame, PAYLOAD } from '../support/frames';
import { patterned } from '../support/patterned-bytes';

/** The header fields an attacker sets to extremes: magic, message id, index, count. */
const HEADER_FIELDS = [
  { offset: 0, width: 1 as const },
  { offset: 1, width: 4 as const },
  { offset: 5, width: 2 as const },
  { offset: 7, width: 2 as const },
];
/** Frames the largest message takes: a hostile count just under, at and over it. */
const FRAMES_PER_MESSAGE = Math.ceil(MAX_MESSAGE_BYTES / PAYLOAD);

/** Bytes to take payloads from: made once, since payloads of up to 2 MiB are taken each case. */
const FILLER = new Uint8Array(patterned(MAX_MESSAGE_BYTES + 2 * MAX_FRAME_BYTES, 16));

/** A payload of `n` bytes (a view: frames and messages copy it), from a seeded place. */
const payloadOf = (rand: () => number, n: number) => {
  const at = below(rand, FILLER.length - n + 1);
  return FILLER.subarray(at, at + n);
};

/** A payload size: mostly small, sometimes a full frame or one byte past it. */
const payloadSize = (rand: () => number) =>
  rand() < 0.9 ? skewedLength(rand, 4096) : pick(rand, [PAYLOAD, PAYLOAD + 1, 0]);

/** One hostile frame written to the rules: claims, ids and indexes chosen to hurt. */
function structuredFrame(rand: () => number, ids: readonly number[]): Uint8Array {
  const count = pick(rand, [
    2,
    FRAMES_PER_MESSAGE,
    FRAMES_PER_MESSAGE + 1,
    0xffff,
    1 + below(rand, 16),
    0,
  ]);
  const index = pick(rand, [0, count - 1, count, below(rand, Math.max(1, count))]);
  const id = rand() < 0.7 ? pick(rand, ids) : below(rand, 2 ** 32);
  return frame(id, Math.max(0, index) & 0xffff, count, payloadOf(rand, payloadSize(rand)));
}

/** A frame of the case: random bytes, a changed honest frame, or a hostile one to the rules. */
function hostileFrame(rand: () => number, honest: readonly Uint8Array[], ids: readonly number[]) {
  switch (below(rand, 4)) {
    case 0:
      return randomBytes(rand, skewedLength(rand, 300));
    case 1: {
      const valid = pick(rand, honest);
      return mutate(rand, valid, honest, HEADER_FIELDS).bytes;
    }
    default:
      return structuredFrame(rand, ids);
  }
}

/** An honest message and its frames, of a size chosen to matter: small, or a few frames. */
function honestMessage(rand: () => number, id: number) {
  const size =
    rand() < 0.1 ? MAX_MESSAGE_BYTES : pick(rand, [1 + below(rand, 200), PAYLOAD * 2 + 1]);
  const message = payloadOf(rand, size);
  return { message, frames: splitIntoFrames(message, id) };
}

/** The same bytes (Buffer.compare: fast on big messages). */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

function reassemblerCase(rand: () => number): string {
  const problems: FrameProblem[] = [];
  const r = new Reassembler({}, (p) => problems.push(p));
  const ids = [1, 2, 3, 4, 0xffffffff].slice(0, 1 + MAX_PARTIAL_MESSAGES);
  const honest = honestMessage(rand, 7);
  const steps = 1 + below(rand, 16);
  const interleaved = [...honest.frames];
  let got: Uint8Array | null = null;
  // A peer can spoil only its own messages: one whose id a hostile frame used proves nothing.
  let spoiled = false;
  for (let step = 0; step < steps || interleaved.length > 0; step++) {
    const honestTurn = interleaved.length > 0 && rand() < 0.5;
    const f = honestTurn ? interleaved.shift()! : hostileFrame(rand, honest.frames, ids);
    if (!honestTurn && f.length >= 5 && new DataView(f.buffer, f.byteOffset).getUint32(1) === 7)
      spoiled = true;
    const out = r.accept(f);
    if (r.heldBytes > MAX_PARTIAL_BYTES) throw new Error(`held ${r.heldBytes} bytes`);
    if (out === null) continue;
    expect(out.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    if (same(out, honest.message)) got = out;
  }
  if (problems.length === 0 && !spoiled) expect(got, 'the honest message was lost').not.toBeNull();
  return problems.length === 0 ? 'clean' : `problem-${problems[0]}`;
}

/** A platform data channel that records what the framed channel does with it. */
class FakePlatformChannel implements PlatformDataChannel {
  label = 'fuzz';
  readyState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType = 'blob';
  onmessage: PlatformDataChannel['onmessage'] = null;
  onbufferedamountlow: PlatformDataChannel['onbufferedamountlow'] = null;
  onopen: PlatformDataChannel['onopen'] = null;
  onclose: PlatformDataChannel['onclose'] = null;
  onerror: PlatformDataChannel['onerror'] = null;
  closeCalls = 0;

  send(): void {}

  close(): void {
    this.closeCalls++;
    this.readyState = 'closed';
  }
}

/** A y-webrtc sync update around an empty Yjs update: a message the guard lets through. */
const emptyUpdateMessage = encoding.encode((e) => {
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Uint8Array.of(0, 0));
});

/**
 * The bytes the framed channel's reassembler holds. Read through a cast: the channel does not
 * expose its reassembler, and the fuzzing must see its memory at every step.
 */
function heldBy(channel: FramedDataChannel): number {
  const r = (channel as unknown as { reassembler: unknown }).reassembler;
  if (!(r instanceof Reassembler)) throw new Error('the framed channel has no reassembler');
  return r.heldBytes;
}

/** Data a platform channel may hand over that is not an ArrayBuffer of frame bytes. */
const notBytes = (rand: () => number): unknown =>
  pick(rand, ['a string', null, undefined, 42, new Uint8Array(12), { byteLength: 9 }, new Blob()]);

function channelCase(rand: () => number): string {
  const raw = new FakePlatformChannel();
  const channel = new FramedDataChannel(raw, new ChannelGuard(CIRCLE_LOG_SHAPE));
  const delivered: ArrayBuffer[] = [];
  channel.onmessage = (e) => delivered.push(e.data);
  const honest = splitIntoFrames(emptyUpdateMessage, 7);
  const ids = [1, 2, 3, 7];
  let honestSent = false;
  let deliveredAfterCutOff = 0;
  for (let step = 1 + below(rand, 16); step > 0; step--) {
    const cutOff = channel.cutOffFor !== null;
    const before = delivered.length;
    if (rand() < 0.3) {
      for (const f of honest) raw.onmessage!({ data: f.slice().buffer });
      honestSent = !cutOff;
    } else if (rand() < 0.1) raw.onmessage!({ data: notBytes(rand) });
    else raw.onmessage!({ data: hostileFrame(rand, honest, ids).slice().buffer });
    if (cutOff) deliveredAfterCutOff += delivered.length - before;
    if (heldBy(channel) > MAX_PARTIAL_BYTES) throw new Error(`held ${heldBy(channel)} bytes`);
  }
  for (const m of delivered) {
    expect(m).toBeInstanceOf(ArrayBuffer);
    expect(m.byteLength).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  }
  if (channel.cutOffFor === null) {
    expect(raw.closeCalls).toBe(0);
    if (honestSent)
      expect(delivered.some((m) => same(new Uint8Array(m), emptyUpdateMessage))).toBe(true);
    return 'open';
  }
  expect(raw.closeCalls).toBeGreaterThan(0);
  expect(heldBy(channel)).toBe(0);
  expect(deliveredAfterCutOff).toBe(0);
  return 'cut-off';
}

describe('fuzzing framed data-channel messages', () => {
  it(
    fuzzTitle('the reassembler holds no more than its cap and loses no honest message silently'),
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      expect(MAX_FRAME_BYTES).toBeGreaterThan(FRAME_HEADER_BYTES);
      const tally = runCases('reassembler', reassemblerCase);
      expectEveryKind(tally, [
        'clean',
        'problem-truncated',
        'problem-bad-magic',
        'problem-bad-header',
        'problem-too-large',
      ]);
      expectEveryKind(tally, ['problem-evicted'], 10);
    },
  );

  it(
    fuzzTitle('a framed channel cuts a hostile peer off and then holds and hands out nothing'),
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      const tally = runCases('framed channel', channelCase);
      expectEveryKind(tally, ['open', 'cut-off']);
    },
  );

  // Found by the fuzzing above (seed 957): when a frame that starts a new message evicted the
  // oldest one, the reassembler reported 'evicted', the framed channel cut the peer off and
  // cleared the reassembler, and then the reassembler stored that frame anyway.
  it('a channel that cuts a peer off for an eviction holds nothing afterwards', () => {
    const raw = new FakePlatformChannel();
    const channel = new FramedDataChannel(raw, new ChannelGuard(CIRCLE_LOG_SHAPE));
    for (let id = 1; id <= MAX_PARTIAL_MESSAGES + 1; id++)
      raw.onmessage!({
        data: frame(
          id,
          0,
          2,
          payloadOf(() => 0.5, PAYLOAD),
        ).buffer,
      });
    expect(channel.cutOffFor).toBe('evicted');
    expect(heldBy(channel)).toBe(0);
  });
});
