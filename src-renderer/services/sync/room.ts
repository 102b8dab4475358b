// One y-webrtc room, with the two facts the UI needs: does any signaling server answer, and
// how many peers are connected. ICE servers are explicit: never a public STUN by default.
import { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';

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

export class Room {
  readonly provider: WebrtcProvider;
  private readonly conns: SignalingConnLike[];

  constructor(options: RoomOptions, private readonly onChange: Listener) {
    this.provider = new WebrtcProvider(options.name, options.doc, {
      signaling: options.signalingUrls,
      password: options.password,
      // Full mesh for small circles; the cap protects a machine from a flood of peers.
      maxConns: 40,
      // Tabs of one browser profile share a vault; cross-tab sync adds nothing but noise.
      filterBcConns: true,
      peerOpts: { config: { iceServers: options.iceServers } },
    });
    this.provider.on('peers', onChange);
    this.conns = this.provider.signalingConns as unknown as SignalingConnLike[];
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

  get awareness() {
    return this.provider.awareness;
  }

  destroy(): void {
    this.provider.off('peers', this.onChange);
    for (const c of this.conns) {
      c.off('connect', this.onChange);
      c.off('disconnect', this.onChange);
    }
    this.provider.destroy();
  }
}
