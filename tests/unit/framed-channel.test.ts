// The framed data channel and the WebRTC wrapper that hands it to simple-peer, against a fake
// platform channel that enforces Chromium's two limits: no message over 256 KiB, and (checked
// here) never more than the high-water mark waiting in the channel. A peer that breaks the
// framing rules or its guard's is cut off: attacks on that are at the end.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChannelGuard } from '../../src-shared/sync/channel-guard';
import { FramedDataChannel, type PlatformDataChannel } from '../../src-shared/sync/framed-channel';
import {
  framedWebrtc,
  type PlatformPeerConnection,
  type WebrtcPlatform,
} from '../../src-shared/sync/framed-webrtc';
import { MAX_FRAME_BYTES, MAX_MESSAGE_BYTES, splitIntoFrames } from '../../src-shared/sync/framing';
import { HIGH_WATER_BYTES, LOW_WATER_BYTES } from '../../src-shared/sync/paced-sender';
import { fullFrame } from '../support/frames';
import { patterned } from '../support/patterned-bytes';
import { BYTES_TEST_SHAPE } from '../support/test-shapes';

const CHROMIUM_MAX_MESSAGE = 256 * 1024;

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
  closeCalls = 0;

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
    this.closeCalls++;
    this.readyState = 'closed';
    this.onclose?.({});
  }
}

