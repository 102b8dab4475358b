// Framing for WebRTC data-channel messages.
//
// Chromium refuses data-channel messages over 256 KiB and y-webrtc swallows the send error
// (upstream yjs/y-webrtc#20), so a big sync message would vanish silently. Every message is
// split into frames of at most MAX_FRAME_BYTES and put back together on receipt.
//
// frame = magic(1) | messageId(u32 BE) | index(u16 BE) | count(u16 BE) | payload
//
// Every limit here bounds what a peer can make the receiver hold: a message is at most
// MAX_MESSAGE_BYTES (the sender splits bigger updates first: channel-guard.ts), so it has at most
// MAX_FRAMES_PER_MESSAGE frames, and a connection holds at most two unfinished messages. Honest
// peers send one message's frames one after another (paced-sender.ts keeps them in order), so
// any frame outside those limits is reported, and the channel that carried it is closed.

export const FRAME_MAGIC = 0x48; // 'H'
export const FRAME_HEADER_BYTES = 9;
export const MAX_FRAME_BYTES = 240 * 1024;
const MAX_PAYLOAD = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;
/** The largest whole message a peer may send: a split update part and its y-webrtc header. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** A claimed frame count above this is refused at once, before anything is held. */
export const MAX_FRAMES_PER_MESSAGE = Math.ceil(MAX_MESSAGE_BYTES / MAX_PAYLOAD);
/** Unfinished messages one connection may have at once. */
export const MAX_PARTIAL_MESSAGES = 2;
/** Bytes one connection may have us hold for unfinished messages, all together. */
export const MAX_PARTIAL_BYTES = 2 * MAX_MESSAGE_BYTES;

/** Splits one message of at most MAX_MESSAGE_BYTES into frames of at most MAX_FRAME_BYTES. */
export function splitIntoFrames(message: Uint8Array, messageId: number): Uint8Array[] {
  // A peer refuses anything bigger (and would cut us off), so it is not sent at all.
  if (message.length > MAX_MESSAGE_BYTES) throw new RangeError('message too large to frame');
  const count = Math.max(1, Math.ceil(message.length / MAX_PAYLOAD));
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const payload = message.subarray(index * MAX_PAYLOAD, (index + 1) * MAX_PAYLOAD);
    const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
    const view = new DataView(frame.buffer);
    frame[0] = FRAME_MAGIC;
    view.setUint32(1, messageId >>> 0);
    view.setUint16(5, index);
    view.setUint16(7, count);
    frame.set(payload, FRAME_HEADER_BYTES);
    frames.push(frame);
  }
  return frames;
}

export interface ReassemblerLimits {
  /** Largest message accepted after reassembly; bigger ones are discarded. */
  maxMessageBytes: number;
  /** Messages in flight at once; the oldest is discarded beyond this (and it is reported). */
  maxPartialMessages: number;
  /**
   * Bytes held for unfinished messages, all together; the oldest are discarded beyond this.
   * Without it a peer could start maxPartialMessages messages just short of maxMessageBytes and
   * make the receiver hold their product. An honest peer has at most one message unfinished.
   */
  maxPartialBytes: number;
}

export type FrameProblem = 'truncated' | 'bad-magic' | 'bad-header' | 'too-large' | 'evicted';

/**
 * Puts frames back into messages. Frames of one message may arrive in any order and
 * interleaved with other messages. Bad frames are reported and dropped, never thrown.
 */
export class Reassembler {
  private readonly partial = new Map<
    number,
    { count: number; received: number; bytes: number; parts: (Uint8Array | undefined)[] }
  >();
  private readonly limits: ReassemblerLimits;
  /** Bytes held in `partial`, all messages together. */
  private partialBytes = 0;
  /** How many times clear() ran: a listener may run it while a frame is being taken. */
  private clears = 0;

  constructor(
    limits: Partial<ReassemblerLimits> = {},
    private readonly onProblem: (problem: FrameProblem) => void = () => {},
  ) {
    this.limits = {
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxPartialMessages: MAX_PARTIAL_MESSAGES,
      maxPartialBytes: MAX_PARTIAL_BYTES,
      ...limits,
    };
  }

  /** Takes one frame; returns the whole message when this frame completes it, else null. */
  accept(frame: Uint8Array): Uint8Array | null {
    if (frame.length < FRAME_HEADER_BYTES) return this.problem('truncated');
    if (frame[0] !== FRAME_MAGIC) return this.problem('bad-magic');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const id = view.getUint32(1);
    const index = view.getUint16(5);
    const count = view.getUint16(7);
    if (count === 0 || index >= count || frame.length > MAX_FRAME_BYTES)
      return this.problem('bad-header');
    // More frames than the largest message needs: refused before anything is held.
    if ((count - 1) * MAX_PAYLOAD >= this.limits.maxMessageBytes) return this.problem('too-large');
    const payload = frame.subarray(FRAME_HEADER_BYTES);
    if (count === 1)
      return payload.length <= this.limits.maxMessageBytes
        ? payload.slice()
        : this.problem('too-large');

    let entry = this.partial.get(id);
    if (!entry) {
      if (this.partial.size >= this.limits.maxPartialMessages) {
        this.drop(this.partial.keys().next().value as number);
        // The listener may cut the peer off and clear() us: then this frame is not kept either.
        const cleared = this.clears;
        this.onProblem('evicted');
        if (this.clears !== cleared) return null;
      }
      entry = {
        count,
        received: 0,
        bytes: 0,
        parts: new Array<Uint8Array | undefined>(count),
      };
      this.partial.set(id, entry);
    }
    if (entry.count !== count) {
      this.drop(id);
      return this.problem('bad-header');
    }
    if (entry.parts[index]) return null; // duplicate frame: ignore
    entry.parts[index] = payload.slice();
    entry.received++;
    entry.bytes += payload.length;
    this.partialBytes += payload.length;
    if (entry.bytes > this.limits.maxMessageBytes || entry.bytes > this.limits.maxPartialBytes) {
      this.drop(id);
      return this.problem('too-large');
    }
    // Over the total: the oldest other messages go first (this one fits on its own, see above).
    while (this.partialBytes > this.limits.maxPartialBytes) {
      this.drop([...this.partial.keys()].find((other) => other !== id)!);
      this.onProblem('evicted');
    }
    if (entry.received < entry.count) return null;
    this.drop(id);
    const out = new Uint8Array(entry.bytes);
    let offset = 0;
    for (const part of entry.parts) {
      out.set(part!, offset);
      offset += part!.length;
    }
    return out;
  }

  /** Bytes held for unfinished messages now. */
  get heldBytes(): number {
    return this.partialBytes;
  }

  /** Forgets every unfinished message (the connection is being closed). */
  clear(): void {
    this.partial.clear();
    this.partialBytes = 0;
    this.clears++;
  }

  /** Forgets an unfinished message and the bytes it held. */
  private drop(id: number): void {
    const entry = this.partial.get(id);
    if (!entry) return;
    this.partialBytes -= entry.bytes;
    this.partial.delete(id);
  }

  private problem(p: FrameProblem): null {
    this.onProblem(p);
    return null;
  }
}
