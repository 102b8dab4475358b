// A Node peer (@roamhq/wrtc) and a Chromium peer (its own browser process, the transport bundled
// by esbuild, no Vite) meet through Hearth's signaling server on 127.0.0.1 and exchange a
// document update of several MiB in each direction: many 64 KiB values set in one transaction.
// Both are made by src-shared's createWebrtcProvider. Each update is far over Chromium's 256 KiB
// limit: without framing, Chromium refuses it, y-webrtc swallows the error (upstream
// yjs/y-webrtc#20) and it never arrives; with framing on one side only, the other side cannot
// read it. It is also over what a peer accepts in one message (1 MiB of update, channel-guard.ts),
// so the sender's guard splits it and the receiver's guard takes each part: it arrives as several
// updates of at most 1 MiB.
import wrtc from '@roamhq/wrtc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import type { WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import {
  createWebrtcProvider,
  type HearthWebrtcProvider,
} from '../../src-shared/sync/webrtc-provider';
import { MAX_UPDATE_MESSAGE_BYTES } from '../../src-shared/sync/channel-guard';
import { holdsValues, setValues } from '../support/byte-values';
import { BYTES_TEST_SHAPE } from '../support/test-shapes';
import { openTransportPage, type TransportPage } from './transport-page';

/** 6 MiB from Node and 5 MiB from the page, as 64 KiB values, each checked byte for byte. */
const FROM_NODE_VALUES = 96;
const FROM_PAGE_VALUES = 80;
const ROOM = `transport-e2e-${Date.now()}`;
const PASSWORD = 'transport e2e password';

/** Rejects if the promise has not settled within `ms`: a message that never comes fails fast. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

type PageWindow = {
  hearthTransport: {
    Y: typeof Y;
    createWebrtcProvider: typeof createWebrtcProvider;
    setValues: typeof setValues;
    holdsValues: typeof holdsValues;
    shape: typeof BYTES_TEST_SHAPE;
  };
  peer: { doc: Y.Doc; transport: HearthWebrtcProvider; synced: boolean; updates: number[] };
};

let signal: SignalingServer;
let chromiumPeer: TransportPage;
let nodeDoc: Y.Doc;
let nodePeer: HearthWebrtcProvider;
let nodeSynced = false;

beforeAll(async () => {
  // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  chromiumPeer = await openTransportPage(
    `import * as Y from 'yjs';
     import { createWebrtcProvider } from './src-shared/sync/webrtc-provider';
     import { holdsValues, setValues } from './tests/support/byte-values';
     import { BYTES_TEST_SHAPE } from './tests/support/test-shapes';
     window.hearthTransport = {
       Y, createWebrtcProvider, setValues, holdsValues, shape: BYTES_TEST_SHAPE,
     };`,
  );
});

afterAll(async () => {
  nodePeer?.destroy();
  await chromiumPeer?.close();
  await signal?.close();
});

describe('the shared transport between a Node peer and a Chromium peer', () => {
  it('carries a multi-MiB update each way, byte for byte, in parts through both guards', async () => {
    await chromiumPeer.page.evaluate(
      ([name, password, url]) => {
        const w = window as unknown as PageWindow;
        const { Y, createWebrtcProvider, shape } = w.hearthTransport;
        const doc = new Y.Doc();
        const transport = createWebrtcProvider({
          name,
          password,
          doc,
          shape,
          signalingUrls: [url],
          iceServers: [],
          platform: { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate } as never,
        });
        w.peer = { doc, transport, synced: false, updates: [] };
        // The size of every update that came from the peer, as the receiving guard let it through.
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== null) w.peer.updates.push(update.length);
        });
        transport.provider.on('synced', ({ synced }: { synced: boolean }) => {
          w.peer.synced = synced;
        });
      },
      [ROOM, PASSWORD, signal.url] as const,
    );
    // The Chromium peer is in the room before the Node peer announces itself, so only Chromium
    // answers an announcement and makes the offer. When both announce at once, y-webrtc settles
    // the glare by having one side take an offer while it holds its own: Chromium rolls its own
    // back, but the older libwebrtc in @roamhq/wrtc may refuse, and y-webrtc does not try again.
    // That is our best reading of the one failure seen in a full run (the peers never connected);
    // this test is about the transport, so the peers meet in order.
    await expect
      .poll(
        () =>
          chromiumPeer.page.evaluate(() => {
            const { provider } = (window as unknown as PageWindow).peer.transport;
            const conns = provider.signalingConns as unknown as { connected: boolean }[];
            return provider.room !== null && conns.some((c) => c.connected);
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    await new Promise((done) => setTimeout(done, 250));
    nodeDoc = new Y.Doc();
    const nodeUpdates: number[] = [];
    nodeDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== null) nodeUpdates.push(update.length);
    });
    nodePeer = createWebrtcProvider({
      name: ROOM,
      password: PASSWORD,
      doc: nodeDoc,
      shape: BYTES_TEST_SHAPE,
      signalingUrls: [signal.url],
      iceServers: [],
      platform: wrtc as unknown as WebrtcPlatform,
    });
    nodePeer.provider.on('synced', ({ synced }: { synced: boolean }) => {
      nodeSynced = synced;
    });
    const pageSynced = () =>
      chromiumPeer.page.evaluate(() => {
        const { peer } = window as unknown as PageWindow;
        return peer.transport.peerCount === 1 && peer.synced;
      });
    await expect.poll(() => nodePeer.peerCount === 1 && nodeSynced, { timeout: 30_000 }).toBe(true);
    await expect.poll(pageSynced, { timeout: 30_000 }).toBe(true);

    const fromNodeArrived = chromiumPeer.page.evaluate((count) => {
      const { peer, hearthTransport } = window as unknown as PageWindow;
      const map = peer.doc.getMap<Uint8Array>('bytes');
      return new Promise<boolean>((done) => {
        const check = () => {
          if (!map.has(`node${count - 1}`)) return;
          map.unobserve(check);
          done(hearthTransport.holdsValues(peer.doc, 'node', count, 1000));
        };
        map.observe(check);
        check();
      });
    }, FROM_NODE_VALUES);
    const nodeMap = nodeDoc.getMap<Uint8Array>('bytes');
    const fromPageArrived = new Promise<void>((done) => {
      const check = () => {
        if (nodeMap.has(`page${FROM_PAGE_VALUES - 1}`)) done();
      };
      nodeMap.observe(check);
    });

    setValues(nodeDoc, 'node', FROM_NODE_VALUES, 1000);
    await chromiumPeer.page.evaluate((count) => {
      const { peer, hearthTransport } = window as unknown as PageWindow;
      hearthTransport.setValues(peer.doc, 'page', count, 2000);
    }, FROM_PAGE_VALUES);

    expect(await within(fromNodeArrived, 30_000, 'the update from Node')).toBe(true);
    await within(fromPageArrived, 30_000, 'the update from Chromium');
    expect(holdsValues(nodeDoc, 'page', FROM_PAGE_VALUES, 2000)).toBe(true);
    // Each side got the other's 5-6 MiB as several updates, none over what a guard accepts.
    const pageUpdates = await chromiumPeer.page.evaluate(
      () => (window as unknown as PageWindow).peer.updates,
    );
    for (const updates of [pageUpdates, nodeUpdates]) {
      expect(updates.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...updates)).toBeLessThanOrEqual(MAX_UPDATE_MESSAGE_BYTES);
    }
    // Neither peer was cut off: both are still connected to each other.
    expect(nodePeer.peerCount).toBe(1);
  });
});
