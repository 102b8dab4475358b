// Chromium closes nothing but throws "send queue is full" once a data channel holds 16 MiB that
// the other side has not taken yet. A late joiner's catch-up is one Yjs message of the whole
// history (about 45 MB for 100k messages), split into frames: sent all at once, the frames past
// 16 MiB would be lost and the joiner would wait forever for the rest. Frames therefore queue
// here and go out while the channel holds less than HIGH_WATER_BYTES, resuming when the channel
// reports it has drained below LOW_WATER_BYTES.

export const HIGH_WATER_BYTES = 4 * 1024 * 1024;
export const LOW_WATER_BYTES = 1024 * 1024;

/** The part of an RTCDataChannel the sender needs. */
export interface SendChannel {
  readonly bufferedAmount: number;
  send(frame: Uint8Array): void;
}

/** Hands frames to a channel in order, never letting it hold more than HIGH_WATER_BYTES. */
export class PacedSender {
  /** Frames in order; a sent frame's slot is emptied at once so its memory can go. */
  private readonly queue: (Uint8Array | null)[] = [];
  private head = 0;
  private bytes = 0;

  /** Queues frames in order and sends what the channel can take now; order is kept across calls. */
  enqueue(channel: SendChannel, frames: Iterable<Uint8Array>): void {
    for (const frame of frames) {
      this.queue.push(frame);
      this.bytes += frame.length;
    }
    this.pump(channel);
  }

  /**
   * Sends queued frames while the channel is below the high-water mark. Call on
   * 'bufferedamountlow'. A channel that refuses a frame (it is closing) loses the whole backlog:
   * the rest of a message is useless without it, and the next connection syncs from scratch.
   */
  pump(channel: SendChannel): void {
    while (this.head < this.queue.length && channel.bufferedAmount < HIGH_WATER_BYTES) {
      const frame = this.queue[this.head]!;
      try {
        channel.send(frame);
      } catch {
        this.clear();
        return;
      }
      this.queue[this.head] = null;
      this.head++;
      this.bytes -= frame.length;
    }
    // Drop sent frames in one go rather than shifting one at a time.
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  }

  /** Bytes waiting to be handed to the channel. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** Drops every queued frame. */
  clear(): void {
    this.queue.length = 0;
    this.head = 0;
    this.bytes = 0;
  }
}
