// simple-peer with framing on its data channel. See vite.config.ts for how y-webrtc gets it.
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { Reassembler, splitIntoFrames } from '../../../src-shared/sync/framing';

type PeerOptions = ConstructorParameters<typeof SimplePeer>[0];

export default class FramedPeer extends SimplePeer {
  private nextMessageId = 0;
  private readonly reassembler = new Reassembler();

  constructor(opts?: PeerOptions) {
    super(opts);
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
    for (const frame of splitIntoFrames(bytes, this.nextMessageId++)) super.send(frame);
  }

  /** Replaces simple-peer's handler: frames in, whole messages out to 'data' listeners. */
  _onChannelMessage(event: MessageEvent): void {
    if (this.destroyed) return;
    const data = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : new Uint8Array(0);
    const message = this.reassembler.accept(data);
    if (message) this.push(message);
  }
}
