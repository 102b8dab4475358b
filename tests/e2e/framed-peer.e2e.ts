// simple-peer with src-shared's framed WebRTC (its public `wrtc` option, as y-webrtc is given it)
// over a real Chromium data channel: a message far over both Chromium limits (256 KiB per
// message, 16 MiB queued) arrives whole. This is the size of a late joiner's catch-up in a circle
// of about 50,000 messages.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';

const MESSAGE_BYTES = 20 * 1024 * 1024;

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
  it('delivers a 20 MiB message whole and in order, with later messages behind it', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate(async (size) => {
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
      const big = new Uint8Array(size);
      for (let i = 0; i < size; i += 4096) big[i] = (i / 4096) % 251;
      const received: Uint8Array[] = [];
      const allIn = new Promise<void>((done) =>
        b.on('data', (d) => {
          received.push(d as Uint8Array);
          if (received.length === 2) done();
        }),
      );
      a.send(big);
      a.send(new Uint8Array([7, 7, 7]));
      await allIn;
      const first = received[0]!;
      let same = first.length === size;
      for (let i = 0; same && i < size; i += 4096) same = first[i] === (i / 4096) % 251;
      a.destroy();
      b.destroy();
      return { firstBytes: first.length, same, second: [...received[1]!] };
    }, MESSAGE_BYTES);
    expect(result).toEqual({ firstBytes: MESSAGE_BYTES, same: true, second: [7, 7, 7] });
  });
});