/** Two framed channels joined by fake platform channels; `guarded` gives each a ChannelGuard. */
function framedPair(guarded = false) {
  const rawA = new FakeChannel();
  const rawB = new FakeChannel();
  rawA.other = rawB;
  rawB.other = rawA;
  const guard = () => (guarded ? new ChannelGuard(BYTES_TEST_SHAPE) : null);
  const a = new FramedDataChannel(rawA, guard());
  const b = new FramedDataChannel(rawB, guard());
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
  it("ten 2 MiB messages (20 MiB, over Chromium's 16 MiB queue) arrive whole and in order", () => {
    const { rawA, a, received } = framedPair();
    const messages = Array.from({ length: 10 }, (_, i) => patterned(MAX_MESSAGE_BYTES, i + 3));
    for (const message of messages) a.send(message);
    a.send(Uint8Array.of(7, 7, 7));
    expect(rawA.mostBuffered).toBeLessThanOrEqual(HIGH_WATER_BYTES + MAX_FRAME_BYTES);
    expect(drainAll(rawA, a)).toBeGreaterThan(1);
    expect(rawA.mostBuffered).toBeLessThanOrEqual(HIGH_WATER_BYTES + MAX_FRAME_BYTES);
    expect(received).toHaveLength(11);
    for (const [i, message] of messages.entries())
      expect(Buffer.compare(received[i]!, message), `message ${i}`).toBe(0);
    expect([...received[10]!]).toEqual([7, 7, 7]);
  });

  it('refuses to send a message over the 2 MiB limit, which the peer would refuse', () => {
    const { rawA, a } = framedPair();
    expect(() => a.send(new Uint8Array(MAX_MESSAGE_BYTES + 1))).toThrow(RangeError);
    expect(rawA.sentFrames).toBe(0);
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
    for (let i = 0; i < 6; i++) a.send(patterned(MAX_MESSAGE_BYTES, 4 + i));
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
    for (let i = 0; i < 5; i++) a.send(patterned(MAX_MESSAGE_BYTES, 5 + i));
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

  it('delivers nothing for what an unframed peer sends (raw bytes), and cuts it off', () => {
    const { rawA, rawB, b, received } = framedPair();
    rawA.send(patterned(1000, 6)); // no frame header
    rawA.drain();
    expect(received).toHaveLength(0);
    expect(b.cutOffFor).toBe('bad-magic');
    expect(rawB.closeCalls).toBe(1);
  });

  it('reads text from the peer as no frame at all, and cuts it off', () => {
    const { rawB, b, received } = framedPair();
    rawB.onmessage?.({ data: 'hello' });
    expect(received).toHaveLength(0);
    expect(b.cutOffFor).toBe('truncated');
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

/** y-webrtc's sync message (type 0) of `step` (1 answer, 2 update) carrying a Yjs update. */
function syncMessage(update: Uint8Array, step = 2): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The sync step and the update of a y-webrtc sync message. */
function readSync(message: Uint8Array): { step: number; update: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  return { step: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) };
}

describe('a hostile peer is cut off (issue 16)', () => {
  /** A framed pair after the peer wrote `frames` straight onto b's platform channel. */
  function attacked(frames: Uint8Array[]) {
    const pair = framedPair();
    for (const f of frames) pair.rawB.onmessage?.({ data: f.slice().buffer });
    return pair;
  }

  it('frames claiming 65,535 parts: cut off at the first one, the channel closed', () => {
    const { b, rawB } = attacked([fullFrame(1, 0, 0xffff)]);
    expect(b.cutOffFor).toBe('too-large');
    expect(rawB.closeCalls).toBe(1);
    expect(rawB.readyState).toBe('closed');
  });

  it('a third unfinished message cuts the peer off, and the first two never complete', () => {
    const { b, rawB, received } = attacked([fullFrame(1, 0, 2), fullFrame(2, 0, 2)]);
    expect(b.cutOffFor).toBeNull();
    rawB.onmessage?.({ data: fullFrame(3, 0, 2).buffer });
    expect(b.cutOffFor).toBe('evicted');
    expect(rawB.closeCalls).toBe(1);
    for (const id of [1, 2, 3]) rawB.onmessage?.({ data: fullFrame(id, 1, 2).buffer });
    expect(received).toHaveLength(0);
  });

  it('after a cut-off nothing more is delivered, the channel is closed once, our queue dropped', () => {
    const { a, b, rawA, rawB, received } = framedPair();
    for (let i = 0; i < 10; i++) b.send(patterned(MAX_MESSAGE_BYTES, 20 + i));
    expect(b.bufferedAmount).toBeGreaterThan(rawB.bufferedAmount);
    rawB.onmessage?.({ data: fullFrame(1, 0, 0xffff).buffer });
    expect(b.cutOffFor).toBe('too-large');
    // What was queued in the framed channel is gone; only what the platform held is left.
    expect(b.bufferedAmount).toBe(rawB.bufferedAmount);
    const sent = rawB.sentFrames;
    rawB.readyState = 'open'; // even if the platform still took frames, none are left to give it
    rawB.drain();
    rawB.drain();
    expect(rawB.sentFrames).toBe(sent);
    // The peer's honest-looking messages and more attacks are not read any more.
    a.send(Uint8Array.of(1, 2, 3));
    rawA.drain();
    rawB.onmessage?.({ data: 'junk' });
    expect(received).toHaveLength(0);
    expect(b.cutOffFor).toBe('too-large');
    expect(rawB.closeCalls).toBe(1);
  });

  it("a guard's verdict `close` cuts the peer off: an unknown y-webrtc message type", () => {
    const { a, rawA, b, rawB, received } = framedPair(true);
    a.send(Uint8Array.of(9, 0));
    rawA.drain();
    expect(received).toHaveLength(0);
    expect(b.cutOffFor).toBe('unknown-message');
    expect(rawB.closeCalls).toBe(1);
  });

  it('a guarded channel delivers an update in the shape and cuts off one outside it', () => {
    const { a, rawA, b, received } = framedPair(true);
    const doc = new Y.Doc();
    doc.getMap('bytes').set('value', patterned(100, 1));
    a.send(syncMessage(Y.encodeStateAsUpdate(doc)));
    rawA.drain();
    expect(received).toHaveLength(1);
    const foreign = new Y.Doc();
    foreign.getMap('elsewhere').set('value', patterned(100, 1));
    a.send(syncMessage(Y.encodeStateAsUpdate(foreign)));
    rawA.drain();
    expect(received).toHaveLength(1);
    expect(b.cutOffFor).toBe('foreign-root');
  });

  it('a guarded channel sends a 3 MiB sync answer in parts the guarded peer accepts', () => {
    const { a, rawA, b, received } = framedPair(true);
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 48; i++) doc.getMap('bytes').set(`v${i}`, patterned(64 * 1024, i + 1));
    });
    const answer = syncMessage(Y.encodeStateAsUpdate(doc), 1);
    expect(answer.length).toBeGreaterThan(MAX_MESSAGE_BYTES); // unguarded, send would throw
    a.send(answer);
    drainAll(rawA, a);
    expect(b.cutOffFor).toBeNull();
    expect(received.length).toBeGreaterThan(2);
    const parts = received.map(readSync);
    expect(parts.map((p) => p.step)).toEqual([...parts.slice(1).map(() => 2), 1]);
    const copy = new Y.Doc();
    for (const part of parts) Y.applyUpdate(copy, part.update);
    expect(Buffer.compare(Y.encodeStateAsUpdate(copy), Y.encodeStateAsUpdate(doc))).toBe(0);
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

  it('gives each data channel, created or received, a guard of its own that it obeys', () => {
    const guards: ChannelGuard[] = [];
    const wrtc = framedWebrtc(fakePlatform, () => {
      guards.push(new ChannelGuard(BYTES_TEST_SHAPE));
      return guards.at(-1)!;
    });
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
    const made = pc.createDataChannel('made') as unknown as FramedDataChannel;
    pc.ondatachannel = () => {};
    const real = (pc as unknown as { whoAmI(): FakePeerConnection }).whoAmI();
    real.ondatachannel?.({ channel: new FakeChannel() });
    expect(guards).toHaveLength(2);
    expect(guards[0]).not.toBe(guards[1]);
    real.created[0]!.onmessage?.({ data: splitIntoFrames(Uint8Array.of(9), 1)[0]!.buffer });
    expect(made.cutOffFor).toBe('unknown-message');
    expect(real.created[0]!.closeCalls).toBe(1);
  });
});
