import { describe, it, expect } from 'vitest';
import { mulberry32, shuffle } from '../support/seeded-random';
import {
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  MAX_FRAME_BYTES,
  Reassembler,
  splitIntoFrames,
  type FrameProblem,
} from '../../src-shared/sync/framing';

const PAYLOAD = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;
const MiB = 1024 * 1024;

/** Bytes whose value depends on position and seed, so misplaced parts are detected. */
function patterned(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const same = (a: Uint8Array | null, b: Uint8Array) =>
  a !== null && a.length === b.length && Buffer.compare(a, b) === 0;

function frame(
  id: number,
  index: number,
  count: number,
  payload = Uint8Array.of(1, 2, 3),
  magic = FRAME_MAGIC,
): Uint8Array {
  const f = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const v = new DataView(f.buffer);
  f[0] = magic;
  v.setUint32(1, id);
  v.setUint16(5, index);
  v.setUint16(7, count);
  f.set(payload, FRAME_HEADER_BYTES);
  return f;
}

function collecting(limits?: ConstructorParameters<typeof Reassembler>[0]) {
  const problems: FrameProblem[] = [];
  return { r: new Reassembler(limits, (p) => problems.push(p)), problems };
}

describe('splitIntoFrames + Reassembler', () => {
  it("keeps every frame under Chromium's 256 KiB data-channel limit (yjs/y-webrtc#20)", () => {
    const frames = splitIntoFrames(patterned(5 * MiB, 3), 1);
    expect(Math.max(...frames.map((f) => f.length))).toBeLessThan(256 * 1024);
    expect(MAX_FRAME_BYTES).toBeLessThan(256 * 1024);
  });

  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['exactly one payload', PAYLOAD],
    ['one payload + 1', PAYLOAD + 1],
    ['1 MiB', MiB],
    ['3 MiB', 3 * MiB],
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

  it('refuses to frame a message that needs more than 65535 frames', () => {
    const huge = {
      length: 0xffff * PAYLOAD + 1,
      subarray: () => new Uint8Array(0),
    } as unknown as Uint8Array;
    expect(() => splitIntoFrames(huge, 1)).toThrow(RangeError);
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
    ['empty frame', new Uint8Array(0), 'truncated'],
    ['header minus one byte', frame(1, 0, 1).subarray(0, FRAME_HEADER_BYTES - 1), 'truncated'],
    ['bad magic', frame(1, 0, 1, Uint8Array.of(1), 0x00), 'bad-magic'],
    ['index == count', frame(1, 2, 2), 'bad-header'],
    ['index > count', frame(1, 9, 2), 'bad-header'],
    ['count 0', frame(1, 0, 0), 'bad-header'],
    [
      'frame larger than MAX_FRAME_BYTES',
      frame(1, 0, 2, new Uint8Array(PAYLOAD + 1)),
      'bad-header',
    ],
  ] as const)('%s -> %s', (_name, bytes, expected) => {
    const { r, problems } = collecting();
    expect(r.accept(bytes)).toBeNull();
    expect(problems).toEqual([expected]);
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

  it("by default, holds no more than one largest message's worth for unfinished messages", () => {
    const { r, problems } = collecting();
    // 32 messages (the most in flight) of 16 frames each: 32 * 16 * 240 KiB = 120 MiB if all kept.
    const frame = (id: number, index: number) => {
      const f = new Uint8Array(MAX_FRAME_BYTES);
      const view = new DataView(f.buffer);
      f[0] = FRAME_MAGIC;
      view.setUint32(1, id);
      view.setUint16(5, index);
      view.setUint16(7, 17);
      return f;
    };
    for (let id = 0; id < 32; id++) for (let i = 0; i < 16; i++) r.accept(frame(id, i));
    const held = 64 * MiB;
    // 120 MiB offered, at most 64 MiB kept: at least 56 MiB of whole messages were let go.
    const evicted = problems.filter((p) => p === 'evicted').length;
    expect(evicted * 16 * PAYLOAD).toBeGreaterThanOrEqual(32 * 16 * PAYLOAD - held);
  });
});

describe('fuzz', () => {
  it('1,000 random byte arrays never throw, and every outcome is accounted for', () => {
    const rand = mulberry32(0xf00d);
    const byte = () => Math.floor(rand() * 256);
    const { r, problems } = collecting({ maxMessageBytes: 4096, maxPartialMessages: 4 });
    const known: FrameProblem[] = ['truncated', 'bad-magic', 'bad-header', 'too-large', 'evicted'];
    let messages = 0;
    for (let i = 0; i < 1000; i++) {
      const len = Math.floor(rand() * 64);
      const bytes = Uint8Array.from({ length: len }, byte);
      // Half the inputs look like frames, so the deeper paths are reached.
      if (len >= FRAME_HEADER_BYTES && rand() < 0.5) {
        bytes[0] = FRAME_MAGIC;
        const v = new DataView(bytes.buffer);
        v.setUint32(1, Math.floor(rand() * 6));
        v.setUint16(5, Math.floor(rand() * 4));
        v.setUint16(7, Math.floor(rand() * 4));
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
    }
    expect(problems.every((p) => known.includes(p))).toBe(true);
    // The fuzz reached every kind of outcome.
    for (const p of ['truncated', 'bad-magic', 'bad-header', 'evicted'] as const)
      expect(problems, p).toContain(p);
    expect(messages).toBeGreaterThan(0);
  });
});
