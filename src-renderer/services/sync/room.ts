// One y-webrtc room, with the two facts the UI needs: does any signaling server answer, and
// how many peers are connected. The provider itself, with the transport every Hearth peer
// speaks, is made in src-shared (webrtc-provider.ts), as Node peers make theirs.
import type { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import {
  createWebrtcProvider,
  type HearthWebrtcProvider,
} from '../../../src-shared/sync/webrtc-provider';
import type { WebrtcPlatform } from '../../../src-shared/sync/framed-webrtc';
import type { DocShape } from '../../../src-shared/sync/update-guard';

export interface RoomOptions {
  name: string;
  password: string;
  doc: Y.Doc;
  /** What the document holds (src-shared/circle/doc-shapes.ts); peers outside it are cut off. */
  shape: DocShape;
  signalingUrls: string[];
  iceServers: RTCIceServer[];
  /** 'relay' while the person hides their IP address (circles/room-connection.ts). */
  iceTransportPolicy?: RTCIceTransportPolicy;
}

type Listener = () => void;
/**
 * y-webrtc's signaling connection (lib0's WebsocketClient). y-webrtc reports no signaling status
 * of its own (upstream yjs/y-webrtc#64), so its connections are watched directly.
 */
interface SignalingConnLike {
  connected: boolean;
  url: string;
  on(event: 'connect' | 'disconnect', f: Listener): void;
  off(event: 'connect' | 'disconnect', f: Listener): void;
}

/**
 * The page's own WebRTC, which the shared transport wraps. Read from globalThis, so a browser with
 * WebRTC turned off (Tor Browser, a hardened Firefox) still opens its circles and reads them
 * offline: nothing uses these until a peer turns up, and simple-peer then reports the lack.
 */
const pageWebrtc = (): WebrtcPlatform =>
  ({
    RTCPeerConnection: globalThis.RTCPeerConnection,
    RTCSessionDescription: globalThis.RTCSessionDescription,
    RTCIceCandidate: globalThis.RTCIceCandidate,
  }) as unknown as WebrtcPlatform;

export class Room {
  readonly provider: WebrtcProvider;
  private readonly transport: HearthWebrtcProvider;
  private readonly conns: SignalingConnLike[];

  constructor(
    options: RoomOptions,
    private readonly onChange: Listener,
  ) {
    this.transport = createWebrtcProvider({ ...options, platform: pageWebrtc() });
    this.provider = this.transport.provider;
    this.provider.on('peers', onChange);
    this.conns = this.provider.signalingConns as SignalingConnLike[];
    for (const c of this.conns) {
      c.on('connect', onChange);
      c.on('disconnect', onChange);
    }
  }

  get signalingReachable(): boolean {
    return this.conns.some((c) => c.connected);
  }

  /** The signaling URLs (as dialled) whose connection is open now. */
  get answering(): string[] {
    return this.conns.filter((c) => c.connected).map((c) => c.url);
  }

  get peerCount(): number {
    return this.transport.peerCount;
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

  destroy(): void {
    this.provider.off('peers', this.onChange);
    for (const c of this.conns) {
      c.off('connect', this.onChange);
      c.off('disconnect', this.onChange);
    }
    this.transport.destroy();
  }
}
