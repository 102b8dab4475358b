// The framed data channel and the WebRTC wrapper that hands it to simple-peer, against a fake
// platform channel that enforces Chromium's two limits: no message over 256 KiB, and (checked
// here) never more than the high-water mark waiting in the channel.
import { describe, expect, it } from 'vitest';
import { FramedDataChannel, type PlatformDataChannel } from '../../src-shared/sync/framed-channel';
import {
  framedWebrtc,
  type PlatformPeerConnection,
  type WebrtcPlatform,
} from '../../src-shared/sync/framed-webrtc';
import { MAX_FRAME_BYTES, splitIntoFrames } from '../../src-shared/sync/framing';
import { HIGH_WATER_BYTES, LOW_WATER_BYTES } from '../../src-shared/sync/paced-sender';
import { patterned } from '../support/patterned-bytes';

const CHROMIUM_MAX_MESSAGE = 256 * 1024;
const MiB = 1024 * 1024;

/** A platform channel whose sent frames wait until `drain` hands them to the other end. */
class FakeChannel implements PlatformDataChannel {
  label = 'fake';
  readyState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType = 'blob';
  onmessage: PlatformDataChannel['onmessage'] = null;
  onbufferedamountlow: PlatformDataChannel['onbufferedamountlow'] = null;
  onopen: PlatformDataChannel['onopen'] = null;
  onclose: PlatformDataChannel['onclose'] = null;
  onerror: PlatformDataChannel['onerror'] = null;
  other: FakeChannel | null = null;
  waiting: Uint8Array[] = [];
  sentFrames = 0;
  mostBuffered = 0;

  send(data: Uint8Array): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError');
    if (data.length > CHROMIUM_MAX_MESSAGE) throw new Error('message too big');
    this.waiting.push(data.slice());
    this.sentFrames++;
    this.bufferedAmount += data.length;
    this.mostBuffered = Math.max(this.mostBuffered, this.bufferedAmount);
  }

  /** The network takes everything waiting; the channel reports that it drained. */
  drain(): void {
    const frames = this.waiting;
    this.waiting = [];
    this.bufferedAmount = 0;
    for (const f of frames) this.other?.onmessage?.({ data: f.buffer });
    this.onbufferedamountlow?.({});
  }

  close(): void {
    this.readyState = 'closed';
    this.onclose?.({});
  }
}

function framedPair() {
  const rawA = new FakeChannel();
  const rawB = new FakeChannel();
  rawA.other = rawB;
  rawB.other = rawA;
  const a = new FramedDataChannel(rawA);
  const b = new FramedDataChannel(rawB);
  const received: Uint8Array[] = [];
  b.onmessage = (e) => received.push(new Uint8Array(e.data));
  return { rawA, rawB, a, b, received };
}

/** Drains until nothing is left to send; returns the rounds it took. */
function drainAll(raw: FakeChannel, framed: FramedDataChannel): number {
  let rounds = 0;
  while (framed.bufferedAmount > 0 && rounds < 10_000) {
    raw.drain();
    rounds++;
  }
  return rounds;
}

