// A hostile peer in Node (@roamhq/wrtc): it holds what an attacker holds (a room's name and
// password, from a room secret or a share code), joins the room through Hearth's own provider, as
// any peer must to be understood, and then misbehaves. It keeps a hand on the raw data channels
// beneath the framing, so it can write frames the framing would never make, and on y-webrtc's
// connections, so it can send protocol messages (awareness) as it likes.
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { PlatformDataChannel } from '../../src-shared/sync/framed-channel';
import type { PlatformPeerConnection, WebrtcPlatform } from '../../src-shared/sync/framed-webrtc';
import type { DocShape } from '../../src-shared/sync/update-guard';
import {
  createWebrtcProvider,
  type HearthWebrtcProvider,
} from '../../src-shared/sync/webrtc-provider';

/** The part of y-webrtc's WebrtcConn used here (y-webrtc 10.3) and of its simple-peer. */
interface WebrtcConnLike {
  connected: boolean;
  remotePeerId: string;
  /** simple-peer names the connection's one data channel with a random label (its channelName). */
  peer: { send(data: Uint8Array): void; channelName?: string };
}

/**
 * The platform's WebRTC with every data channel it makes or receives recorded before the framing
 * wraps it. A Proxy, as framed-webrtc.ts explains: @roamhq/wrtc defines `ondatachannel` on each
 * instance, and its methods must run on the real connection.
 */
function recordingWebrtc(
  channels: Set<PlatformDataChannel>,
  onChannel: () => void,
): WebrtcPlatform {
  const keep = (channel: PlatformDataChannel) => {
    channels.add(channel);
    onChannel();
    return channel;
  };
  const platform = wrtc as unknown as WebrtcPlatform;
  const Recording = function (config?: object) {
    const pc = new platform.RTCPeerConnection(config);
    const bound = new Map<PropertyKey, unknown>();
    return new Proxy(pc, {
      get(target, key) {
        if (key === 'createDataChannel')
          return (label: string, init?: object) => keep(target.createDataChannel(label, init));
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (!bound.has(key)) bound.set(key, (value as (...a: unknown[]) => unknown).bind(target));
        return bound.get(key);
      },
      set(target, key, value: unknown) {
        if (key !== 'ondatachannel') return Reflect.set(target, key, value, target);
        const listener = value as PlatformPeerConnection['ondatachannel'];
        target.ondatachannel =
          listener === null ? null : (event) => listener({ channel: keep(event.channel) });
        return true;
      },
    });
  } as unknown as WebrtcPlatform['RTCPeerConnection'];
  return {
    RTCPeerConnection: Recording,
    RTCSessionDescription: platform.RTCSessionDescription,
    RTCIceCandidate: platform.RTCIceCandidate,
  };
}

export interface HostileRoom {
  /** y-webrtc's room name: 'hearth-…' from a room secret, or a lobby's from a share code. */
  name: string;
  password: string;
  signalingUrl: string;
  /**
   * The room's document shape, as its honest peers hold it: the hostile peer's own provider
   * judges what they send it by it, like any peer's, and must not cut them off.
   */
  shape: DocShape;
}

/** One hostile connection to a room: its own y-webrtc peer id, document and raw channels. */
export class HostilePeer {
  readonly doc = new Y.Doc();
  readonly transport: HearthWebrtcProvider;
  private readonly channels = new Set<PlatformDataChannel>();
  private readonly allies = new Set<string>();
  /** Data channels made or received so far: each one is a connection the peers let it have. */
  channelsSeen = 0;

  constructor(room: HostileRoom) {
    // Node 20 has no global WebSocket; y-webrtc's signaling client (lib0) needs one.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
    this.transport = createWebrtcProvider({
      name: room.name,
      password: room.password,
      doc: this.doc,
      shape: room.shape,
      signalingUrls: [room.signalingUrl],
      iceServers: [],
      platform: recordingWebrtc(this.channels, () => this.channelsSeen++),
    });
  }

  /** y-webrtc's id for this peer in the room (once the room is open). */
  get peerId(): string | undefined {
    return this.transport.provider.room?.peerId;
  }

