// simple-peer with src-shared's framed WebRTC (its public `wrtc` option, as y-webrtc is given it)
// over a real Chromium data channel: ten messages of the largest size a peer accepts (2 MiB, far
// over Chromium's 256 KiB per message), 20 MiB in all (over the 16 MiB Chromium queues), arrive
// whole and in order. That is the size of a late joiner's catch-up in a circle of about 50,000
// messages, which goes out as parts of at most 1 MiB (channel-guard.ts).
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';
import { MAX_MESSAGE_BYTES } from '../../src-shared/sync/framing';

const MESSAGES = 10;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const entry = `
    import SimplePeer from 'simple-peer/simplepeer.min.js';
    import { framedWebrtc } from ${JSON.stringify(resolve('src-shared/sync/framed-webrtc.ts'))};
    const wrtc = framedWebrtc({ RTCPeerConnection, RTCSessionDescription, RTCIceCandidate });
    window.FramedPeer = class extends SimplePeer {
      constructor(opts) { super({ ...opts, wrtc }); }
    };`;
  const out = await build({
    stdin: { contents: entry, resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

describe('framed data channels on a real Chromium connection', () => {
  it('delivers ten 2 MiB messages (20 MiB) whole and in order, with a later one behind them', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate(
      async ([count, size]) => {
        type Peer = {
          on(e: string, f: (x: unknown) => void): void;
          signal(s: unknown): void;
          send(b: Uint8Array): void;
          destroy(): void;
        };
        const Ctor = (window as unknown as { FramedPeer: new (o: object) => Peer }).FramedPeer;
        const a = new Ctor({ initiator: true });
        const b = new Ctor({});
        a.on('signal', (s) => b.signal(s));
        b.on('signal', (s) => a.signal(s));
        await new Promise((done) => a.on('connect', done));
        // Message m holds (m + i / 4096) % 251 every 4096 bytes: a lost, repeated or swapped
        // frame or message shows.
        const mark = (m: number, i: number) => (m + i / 4096) % 251;
        const received: Uint8Array[] = [];
        const allIn = new Promise<void>((done) =>
          b.on('data', (d) => {
            received.push(d as Uint8Array);
            if (received.length === count + 1) done();
          }),
        );
        for (let m = 0; m < count; m++) {
          const message = new Uint8Array(size);
          for (let i = 0; i < size; i += 4096) message[i] = mark(m, i);
          a.send(message);
        }
        a.send(new Uint8Array([7, 7, 7]));
        await allIn;
        const whole = received.slice(0, count).map((got, m) => {
          let same = got.length === size;
          for (let i = 0; same && i < size; i += 4096) same = got[i] === mark(m, i);
          return same;
        });
        a.destroy();
        b.destroy();
        return { whole, last: [...received[count]!] };
      },
      [MESSAGES, MAX_MESSAGE_BYTES] as const,
    );
    expect(result).toEqual({ whole: new Array(MESSAGES).fill(true), last: [7, 7, 7] });
  });
});
