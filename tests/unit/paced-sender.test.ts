// PacedSender against a fake channel that throws, as Chromium does, once 16 MiB wait unsent.
import { describe, expect, it } from 'vitest';
import { HIGH_WATER_BYTES, LOW_WATER_BYTES, PacedSender } from '../../src-shared/sync/paced-sender';

describe('PacedSender', () => {
  /** A channel that buffers what it is sent until the test drains it, like an RTCDataChannel. */
  function fakeChannel() {
    const sent: Uint8Array[] = [];
    let buffered = 0;
    return {
      sent,
      get bufferedAmount() {
        return buffered;
      },
      send(frame: Uint8Array) {
        if (buffered + frame.length > 16 * 1024 * 1024) throw new Error('send queue is full');
        buffered += frame.length;
        sent.push(frame);
      },
      drain(bytes: number) {
        buffered = Math.max(0, buffered - bytes);
      },
    };
  }
  const frameOf = (i: number) => new Uint8Array(240 * 1024).fill(i % 256);

  it('never lets the channel hold much more than the high-water mark, and sends everything in order once drained', () => {
    const channel = fakeChannel();
    const sender = new PacedSender();
    const frames = Array.from({ length: 190 }, (_, i) => frameOf(i)); // ~45 MB, a 100k-message catch-up
    sender.enqueue(channel, frames);
    expect(channel.bufferedAmount).toBeLessThan(HIGH_WATER_BYTES + 240 * 1024);
    expect(sender.queuedBytes).toBeGreaterThan(0);

    for (let rounds = 0; sender.queuedBytes > 0 && rounds < 1000; rounds++) {
      channel.drain(HIGH_WATER_BYTES - LOW_WATER_BYTES);
      sender.pump(channel);
      expect(channel.bufferedAmount).toBeLessThan(HIGH_WATER_BYTES + 240 * 1024);
    }
    expect(sender.queuedBytes).toBe(0);
    // Same frames, same order (compared by identity: deep-comparing 45 MB would take minutes).
    expect(channel.sent.length).toBe(frames.length);
    expect(channel.sent.every((frame, i) => frame === frames[i])).toBe(true);
  });

  it('keeps the order of later messages behind a backlog', () => {
    const channel = fakeChannel();
    const sender = new PacedSender();
    sender.enqueue(
      channel,
      Array.from({ length: 40 }, (_, i) => frameOf(i)),
    );
    const late = new Uint8Array([1, 2, 3]);
    sender.enqueue(channel, [late]);
    expect(channel.sent).not.toContain(late);
    channel.drain(Number.MAX_SAFE_INTEGER);
    sender.pump(channel);
    channel.drain(Number.MAX_SAFE_INTEGER);
    sender.pump(channel);
    expect(channel.sent.at(-1)).toBe(late);
    expect(channel.sent).toHaveLength(41);
  });

  it('forgets its backlog when cleared (the connection closed)', () => {
    const channel = fakeChannel();
    const sender = new PacedSender();
    sender.enqueue(
      channel,
      Array.from({ length: 40 }, (_, i) => frameOf(i)),
    );
    sender.clear();
    channel.drain(Number.MAX_SAFE_INTEGER);
    sender.pump(channel);
    expect(sender.queuedBytes).toBe(0);
    expect(channel.sent.length).toBeLessThan(40);
  });

  it('drops the backlog when the channel refuses a frame (it is closing), without throwing', () => {
    const sender = new PacedSender();
    let sends = 0;
    const closing = {
      bufferedAmount: 0,
      send() {
        sends++;
        if (sends > 2) throw new Error('InvalidStateError');
      },
    };
    expect(() =>
      sender.enqueue(
        closing,
        Array.from({ length: 5 }, (_, i) => frameOf(i)),
      ),
    ).not.toThrow();
    expect(sender.queuedBytes).toBe(0);
    expect(sends).toBe(3);
  });
});