  /** The raw data channels, open now, to peers that are not allies. */
  rawChannels(): PlatformDataChannel[] {
    for (const c of this.channels) if (c.readyState === 'closed') this.channels.delete(c);
    const labels = new Set(this.conns().map((c) => c.peer.channelName));
    return [...this.channels].filter((c) => c.readyState === 'open' && labels.has(c.label));
  }

  /** y-webrtc's connections that are open now, to peers that are not allies. */
  private conns(): WebrtcConnLike[] {
    const room = this.transport.provider.room as unknown as {
      webrtcConns: Map<string, WebrtcConnLike>;
    } | null;
    return room
      ? [...room.webrtcConns.values()].filter(
          (c) => c.connected && !this.allies.has(c.remotePeerId),
        )
      : [];
  }

  /** Hostile peers in other processes (by y-webrtc peer id): not to be attacked or counted. */
  addAllies(peerIds: Iterable<string>): void {
    for (const id of peerIds) this.allies.add(id);
  }

  /** How many peers (allies aside) this one has an open connection with. */
  get connectedPeers(): number {
    return this.conns().length;
  }

  /** Sends one y-webrtc message (framed, as every peer expects) to every connected peer. */
  sendMessage(message: Uint8Array): void {
    for (const conn of this.conns())
      try {
        conn.peer.send(message);
      } catch {
        // A connection that closed under us: the next one will do.
      }
  }

  /** Waits until this peer has open connections with `peers` peers and has synced. */
  async waitForPeers(peers: number, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.connectedPeers < peers || !this.transport.provider.room?.synced) {
      if (Date.now() > until)
        throw new Error(`hostile peer reached ${this.connectedPeers} of ${peers} peers`);
      await sleep(100);
    }
  }

  destroy(): void {
    this.transport.destroy();
  }
}

/**
 * The hostile peer of one test file, in this process: one at a time, since y-webrtc keeps one
 * room of a name per process (hostile-flooder.ts runs more in processes of their own).
 */
export class HostileCrew {
  private current: HostilePeer | null = null;

  constructor(private readonly room: () => HostileRoom) {}

  /** A new hostile peer, once in touch with `targets` honest peers; the one before must have left. */
  async join(targets: number): Promise<HostilePeer> {
    if (this.current) throw new Error('one hostile peer per room and process: leave() first');
    // On a machine busy with the flooders of the test before, a member may not answer a new peer's
    // announcement in time (y-webrtc announces once); a second peer, with a new id, announces again.
    for (let attempt = 1; ; attempt++) {
      const peer = new HostilePeer(this.room());
      this.current = peer;
      try {
        await peer.waitForPeers(targets);
        return peer;
      } catch (e) {
        this.leave();
        if (attempt === 2) throw e;
        console.log(`hostile peer: ${e instanceof Error ? e.message : 'no peers'}; joining again`);
      }
    }
  }

  leave(): void {
    this.current?.destroy();
    this.current = null;
  }
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Gives a channel no more than this many unsent bytes; beyond it @roamhq/wrtc may throw. */
const FLOOD_HIGH_WATER = 4 * 1024 * 1024;

/**
 * Writes frames to every open raw channel of `peers` as fast as each channel drains, until
 * `untilMs` (Date.now()), picking up new connections as they open (a peer that was cut off
 * connects again). Each channel gets its own sequence of frames from `framesFor()`, so a message
 * is never split across connections. Returns the bytes written.
 */
export async function flood(
  peers: readonly HostilePeer[],
  framesFor: () => () => Uint8Array,
  untilMs: number,
): Promise<number> {
  const sequences = new WeakMap<PlatformDataChannel, () => Uint8Array>();
  let written = 0;
  while (Date.now() < untilMs) {
    let sent = false;
    for (const peer of peers)
      for (const channel of peer.rawChannels()) {
        if (channel.bufferedAmount > FLOOD_HIGH_WATER) continue;
        let next = sequences.get(channel);
        if (!next) sequences.set(channel, (next = framesFor()));
        try {
          const frame = next();
          channel.send(frame);
          written += frame.length;
          sent = true;
        } catch {
          // Closed between the look and the send: the receiver hung up, as it may.
        }
      }
    // Yield to the event loop either way, so the channels' own events (open, close) run.
    await sleep(sent ? 0 : 5);
  }
  return written;
}
