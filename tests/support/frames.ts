// Frames as a test (or an attacker) writes them by hand, and a Reassembler that records what it
// reports: for the framing and framed-channel tests.
//
// frame = magic 0x48 | messageId u32 BE | index u16 BE | count u16 BE | payload
import {
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  MAX_FRAME_BYTES,
  Reassembler,
  type FrameProblem,
  type ReassemblerLimits,
} from '../../src-shared/sync/framing';

/** The most payload one frame may carry. */
export const PAYLOAD = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;

/** Writes a frame header over the first bytes of `bytes` (which is returned). */
export function writeHeader(
  bytes: Uint8Array,
  id: number,
  index: number,
  count: number,
  magic = FRAME_MAGIC,
): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  bytes[0] = magic;
  view.setUint32(1, id >>> 0);
  view.setUint16(5, index);
  view.setUint16(7, count);
  return bytes;
}

/** One frame with exactly these header fields and this payload. */
export function frame(
  id: number,
  index: number,
  count: number,
  payload = Uint8Array.of(1, 2, 3),
  magic = FRAME_MAGIC,
): Uint8Array {
  const bytes = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  bytes.set(payload, FRAME_HEADER_BYTES);
  return writeHeader(bytes, id, index, count, magic);
}

/** A full-size frame (filler that is not zeros) with these header fields. */
export const fullFrame = (id: number, index: number, count: number): Uint8Array =>
  frame(id, index, count, new Uint8Array(PAYLOAD).fill(0x5a));

/** A Reassembler and the list of problems it has reported so far. */
export function collecting(limits?: Partial<ReassemblerLimits>) {
  const problems: FrameProblem[] = [];
  return { r: new Reassembler(limits, (p) => problems.push(p)), problems };
}

/** Whether `a` holds exactly the bytes of `b`. */
export const same = (a: Uint8Array | null, b: Uint8Array): boolean =>
  a !== null && a.length === b.length && Buffer.compare(a, b) === 0;