describe('FramedDataChannel', () => {
  it('carries a 20 MiB message whole, in frames the platform accepts, behind the high-water mark', () => {
    const { rawA, a, received } = framedPair();
    const big = patterned(20 * MiB + 5, 3);
    a.send(big);
    a.send(Uint8Array.of(7, 7, 7));
    expect(rawA.mostBuffered).toBeLessThanOrEqual(HIGH_WATER_BYTES + MAX_FRAME_BYTES);
    expect(drainAll(rawA, a)).toBeGreaterThan(1);
    expect(rawA.mostBuffered).toBeLessThanOrEqual(HIGH_WATER_BYTES + MAX_FRAME_BYTES);
    expect(received).toHaveLength(2);
    expect(Buffer.compare(received[0]!, big)).toBe(0);
    expect([...received[1]!]).toEqual([7, 7, 7]);
  });

  it('hands each message out as an ArrayBuffer holding exactly that message', () => {
    const { rawA, a, b } = framedPair();
    const buffers: ArrayBuffer[] = [];
    b.onmessage = (e) => buffers.push(e.data);
    a.send(patterned(10, 1).subarray(2, 7));
    rawA.drain();
    expect(buffers).toHaveLength(1);
    expect(buffers[0]).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(buffers[0]!)]).toEqual([...patterned(10, 1).subarray(2, 7)]);
  });

  it('sends a string as its UTF-8 bytes, as a platform channel would carry it', () => {
    const { rawA, a, received } = framedPair();
    a.send('héllo');
    rawA.drain();
    expect(new TextDecoder().decode(received[0])).toBe('héllo');
  });

  it('refuses to send on a channel that is not open, as the platform does, and sends nothing', () => {
    const { rawA, a } = framedPair();
    rawA.readyState = 'connecting';
    expect(() => a.send(Uint8Array.of(1))).toThrow(/connecting/);
    expect(rawA.sentFrames).toBe(0);
  });

  it('drops its backlog when the channel closes, and calls the user back', () => {
    const { rawA, a } = framedPair();
    let closed = 0;
    a.onclose = () => closed++;
    a.send(patterned(12 * MiB, 4));
    const before = rawA.sentFrames;
    expect(a.bufferedAmount).toBeGreaterThan(rawA.bufferedAmount);
    rawA.close();
    rawA.readyState = 'open'; // even if the platform said otherwise, nothing queued is left
    rawA.drain();
    expect(rawA.sentFrames).toBe(before);
    expect(closed).toBe(1);
  });

  it('tells the user the channel drained only once nothing is queued here', () => {
    const { rawA, a } = framedPair();
    let low = 0;
    a.onbufferedamountlow = () => low++;
    a.bufferedAmountLowThreshold = 64 * 1024;
    expect(rawA.bufferedAmountLowThreshold).toBe(LOW_WATER_BYTES);
    a.send(patterned(9 * MiB, 5));
    rawA.drain();
    expect(low).toBe(0);
    drainAll(rawA, a);
    expect(low).toBe(1);
  });

  it('reads every incoming message as bytes, whatever binaryType its user sets', () => {
    const { rawB, b } = framedPair();
    b.binaryType = 'blob';
    expect(rawB.binaryType).toBe('arraybuffer');
    expect(b.binaryType).toBe('arraybuffer');
  });

  it('delivers nothing for what an unframed peer sends: raw bytes or text', () => {
    const { rawA, received } = framedPair();
    rawA.send(patterned(1000, 6)); // no frame header
    rawA.drain();
    rawA.other!.onmessage?.({ data: 'hello' });
    expect(received).toHaveLength(0);
  });

  it('puts back frames the other end cut from a message', () => {
    const { rawB, received } = framedPair();
    const message = patterned(700 * 1024, 8);
    for (const f of splitIntoFrames(message, 41).reverse())
      rawB.onmessage?.({ data: f.slice().buffer });
    expect(received).toHaveLength(1);
    expect(Buffer.compare(received[0]!, message)).toBe(0);
  });
});

/** A platform peer connection whose methods check that they run on the real object. */
class FakePeerConnection implements PlatformPeerConnection {
  ondatachannel: PlatformPeerConnection['ondatachannel'] = null;
  onicecandidate: unknown = null;
  readonly created: FakeChannel[] = [];
  constructor(readonly config?: object) {}
  createDataChannel(label: string): PlatformDataChannel {
    const channel = new FakeChannel();
    channel.label = label;
    this.created.push(channel);
    return channel;
  }
  whoAmI(): unknown {
    return this;
  }
}

const fakePlatform = {
  RTCPeerConnection: FakePeerConnection,
  RTCSessionDescription: class {},
  RTCIceCandidate: class {},
} as unknown as WebrtcPlatform;

describe('framedWebrtc', () => {
  it('makes every data channel, created or received, a framed one', () => {
    const wrtc = framedWebrtc(fakePlatform);
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
    expect(pc.createDataChannel('made')).toBeInstanceOf(FramedDataChannel);
    const seen: unknown[] = [];
    const handler = (e: { channel: unknown }) => seen.push(e.channel);
    pc.ondatachannel = handler;
    expect(pc.ondatachannel).toBe(handler);
    const real = (pc as unknown as { whoAmI(): FakePeerConnection }).whoAmI();
    real.ondatachannel?.({ channel: new FakeChannel() });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(FramedDataChannel);
  });

  it('runs every other method on the real connection and passes other handlers through', () => {
    const wrtc = framedWebrtc(fakePlatform);
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] }) as unknown as FakePeerConnection;
    const real = pc.whoAmI() as FakePeerConnection;
    expect(real).toBeInstanceOf(FakePeerConnection);
    expect(real).not.toBe(pc);
    expect(real.config).toEqual({ iceServers: [] });
    const onIce = () => {};
    pc.onicecandidate = onIce;
    expect(real.onicecandidate).toBe(onIce);
    expect(wrtc.RTCSessionDescription).toBe(fakePlatform.RTCSessionDescription);
    expect(wrtc.RTCIceCandidate).toBe(fakePlatform.RTCIceCandidate);
  });
});
