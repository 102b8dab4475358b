// simple-peer with framing and pacing on its data channel. See vite.config.ts for how y-webrtc
// gets it. Framing keeps every message under Chromium's 256 KiB limit; pacing keeps the
// channel's send queue under its 16 MiB limit (paced-sender.ts).
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { Reassembler, splitIntoFrames } from '../../../src-shared/sync/framing';
import { LOW_WATER_BYTES, PacedSender, type SendChannel } from '../../../src-shared/sync/paced-sender';

type PeerOptions = ConstructorParameters<typeof SimplePeer>[0];

export default class FramedPeer extends SimplePeer {
  private nextMessageId = 0;
  private readonly reassembler = new Reassembler();
  private readonly sender = new PacedSender();
  /** The data channel as the sender sees it: frames go out through simple-peer's own send. */
  private readonly channel: SendChannel;

  constructor(opts?: PeerOptions) {
    super(opts);
    const peer = this;
    this.channel = {
      get bufferedAmount() {
        return peer._channel?.bufferedAmount ?? 0;
      },
      send: (frame) => super.send(frame),
    };
  }

  override send(chunk: ArrayBufferView | ArrayBuffer | string | Blob): void {
    const bytes =
      typeof chunk === 'string'
        ? new TextEncoder().encode(chunk)
        : chunk instanceof ArrayBuffer
          ? new Uint8Array(chunk)
          : ArrayBuffer.isView(chunk)
            ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : null;
    if (!bytes) throw new TypeError('FramedPeer sends bytes only');
    // y-webrtc also sends to peers that are still connecting. Their channel cannot take it, and
    // queueing it would put stale updates ahead of the handshake, which syncs everything anyway.
    // The channel's own state decides, not simple-peer's `connected`: that turns true a moment
    // after the channel opens, and the other side's handshake may already need our reply.
    if (this.destroyed || this._channel?.readyState !== 'open') return;
    this.sender.enqueue(this.channel, splitIntoFrames(bytes, this.nextMessageId++));
  }

  /** simple-peer sets the channel up; the drained event should come while a backlog is still queued. */
  override _setupData(event: { channel: RTCDataChannel }): void {
    super._setupData(event);
    if (this._channel) this._channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
  }

  override _onChannelBufferedAmountLow(): void {
    super._onChannelBufferedAmountLow();
    if (!this.destroyed) this.sender.pump(this.channel);
  }

  override destroy(err?: Error): void {
    this.sender.clear();
    super.destroy(err);
  }

  /**
   * Replaces simple-peer's handler: frames in, whole messages out to 'data' listeners. Emitted
   * directly rather than pushed through simple-peer's stream, which copies every message byte
   * by byte into its bundled Buffer (~40 ms for a 4 MB catch-up); y-webrtc listens from the
   * moment it creates the peer, so nothing arrives before a listener.
   */
  _onChannelMessage(event: MessageEvent): void {
    if (this.destroyed) return;
    const data = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : new Uint8Array(0);
    const message = this.reassembler.accept(data);
    if (message) this.emit('data', message);
  }
}
