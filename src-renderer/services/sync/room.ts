// One y-webrtc room, with the two facts the UI needs: does any signaling server answer, and
// how many peers are connected. ICE servers are explicit: never a public STUN by default.
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { DeferredRelay } from '../../../src-shared/sync/deferred-relay';

export interface RoomOptions {
  name: string;
  password: string;
  doc: Y.Doc;
  signalingUrls: string[];
  iceServers: RTCIceServer[];
}

type Listener = () => void;
interface SignalingConnLike {
  connected: boolean;
  on(event: 'connect' | 'disconnect', f: Listener): void;
  off(event: 'connect' | 'disconnect', f: Listener): void;
}

/** The parts of y-webrtc's internal Room that Hearth adjusts (y-webrtc 10.3). */
interface YRoomInternals {
  _docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
  webrtcConns: Map<string, unknown>;
  bcConns: Set<string>;
  bcconnected: boolean;
}

export class Room {
  readonly provider: WebrtcProvider;
  private readonly conns: SignalingConnLike[];
  private relay: DeferredRelay | null = null;

  constructor(
    options: RoomOptions,
    private readonly onChange: Listener,
  ) {
    this.provider = new WebrtcProvider(options.name, options.doc, {
      signaling: options.signalingUrls,
      password: options.password,
      // Full mesh for small circles; the cap protects a machine from a flood of peers.
      maxConns: 40,
      // The cross-tab channel is a no-op in Hearth (no-broadcast-channel.ts), so no peer is
      // known through it and none is filtered out.
      filterBcConns: false,
      peerOpts: { config: { iceServers: options.iceServers } },
    });
    this.provider.on('peers', onChange);
    this.conns = this.provider.signalingConns as unknown as SignalingConnLike[];
    // y-webrtc opens its room once the password's key is derived; adjust it right after.
    void (this.provider as unknown as { key: PromiseLike<unknown> }).key.then(() =>
      this.deferForwarding(),
    );
    for (const c of this.conns) {
      c.on('connect', onChange);
      c.on('disconnect', onChange);
    }
  }

  get signalingReachable(): boolean {
    return this.conns.some((c) => c.connected);
  }

  get peerCount(): number {
    return this.provider.room?.webrtcConns.size ?? 0;
  }

  /** Calls back each time the room has exchanged documents with every connected peer. */
  onSynced(listener: () => void): void {
    this.provider.on('synced', ({ synced }: { synced: boolean }) => {
      if (synced) listener();
    });
  }

  get awareness() {
    return this.provider.awareness;
  }

  /**
   * Sends our own updates at once, as y-webrtc does, but forwards updates from peers later and
   * coalesced (see deferred-relay.ts). y-webrtc's connect/disconnect use the replaced handler.
   */
  private deferForwarding(): void {
    const room = this.provider.room as unknown as YRoomInternals | null;
    if (room === null || this.relay !== null) return;
    const doc = this.provider.doc;
    const sendNow = room._docUpdateHandler;
    const relay = new DeferredRelay(
      {
        forward: (update) => sendNow(update, room),
        hasOtherPeers: () => room.webrtcConns.size > 1,
      },
      {
        mergeUpdates: Y.mergeUpdates,
        setTimer: (run, ms) => setTimeout(run, ms),
        clearTimer: (t) => clearTimeout(t as number),
      },
    );
    const handler = (update: Uint8Array, origin: unknown) =>
      origin === room ? relay.add(update) : sendNow(update, origin);
    doc.off('update', sendNow);
    room._docUpdateHandler = handler;
    if (this.provider.connected) doc.on('update', handler);
    // Nothing listens on the cross-tab channel (no-broadcast-channel.ts): skip encrypting for it.
    room.bcconnected = false;
    this.relay = relay;
  }

  destroy(): void {
    this.relay?.dispose();
    this.provider.off('peers', this.onChange);
    for (const c of this.conns) {
      c.off('connect', this.onChange);
      c.off('disconnect', this.onChange);
    }
    this.provider.destroy();
  }
}
