import { describe, it, expect } from 'vitest';
import { collecting, frame, fullFrame, PAYLOAD, same, writeHeader } from '../support/frames';
import { patterned } from '../support/patterned-bytes';
import { mulberry32, shuffle } from '../support/seeded-random';
import {
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  MAX_FRAME_BYTES,
  MAX_FRAMES_PER_MESSAGE,
  MAX_MESSAGE_BYTES,
  MAX_PARTIAL_BYTES,
  MAX_PARTIAL_MESSAGES,
  splitIntoFrames,
  type FrameProblem,
} from '../../src-shared/sync/framing';

const MiB = 1024 * 1024;

describe('splitIntoFrames + Reassembler', () => {
  it("keeps every frame under Chromium's 256 KiB data-channel limit (yjs/y-webrtc#20)", () => {
    const frames = splitIntoFrames(patterned(MAX_MESSAGE_BYTES, 3), 1);
    expect(Math.max(...frames.map((f) => f.length))).toBeLessThan(256 * 1024);
    expect(MAX_FRAME_BYTES).toBeLessThan(256 * 1024);
  });

  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['exactly one payload', PAYLOAD],
    ['one payload + 1', PAYLOAD + 1],
    ['1 MiB', MiB],
    ['the largest message, 2 MiB', MAX_MESSAGE_BYTES],
  ])('%s (%i bytes) splits and reassembles in order', (_name, size) => {
    const message = patterned(size, size + 1);
    const frames = splitIntoFrames(message, 77);
    expect(frames.length).toBe(Math.max(1, Math.ceil(size / PAYLOAD)));
    for (const [i, f] of frames.entries()) {
      expect(f.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      expect(f[0]).toBe(FRAME_MAGIC);
      const v = new DataView(f.buffer, f.byteOffset, f.byteLength);
      expect(v.getUint32(1)).toBe(77);
      expect(v.getUint16(5)).toBe(i);
      expect(v.getUint16(7)).toBe(frames.length);
      // All frames but the last are full.
      if (i < frames.length - 1) expect(f.length).toBe(MAX_FRAME_BYTES);
    }
    const { r, problems } = collecting();
    const results = frames.map((f) => r.accept(f));
    expect(results.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(same(results.at(-1)!, message)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('exact frame counts at the boundaries', () => {
    expect(splitIntoFrames(new Uint8Array(PAYLOAD), 1)).toHaveLength(1);
    expect(splitIntoFrames(new Uint8Array(PAYLOAD + 1), 1)).toHaveLength(2);
    expect(splitIntoFrames(new Uint8Array(2 * PAYLOAD), 1)).toHaveLength(2);
    expect(splitIntoFrames(new Uint8Array(0), 1)[0]!.length).toBe(FRAME_HEADER_BYTES);
    expect(splitIntoFrames(new Uint8Array(PAYLOAD + 1), 1)[1]!.length).toBe(FRAME_HEADER_BYTES + 1);
  });

  it('message ids wrap to u32 and reassemble', () => {
    const message = patterned(PAYLOAD * 2 + 5, 3);
    const frames = splitIntoFrames(message, -1);
    expect(new DataView(frames[0]!.buffer).getUint32(1)).toBe(0xffffffff);
    const { r } = collecting();
    expect(same(frames.map((f) => r.accept(f)).at(-1)!, message)).toBe(true);
  });

  it('frames the largest message in MAX_FRAMES_PER_MESSAGE frames and refuses a byte more', () => {
    expect(MAX_MESSAGE_BYTES).toBe(2 * MiB);
    expect(splitIntoFrames(new Uint8Array(MAX_MESSAGE_BYTES), 1)).toHaveLength(
      MAX_FRAMES_PER_MESSAGE,
    );
    // A peer would refuse it and cut us off, so it is not sent at all.
    expect(() => splitIntoFrames(new Uint8Array(MAX_MESSAGE_BYTES + 1), 1)).toThrow(RangeError);
  });

  it('frames out of order and interleaved between two messages reassemble both', () => {
    const rand = mulberry32(42);
    const a = patterned(MiB + 123, 11);
    const b = patterned(700_000, 22);
    const frames = shuffle([...splitIntoFrames(a, 1), ...splitIntoFrames(b, 2)], rand);
    const { r, problems } = collecting();
    const done: Uint8Array[] = [];
    for (const f of frames) {
      const out = r.accept(f);
      if (out) done.push(out);
    }
    expect(done).toHaveLength(2);
    const [gotA, gotB] =
      done.length === 2 && done[0]!.length === a.length ? done : [done[1]!, done[0]!];
    expect(same(gotA!, a)).toBe(true);
    expect(same(gotB!, b)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('duplicate frames are ignored', () => {
    const message = patterned(PAYLOAD * 3 + 10, 5);
    const frames = splitIntoFrames(message, 9);
    const { r, problems } = collecting();
    expect(r.accept(frames[0]!)).toBeNull();
    expect(r.accept(frames[0]!)).toBeNull();
    expect(r.accept(frames[2]!)).toBeNull();
    expect(r.accept(frames[1]!)).toBeNull();
    expect(r.accept(frames[2]!)).toBeNull();
    expect(same(r.accept(frames[3]!), message)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a duplicate with different content does not replace the first copy', () => {
    const message = patterned(PAYLOAD + 10, 6);
    const [f0, f1] = splitIntoFrames(message, 3);
    const { r } = collecting();
    r.accept(f0!);
    const evil = f0!.slice();
    evil[FRAME_HEADER_BYTES]! ^= 0xff;
    r.accept(evil);
    expect(same(r.accept(f1!), message)).toBe(true);
  });

  it('returned messages are copies: later changes to frames do not alter them', () => {
    const message = patterned(PAYLOAD + 10, 8);
    const frames = splitIntoFrames(message, 4);
    const { r } = collecting();
    r.accept(frames[0]!);
    frames[0]!.fill(0);
    const out = r.accept(frames[1]!);
    expect(same(out, message)).toBe(true);
    const single = splitIntoFrames(Uint8Array.of(1, 2, 3), 5)[0]!;
    const got = r.accept(single)!;
    single.fill(0);
    expect(Array.from(got)).toEqual([1, 2, 3]);
  });
});

describe('bad frames are reported, never thrown', () => {
  it.each([
    ['empty frame', 'truncated', new Uint8Array(0)],
    ['header minus one byte', 'truncated', frame(1, 0, 1).subarray(0, FRAME_HEADER_BYTES - 1)],
    ['bad magic', 'bad-magic', frame(1, 0, 1, Uint8Array.of(1), 0x00)],
    ['index == count', 'bad-header', frame(1, 2, 2)],
    ['index > count', 'bad-header', frame(1, 9, 2)],
    ['count 0', 'bad-header', frame(1, 0, 0)],
    [
      'frame larger than MAX_FRAME_BYTES',
      'bad-header',
      frame(1, 0, 2, new Uint8Array(PAYLOAD + 1)),
    ],
  ] as const)('%s -> %s', (_name, expected, bytes) => {
    const { r, problems } = collecting();
    expect(r.accept(bytes)).toBeNull();
    expect(problems).toEqual([expected]);
    expect(r.heldBytes).toBe(0);
  });

  it('a header-only single frame is a valid empty message', () => {
    const { r, problems } = collecting();
    expect(r.accept(frame(1, 0, 1, new Uint8Array(0)))).toEqual(new Uint8Array(0));
    expect(problems).toEqual([]);
  });

  it('a frame whose count disagrees with earlier frames of its message drops the message', () => {
    const message = patterned(PAYLOAD * 2 + 1, 9);
    const frames = splitIntoFrames(message, 5);
    const { r, problems } = collecting();
    r.accept(frames[0]!);
    expect(r.accept(frame(5, 1, 7))).toBeNull();
    expect(problems).toEqual(['bad-header']);
    // The earlier part was dropped, so the rest cannot complete the message.
    expect(r.accept(frames[1]!)).toBeNull();
    expect(r.accept(frames[2]!)).toBeNull();
  });

  it('frames inside a larger buffer (non-zero byteOffset) are read correctly', () => {
    const message = patterned(500, 10);
    const f = splitIntoFrames(message, 12)[0]!;
    const big = new Uint8Array(f.length + 13);
    big.set(f, 13);
    const { r } = collecting();
    expect(same(r.accept(big.subarray(13)), message)).toBe(true);
  });
});

describe('limits', () => {
  it('a single-frame message over maxMessageBytes is discarded', () => {
    const { r, problems } = collecting({ maxMessageBytes: 100 });
    expect(r.accept(frame(1, 0, 1, new Uint8Array(101)))).toBeNull();
    expect(problems).toEqual(['too-large']);
    expect(r.accept(frame(2, 0, 1, new Uint8Array(100)))!.length).toBe(100);
  });

  it('a multi-frame message over maxMessageBytes is discarded', () => {
    const message = patterned(PAYLOAD * 4, 12);
    const { r, problems } = collecting({ maxMessageBytes: 2 * PAYLOAD + 10 });
    const results = splitIntoFrames(message, 8).map((f) => r.accept(f));
    expect(results.every((x) => x === null)).toBe(true);
    expect(problems).toContain('too-large');
    expect(problems.every((p) => p === 'too-large')).toBe(true);
    // A message within the limit still gets through.
    const ok = patterned(2 * PAYLOAD, 13);
    expect(
      same(
        splitIntoFrames(ok, 9)
          .map((f) => r.accept(f))
          .at(-1)!,
        ok,
      ),
    ).toBe(true);
  });

  it('partial messages beyond maxPartialMessages evict the oldest', () => {
    const { r, problems } = collecting({ maxPartialMessages: 2 });
    const msgs = [1, 2, 3].map((id) => ({ id, bytes: patterned(PAYLOAD + 50, id) }));
    const frames = msgs.map(({ id, bytes }) => splitIntoFrames(bytes, id));
    for (const f of frames) expect(r.accept(f[0]!)).toBeNull();
    expect(problems).toEqual(['evicted']); // message 1 was evicted when 3 started
    expect(same(r.accept(frames[1]![1]!), msgs[1]!.bytes)).toBe(true);
    expect(same(r.accept(frames[2]![1]!), msgs[2]!.bytes)).toBe(true);
    // Message 1 lost its first frame: the rest of it never completes.
    expect(r.accept(frames[0]![1]!)).toBeNull();
    expect(problems).toEqual(['evicted']);
  });
});

describe('unfinished bytes per connection', () => {
  it('a peer starting many big messages and finishing none is held to maxPartialBytes', () => {
    const { r, problems } = collecting({ maxPartialBytes: 5 * PAYLOAD });
    // Each message would be 4 frames; only its first three are sent, so none ever completes.
    for (let id = 1; id <= 10; id++)
      for (const f of splitIntoFrames(patterned(4 * PAYLOAD, id), id).slice(0, 3))
        expect(r.accept(f)).toBeNull();
    // 30 frames went in; at most 5 frames' worth is held, so all but the newest were evicted.
    expect(problems.filter((p) => p === 'evicted')).toHaveLength(9);
    expect(problems.every((p) => p === 'evicted')).toBe(true);
    // The newest is still there and completes; an honest message after it still gets through.
    const newest = patterned(4 * PAYLOAD, 10);
    expect(same(r.accept(splitIntoFrames(newest, 10)[3]!), newest)).toBe(true);
    const message = patterned(4 * PAYLOAD + 1, 11);
    const frames = splitIntoFrames(message, 11);
    expect(same(frames.map((f) => r.accept(f)).at(-1)!, message)).toBe(true);
  });

  it('a message bigger than maxPartialBytes on its own is discarded as too large', () => {
    const { r, problems } = collecting({ maxPartialBytes: 2 * PAYLOAD });
    const results = splitIntoFrames(patterned(3 * PAYLOAD, 12), 12).map((f) => r.accept(f));
    expect(results.every((x) => x === null)).toBe(true);
    expect(problems[0]).toBe('too-large');
  });

  it('clear() forgets every unfinished message and the bytes it held', () => {
    const { r } = collecting();
    const frames = splitIntoFrames(patterned(2 * PAYLOAD, 14), 14);
    r.accept(frames[0]!);
    expect(r.heldBytes).toBe(PAYLOAD);
    r.clear();
    expect(r.heldBytes).toBe(0);
    expect(r.accept(frames[1]!)).toBeNull();
    expect(r.heldBytes).toBe(PAYLOAD);
  });
});

describe('attacks on the default limits (issue 16)', () => {
  it('frames claiming 65,535 parts are refused before anything is held', () => {
    const { r, problems } = collecting();
    const honest = patterned(3 * PAYLOAD, 15);
    const honestFrames = splitIntoFrames(honest, 1);
    r.accept(honestFrames[0]!);
    // Before, each of these was held (2 GiB per connection); now none is, and none evicts.
    const attack = fullFrame(0, 0, 0xffff);
    for (let id = 100; id < 1100; id++) {
      expect(r.accept(writeHeader(attack, id, id % 0xffff, 0xffff))).toBeNull();
      expect(r.heldBytes).toBe(PAYLOAD);
    }
    expect(problems).toEqual(new Array(1000).fill('too-large'));
    expect(same(r.accept(honestFrames[1]!) ?? r.accept(honestFrames[2]!), honest)).toBe(true);
  });

  it('a frame count one beyond what the largest message needs is refused, the largest is held', () => {
    const { r, problems } = collecting();
    expect(r.accept(fullFrame(1, 0, MAX_FRAMES_PER_MESSAGE + 1))).toBeNull();
    expect(problems).toEqual(['too-large']);
    expect(r.heldBytes).toBe(0);
    expect(r.accept(fullFrame(2, 0, MAX_FRAMES_PER_MESSAGE))).toBeNull();
    expect(problems).toEqual(['too-large']);
    expect(r.heldBytes).toBe(PAYLOAD);
  });

  it('full frames of a message adding up to more than 2 MiB are refused and let go', () => {
    const { r, problems } = collecting();
    expect(MAX_FRAMES_PER_MESSAGE * PAYLOAD).toBeGreaterThan(MAX_MESSAGE_BYTES);
    for (let index = 0; index < MAX_FRAMES_PER_MESSAGE; index++)
      expect(r.accept(fullFrame(7, index, MAX_FRAMES_PER_MESSAGE))).toBeNull();
    expect(problems).toEqual(['too-large']);
    expect(r.heldBytes).toBe(0);
  });

  it('a third unfinished message evicts the oldest and says so', () => {
    const { r, problems } = collecting();
    expect(MAX_PARTIAL_MESSAGES).toBe(2);
    r.accept(fullFrame(1, 0, 2));
    r.accept(fullFrame(2, 0, 2));
    expect(problems).toEqual([]);
    r.accept(fullFrame(3, 0, 2));
    expect(problems).toEqual(['evicted']);
    expect(r.heldBytes).toBe(2 * PAYLOAD);
  });

  it('many largest messages, none finished, hold at most MAX_PARTIAL_BYTES (4 MiB)', () => {
    const { r } = collecting();
    expect(MAX_PARTIAL_BYTES).toBe(4 * MiB);
    let most = 0;
    // 32 messages of the most frames, all but the last frame sent: 63 MiB offered.
    for (let id = 0; id < 32; id++)
      for (let index = 0; index < MAX_FRAMES_PER_MESSAGE - 1; index++) {
        r.accept(fullFrame(id, index, MAX_FRAMES_PER_MESSAGE));
        most = Math.max(most, r.heldBytes);
      }
    expect(most).toBeLessThanOrEqual(MAX_PARTIAL_BYTES);
    expect(most).toBeGreaterThan(MAX_PARTIAL_BYTES / 2); // the storm did fill it
  });

  it('held bytes never exceed MAX_PARTIAL_BYTES in a random storm of frames (seeded)', () => {
    const seeds = process.env.HEARTH_SEED ? [Number(process.env.HEARTH_SEED)] : [1, 2, 3, 4, 5, 6];
    const buffer = new Uint8Array(MAX_FRAME_BYTES).fill(0xa5);
    const tally = { frames: 0, messages: 0, evicted: 0, tooLarge: 0, mostHeld: 0 };
    for (const seed of seeds) {
      const rand = mulberry32(seed);
      const pick = (n: number) => Math.floor(rand() * n);
      const { r, problems } = collecting();
      // Each message id keeps the count it started with, as frames that disagree are dropped.
      const counts = new Map<number, number>();
      for (let i = 0; i < 400; i++) {
        const id = pick(5);
        if (!counts.has(id) || rand() < 0.05) counts.set(id, 1 + pick(MAX_FRAMES_PER_MESSAGE + 2));
        // Header fields near the limits, full frames mostly: the most a peer can make us hold.
        const count = counts.get(id)!;
        const index = rand() < 0.95 ? pick(count) : count;
        const payload = rand() < 0.9 ? PAYLOAD : pick(PAYLOAD);
        const bytes = writeHeader(
          buffer.subarray(0, FRAME_HEADER_BYTES + payload),
          id,
          index,
          count,
        );
        const out = r.accept(bytes);
        const where = `seed ${seed} (replay: HEARTH_SEED=${seed}), frame ${i}`;
        expect(r.heldBytes, where).toBeLessThanOrEqual(MAX_PARTIAL_BYTES);
        if (out) expect(out.length, where).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        if (out) tally.messages++;
        tally.mostHeld = Math.max(tally.mostHeld, r.heldBytes);
        tally.frames++;
      }
      tally.evicted += problems.filter((p) => p === 'evicted').length;
      tally.tooLarge += problems.filter((p) => p === 'too-large').length;
    }
    console.log(`framing storm: seeds ${seeds.join(',')} ${JSON.stringify(tally)}`);
    // The storm reached every outcome, and held a good part of the bound.
    expect(Math.min(tally.messages, tally.evicted, tally.tooLarge)).toBeGreaterThan(0);
    expect(tally.mostHeld).toBeGreaterThan(MAX_PARTIAL_BYTES / 2);
  });
});

describe('fuzz', () => {
  it('1,000 random byte arrays never throw, and every outcome is accounted for', () => {
    const rand = mulberry32(0xf00d);
    const byte = () => Math.floor(rand() * 256);
    const { r, problems } = collecting();
    const known: FrameProblem[] = ['truncated', 'bad-magic', 'bad-header', 'too-large', 'evicted'];
    let messages = 0;
    for (let i = 0; i < 1000; i++) {
      const len = Math.floor(rand() * 64);
      const bytes = Uint8Array.from({ length: len }, byte);
      // Half the inputs look like frames, so the deeper paths are reached; counts go a little
      // beyond what the largest message needs, which is refused at once.
      if (len >= FRAME_HEADER_BYTES && rand() < 0.5) {
        bytes[0] = FRAME_MAGIC;
        const v = new DataView(bytes.buffer);
        v.setUint32(1, Math.floor(rand() * 6));
        v.setUint16(5, Math.floor(rand() * 4));
        v.setUint16(7, Math.floor(rand() * (MAX_FRAMES_PER_MESSAGE + 3)));
      }
      let out: Uint8Array | null = null;
      const before = problems.length;
      expect(() => (out = r.accept(bytes)), `input ${i}`).not.toThrow();
      if (out !== null) {
        messages++;
        expect(out).toBeInstanceOf(Uint8Array);
      }
      // A problem is reported only when nothing was returned.
      if (problems.length > before && problems.at(-1) !== 'evicted') expect(out).toBeNull();
      expect(r.heldBytes).toBeLessThanOrEqual(MAX_PARTIAL_BYTES);
    }
    expect(problems.every((p) => known.includes(p))).toBe(true);
    // The fuzz reached every kind of outcome.
    for (const p of known) expect(problems, p).toContain(p);
    expect(messages).toBeGreaterThan(0);
  });
});
