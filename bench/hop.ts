// The floor under delivery: one bare data-channel hop between two EMPTY pages, each its own
// Chromium process launched as the app's peers are (bench/peers.ts), with a plain
// RTCPeerConnection pair: no Yjs, no Hearth, no framing. Timed exactly as delivery is: the
// receiver's watch and the DevTools call awaiting it are in place before the send, the sender
// sends from a timer after its DevTools call has answered, and the send time is fetched after.
// deliveryP50Ms / hopP50Ms is then what Hearth adds on top of the wire.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { closePeer, launch, SEND_DELAY_MS, type BenchPeer } from './peers';

/** Untimed messages first, as delivery sends one warm-up message and waits for it. */
const WARM_UP = 20;
/**
 * Bytes per message: what y-webrtc sends for one short chat message (a sealed record in a Yjs
 * update, framed), as seen on the app's data channel. The first four bytes number the message.
 */
const HOP_BYTES = 343;

/** Serves one empty page on 127.0.0.1 (a secure context, like the app's). */
async function serveEmptyPage(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>hop</title>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

type HopWindow = {
  pc: RTCPeerConnection;
  channel: RTCDataChannel;
  opened: Promise<void>;
  hopSent?: Promise<number>;
};

/** Makes the page's peer connection; the offerer also makes the channel. */
async function makePeer(page: Page, offerer: boolean): Promise<void> {
  await page.evaluate((offerer) => {
    const w = window as unknown as HopWindow;
    w.pc = new RTCPeerConnection({ iceServers: [] });
    w.opened = new Promise<void>((open) => {
      const take = (channel: RTCDataChannel) => {
        w.channel = channel;
        channel.binaryType = 'arraybuffer';
        if (channel.readyState === 'open') open();
        else channel.onopen = () => open();
      };
      if (offerer) take(w.pc.createDataChannel('hop'));
      else w.pc.ondatachannel = (e) => take(e.channel);
    });
  }, offerer);
}

/** The page's local description once ICE gathering is complete (no trickle: loopback only). */
const localDescription = (
  page: Page,
  make: 'offer' | 'answer',
  remote?: RTCSessionDescriptionInit,
) =>
  page.evaluate(
    async ([make, remote]) => {
      const { pc } = window as unknown as HopWindow;
      if (remote) await pc.setRemoteDescription(remote);
      await pc.setLocalDescription(make === 'offer' ? await pc.createOffer() : undefined);
      await new Promise<void>((done) => {
        if (pc.iceGatheringState === 'complete') return done();
        pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && done();
      });
      return pc.localDescription!.toJSON();
    },
    [make, remote] as const,
  );

/** Watches the receiving page for one message; resolves with the page's clock at its arrival. */
async function watchHop(page: Page, n: number): Promise<() => Promise<number>> {
  const watch = await page.evaluateHandle((n) => {
    const { channel } = window as unknown as HopWindow;
    return {
      seen: new Promise<number>((resolve) => {
        channel.onmessage = (e: MessageEvent<ArrayBuffer>) => {
          const at = performance.timeOrigin + performance.now();
          if (new DataView(e.data).getInt32(0) === n) resolve(at);
        };
      }),
    };
  }, n);
  const seen = watch.evaluate((w) => w.seen).finally(() => watch.dispose());
  seen.catch(() => {});
  // DevTools calls to one page run in order: once this returns, the page holds the call above.
  await page.evaluate('0');
  return () => seen;
}

/** Sends message n from a timer, after this call has answered; records the page's clock. */
const sendHop = (page: Page, n: number) =>
  page.evaluate(
    ([n, bytes, delay]) => {
      const w = window as unknown as HopWindow;
      w.hopSent = new Promise((resolve) =>
        setTimeout(() => {
          const t = performance.timeOrigin + performance.now();
          const message = new Uint8Array(bytes);
          new DataView(message.buffer).setInt32(0, n);
          w.channel.send(message);
          resolve(t);
        }, delay),
      );
    },
    [n, HOP_BYTES, SEND_DELAY_MS] as const,
  );

/** One-way hop times (ms) for `messages` messages between two empty pages in two processes. */
export async function measureHop(messages: number): Promise<number[]> {
  const site = await serveEmptyPage();
  const peers: BenchPeer[] = [];
  try {
    const a = await launch(site.url, undefined, false);
    peers.push(a);
    const b = await launch(site.url, undefined, false);
    peers.push(b);
    await makePeer(a.page, true);
    await makePeer(b.page, false);
    const offer = await localDescription(a.page, 'offer');
    const answer = await localDescription(b.page, 'answer', offer);
    await a.page.evaluate((answer) => {
      return (window as unknown as HopWindow).pc.setRemoteDescription(answer);
    }, answer);
    for (const p of [a, b]) await p.page.evaluate(() => (window as unknown as HopWindow).opened);

    const times: number[] = [];
    for (let i = -WARM_UP; i < messages; i++) {
      const seen = await watchHop(b.page, i);
      await sendHop(a.page, i);
      const seenAt = await seen();
      const sentAt = await a.page.evaluate(() => (window as unknown as HopWindow).hopSent!);
      if (i >= 0) times.push(seenAt - sentAt);
    }
    return times;
  } finally {
    await Promise.all(peers.map(closePeer));
    await site.close();
  }
}
