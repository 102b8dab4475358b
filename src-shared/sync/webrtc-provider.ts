// The one place a y-webrtc provider is made, for the renderer and for Node programs alike (test
// peers today, the blind relay next): framed and paced data channels through simple-peer's public
// `wrtc` option, explicit ICE servers (never a public STUN by default), forwards deferred, and
// connections that stall while opening given up so the pair tries again (stalled-connections.ts).
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { ChannelGuard } from './channel-guard';
import { DeferredRelay } from './deferred-relay';
import { framedWebrtc, type WebrtcPlatform } from './framed-webrtc';
import { isolateSignalingConnections } from './signaling-isolation';
import { CHECK_EVERY_MS, StalledConnections, type WebrtcConnLike } from './stalled-connections';
import type { DocShape } from './update-guard';

/** An ICE server as RTCPeerConnection takes it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface WebrtcProviderOptions {
  /** y-webrtc's room name (a hash of the room secret, never a circle id). */
  name: string;
  password: string;
  doc: Y.Doc;
  /** What the document holds: a peer's update outside it cuts that peer off (update-guard.ts). */
  shape: DocShape;
  signalingUrls: string[];
  iceServers: readonly IceServer[];
  /** 'relay' offers only TURN-relayed candidates, so peers never learn this computer's address. */
  iceTransportPolicy?: 'all' | 'relay';
  /** The runtime's WebRTC: a page's globals, or `@roamhq/wrtc` in Node. */
  platform: WebrtcPlatform;
}

export interface HearthWebrtcProvider {
  readonly provider: WebrtcProvider;
  /** Peers with a WebRTC connection, open or opening, as y-webrtc last reported them. */
  readonly peerCount: number;
  /** Stops forwarding and closes the provider. */
  destroy(): void;
}

/**
 * The parts of y-webrtc's internal Room that Hearth adjusts (y-webrtc 10.3). y-webrtc has no
 * option to defer forwards: it relays every update from a peer to all peers at once, as its
 * answer to partial meshes (upstream yjs/y-webrtc#22), so the handler is replaced.
 */
interface YRoomInternals {
  _docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
  bcconnected: boolean;
  webrtcConns: Map<string, WebrtcConnLike>;
}

/**
 * Opens a y-webrtc room whose every data channel carries messages of any size whole, whose
 * forwards of peers' updates are deferred and coalesced, and which posts nothing to the
 * cross-tab channel. Every Hearth peer must be made here, or it will not understand the others.
 */
export function createWebrtcProvider(options: WebrtcProviderOptions): HearthWebrtcProvider {
  // Each signaling connection carries only the rooms of the providers that opened it, whatever
  // program this is (signaling-isolation.ts).
  isolateSignalingConnections();
  const provider = new WebrtcProvider(options.name, options.doc, {
    signaling: options.signalingUrls,
    password: options.password,
    // Full mesh for small circles; the cap protects a machine from a flood of peers.
    maxConns: 40,
    // Tabs of one browser are peers like any other (there is one window per profile); y-webrtc's
    // maintainer keeps the cross-tab channel on (upstream yjs/y-webrtc#10), so it is cut below.
    filterBcConns: false,
    peerOpts: {
      // simple-peer hands `config` to RTCPeerConnection as it is (simple-peer 9, index.js).
      config: {
        iceServers: options.iceServers,
        iceTransportPolicy: options.iceTransportPolicy ?? 'all',
      },
      // Each connection judges what its peer sends on its own budget (channel-guard.ts).
      wrtc: framedWebrtc(options.platform, () => new ChannelGuard(options.shape, options.doc)),
    },
  });
  let peerCount = 0;
  const countPeers = ({ webrtcPeers }: { webrtcPeers: string[] }) => {
    peerCount = webrtcPeers.length;
  };
  provider.on('peers', countPeers);

  let relay: DeferredRelay | null = null;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  // y-webrtc opens its room once the password's key is derived, connects it, then reports its
  // status: the first status with a room is the moment to adjust it.
  const onStatus = () => {
    if (provider.room === null || relay !== null) return;
    provider.off('status', onStatus);
    relay = deferForwarding(provider, () => peerCount);
    const conns = (provider.room as unknown as YRoomInternals).webrtcConns;
    const stalled = new StalledConnections();
    // Listened to as they are added, before they open, so that no first message is missed.
    provider.on('peers', () => stalled.watch(conns.values()));
    const look = () => {
      // Looked at again whatever a peer's connection does to this look.
      watchdog = setTimeout(look, CHECK_EVERY_MS);
      stalled.check(conns.values(), Date.now());
    };
    watchdog = setTimeout(look, CHECK_EVERY_MS);
  };
  provider.on('status', onStatus);

  return {
    provider,
    get peerCount() {
      return peerCount;
    },
    destroy() {
      relay?.dispose();
      if (watchdog !== null) clearTimeout(watchdog);
      provider.off('status', onStatus);
      // Each of the room's connections, as it closes below, has y-webrtc subscribe to the room
      // again and announce us in it (its close handler does so unconditionally): the others would
      // then offer connections to a peer that is gone, and re-announce when those stall, which
      // starts new races with whoever is connecting. With no connections allowed, y-webrtc
      // neither announces nor accepts an announcement.
      provider.maxConns = 0;
      provider.off('peers', countPeers);
      // y-webrtc's destroy() leaves the provider on its signaling connections (so the socket of
      // a room left for a new epoch stays open) and its awareness ticking every few seconds:
      // disconnect() releases the sockets no other room uses, and the awareness is ours to end.
      provider.disconnect();
      provider.awareness.destroy();
      provider.destroy();
    },
  };
}

/**
 * Sends our own updates at once, as y-webrtc does, but forwards updates from peers later and
 * coalesced (see deferred-relay.ts). y-webrtc's connect/disconnect use the replaced handler.
 */
function deferForwarding(provider: WebrtcProvider, peerCount: () => number): DeferredRelay {
  const room = provider.room as unknown as YRoomInternals;
  const doc = provider.doc;
  const sendNow = room._docUpdateHandler;
  const relay = new DeferredRelay(
    {
      forward: (update) => sendNow(update, room),
      hasOtherPeers: () => peerCount() > 1,
    },
    {
      mergeUpdates: Y.mergeUpdates,
      now: () => Date.now(),
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    },
  );
  const handler = (update: Uint8Array, origin: unknown) =>
    origin === room ? relay.add(update) : sendNow(update, origin);
  doc.off('update', sendNow);
  room._docUpdateHandler = handler;
  if (provider.connected) doc.on('update', handler);
  // Nothing is posted to the cross-tab channel after this: no encrypting every update for it.
  // (The renderer's build also replaces the channel itself; see vite.config.ts for why that
  // part cannot be done here.)
  room.bcconnected = false;
  return relay;
}
