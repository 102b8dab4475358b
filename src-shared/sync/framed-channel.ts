// A data channel that frames and paces: what its user sends arrives whole on the other side
// however big it is, and what it receives is whole messages. It wraps the platform's channel
// (Chromium's RTCDataChannel, or @roamhq/wrtc's in Node) and looks like one to its user,
// simple-peer, as far as simple-peer looks.
//
// Framing: Chromium refuses messages over 256 KiB and y-webrtc swallows the error (upstream
// yjs/y-webrtc#20), see framing.ts. Pacing: Chromium throws once a channel holds 16 MiB unsent,
// see paced-sender.ts. Both sides of a connection must frame; every Hearth peer does.
// Guarding: what the peer sends is judged by a ChannelGuard (channel-guard.ts); a peer that breaks
// the framing rules or the guard's is hostile, and its channel is closed.
import type { ChannelGuard } from './channel-guard';
import { Reassembler, splitIntoFrames } from './framing';
import { LOW_WATER_BYTES, PacedSender } from './paced-sender';

type Handler = ((event: unknown) => void) | null;

/** The part of a platform data channel (RTCDataChannel in a page or in @roamhq/wrtc) used here. */
export interface PlatformDataChannel {
  readonly label: string;
  readonly readyState: string;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: string;
  onmessage: ((event: { data: unknown }) => void) | null;
  onbufferedamountlow: Handler;
  onopen: Handler;
  onclose: Handler;
  onerror: Handler;
  send(data: Uint8Array): void;
  close(): void;
}

/** A message event as simple-peer reads it: `data` is an ArrayBuffer holding one whole message. */
export interface WholeMessageEvent {
  data: ArrayBuffer;
}

export class FramedDataChannel {
  private readonly reassembler = new Reassembler({}, (problem) => this.hostile(problem));
  private readonly sender = new PacedSender();
  /** Why the peer was cut off, once it was: nothing it sends is read afterwards. */
  private cutOff: string | null = null;
  private nextMessageId = 0;
  /** The level the user asked to hear 'bufferedamountlow' at; the platform's is ours. */
  private userLowThreshold = 0;

  /** Called with each whole message. */
  onmessage: ((event: WholeMessageEvent) => void) | null = null;
  /** Called when nothing is queued here and the platform channel is at or below the threshold. */
  onbufferedamountlow: Handler = null;

  constructor(
    private readonly inner: PlatformDataChannel,
    private readonly guard: ChannelGuard | null = null,
  ) {
    inner.binaryType = 'arraybuffer';
    // Woken while a backlog is still queued here, so the channel never runs dry between frames.
    inner.bufferedAmountLowThreshold = LOW_WATER_BYTES;
    inner.onmessage = (event) => this.receive(event.data);
    inner.onbufferedamountlow = (event) => this.drained(event);
  }

  get label(): string {
    return this.inner.label;
  }

  get readyState(): string {
    return this.inner.readyState;
  }

  /** Bytes not yet delivered to the network: the platform's queue and ours. */
  get bufferedAmount(): number {
    return this.inner.bufferedAmount + this.sender.queuedBytes;
  }

  get bufferedAmountLowThreshold(): number {
    return this.userLowThreshold;
  }

  set bufferedAmountLowThreshold(bytes: number) {
    this.userLowThreshold = bytes;
  }

  /** Always 'arraybuffer': messages are handed out as ArrayBuffers. */
  get binaryType(): string {
    return 'arraybuffer';
  }

  set binaryType(_type: string) {
    // Frames must be read as bytes whatever the user asks for.
  }

  get onopen(): Handler {
    return this.inner.onopen;
  }

  set onopen(f: Handler) {
    this.inner.onopen = f;
  }

  get onclose(): Handler {
    return this.inner.onclose;
  }

  set onclose(f: Handler) {
    this.inner.onclose =
      f === null
        ? null
        : (event) => {
            this.sender.clear();
            f(event);
          };
  }

  get onerror(): Handler {
    return this.inner.onerror;
  }

  set onerror(f: Handler) {
    this.inner.onerror = f;
  }

  /**
   * Sends one message of any size; it arrives whole and in order after everything sent before.
   * Throws, as a platform channel does, when the channel is not open: queueing would put stale
   * updates ahead of the sync handshake, which sends everything anyway. A string goes as UTF-8.
   */
  send(data: Uint8Array | ArrayBuffer | string): void {
    if (this.inner.readyState !== 'open')
      throw new Error(`data channel is ${this.inner.readyState}, not open`);
    const bytes =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : data instanceof Uint8Array
          ? data
          : new Uint8Array(data);
    for (const part of this.guard?.outbound(bytes) ?? [bytes])
      this.sender.enqueue(this.inner, splitIntoFrames(part, this.nextMessageId++));
  }

  /** Why this channel's peer was cut off as hostile, or null. */
  get cutOffFor(): string | null {
    return this.cutOff;
  }

  close(): void {
    this.sender.clear();
    this.inner.close();
  }

  private receive(data: unknown): void {
    if (this.cutOff !== null) return;
    // Anything but bytes is not a frame: a peer that does not frame is not understood.
    const frame = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(0);
    let message = this.reassembler.accept(frame);
    if (message === null || this.cutOff !== null) return;
    if (this.guard) {
      const verdict = this.guard.inbound(message);
      if ('close' in verdict) return this.hostile(verdict.close);
      message = verdict.deliver;
    }
    // The reassembler hands out a fresh array, so its buffer is the message with nothing around
    // it; the check keeps that true if it ever hands out a view.
    const whole =
      message.byteOffset === 0 && message.byteLength === message.buffer.byteLength
        ? message
        : message.slice();
    this.onmessage?.({ data: whole.buffer as ArrayBuffer });
  }

  /**
   * Ends the connection with a peer that broke a rule: its partial messages and our queue are
   * dropped and the channel closes (simple-peer then closes the connection, and y-webrtc forgets
   * the peer). Honest peers never break these rules.
   */
  private hostile(problem: string): void {
    if (this.cutOff !== null) return;
    this.cutOff = problem;
    this.reassembler.clear();
    this.sender.clear();
    this.inner.close();
  }

  private drained(event: unknown): void {
    if (this.inner.readyState !== 'open') return;
    this.sender.pump(this.inner);
    if (this.sender.queuedBytes === 0 && this.inner.bufferedAmount <= this.userLowThreshold)
      this.onbufferedamountlow?.(event);
  }
}
