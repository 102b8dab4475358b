// What a hostile peer writes on the wire itself: frames the framing (src-shared/sync/framing.ts)
// would never make, and y-webrtc awareness messages about other peers' clients.
//
// frame = magic 0x48 | messageId u32 BE | index u16 BE | count u16 BE | payload
import * as encoding from 'lib0/encoding';
import { FRAME_HEADER_BYTES, FRAME_MAGIC, MAX_FRAME_BYTES } from '../../src-shared/sync/framing';

/** The most payload one frame may carry. */
export const FRAME_PAYLOAD = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;

/** One frame with exactly these header fields and `payload` bytes of filler. */
export function rawFrame(
  messageId: number,
  index: number,
  count: number,
  payload = FRAME_PAYLOAD,
): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload);
  const view = new DataView(frame.buffer);
  frame[0] = FRAME_MAGIC;
  view.setUint32(1, messageId >>> 0);
  view.setUint16(5, index);
  view.setUint16(7, count);
  // Not zeros: a page could otherwise get the memory back from the system untouched.
  for (let i = FRAME_HEADER_BYTES; i < frame.length; i += 97) frame[i] = i & 0xff;
  return frame;
}

/**
 * Frames of messages that claim 65,535 parts and never finish: `framesPerMessage` full frames of
 * one message id, then the next id, for ever. Each call returns the next frame. Eight frames
 * (1.9 MiB) a message fill what framing held before issue 16 (32 unfinished messages, 64 MiB).
 */
export function unfinishedMessages(framesPerMessage = 8, firstId = 0x10000): () => Uint8Array {
  let id = firstId;
  let index = 0;
  return () => {
    const frame = rawFrame(id, index, 0xffff);
    if (++index === framesPerMessage) {
      index = 0;
      id++;
    }
    return frame;
  };
}

/**
 * Frames of whole messages of `bytes` each (just under a receiver's size cap, say) whose content
 * is not a y-webrtc message: each finishes, is put together and must be thrown away.
 */
export function wholeJunkMessages(bytes: number, firstId = 0x200000): () => Uint8Array {
  const count = Math.ceil(bytes / FRAME_PAYLOAD);
  let id = firstId;
  let index = 0;
  return () => {
    const last = index === count - 1;
    const frame = rawFrame(id, index, count, last ? bytes - FRAME_PAYLOAD * index : FRAME_PAYLOAD);
    // An unknown y-webrtc message type: the first byte of a message is its type.
    if (index === 0) frame[FRAME_HEADER_BYTES] = 0x7e;
    if (last) {
      index = 0;
      id++;
    } else index++;
    return frame;
  };
}

/** y-webrtc's message type for awareness (y-webrtc 10.3). */
const MESSAGE_AWARENESS = 1;

/** One awareness entry as y-protocols encodes it: a client, its clock and its state (null: gone). */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
}

/** A y-webrtc awareness message that sets (or removes) other clients' states. */
export function awarenessMessage(entries: readonly AwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(update, e.clientID);
    encoding.writeVarUint(update, e.clock);
    encoding.writeVarString(update, JSON.stringify(e.state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}
