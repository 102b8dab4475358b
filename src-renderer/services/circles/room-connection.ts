// A circle's place on the network: the y-webrtc room of its current epoch, and what the UI
// shows about it. Moving to another epoch leaves the old room and joins the new one, taking
// presence along.
import type * as Y from 'yjs';
import { CIRCLE_LOG_SHAPE } from '../../../src-shared/circle/doc-shapes';
import { roomFor } from '../../../src-shared/crypto/keys';
import { subscribeFirst } from '../../../src-shared/sync/signaling-isolation';
import { Room, type RoomOptions } from '../sync/room';
import type { ConnectionState } from '../types';
import type { AwarenessLike, PresenceTracker } from './presence-tracker';
import { untaggedUrl } from './signaling-urls';

/** What the session needs of a room (sync/room.ts; tests hand in a fake network). */
export interface RoomLike {
  readonly peerCount: number;
  readonly signalingReachable: boolean;
  /** The signaling URLs (as dialled, tagged) that answer now; absent where a room cannot tell. */
  readonly answering?: string[];
  readonly awareness: AwarenessLike;
  /** Calls back each time the room has exchanged documents with every connected peer. */
  onSynced(listener: () => void): void;
  destroy(): void;
}

/** Opens a room; `onChange` is called when its peers or signaling reachability change. */
export type OpenRoom = (options: RoomOptions, onChange: () => void) => RoomLike;

/** The real thing: a y-webrtc room, whose signaling connections carry only their own rooms. */
export const openWebrtcRoom: OpenRoom = (options, onChange) => new Room(options, onChange);

export interface NetworkSettings {
  signalingUrls: string[];
  iceServers: RTCIceServer[];
  /** 'relay' while "Hide my IP address from members" is on (services/network/ice-settings.ts). */
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * Opens rooms as `openRoom` does, each with the ICE servers and transport policy `current` gives
 * at the moment it opens, whatever the caller passed: the one place every room of circles,
 * handovers, lobbies and joins gets them, so none can leave out the relay-only policy.
 */
export function withIceSettings(openRoom: OpenRoom, current: () => NetworkSettings): OpenRoom {
  return (options, onChange) => {
    const { iceServers, iceTransportPolicy = 'all' } = current();
    return openRoom({ ...options, iceServers, iceTransportPolicy }, onChange);
  };
}

export class RoomConnection {
  private room: RoomLike | null = null;
  private roomName: string | null = null;
  /** Ends the room's place at the head of its signaling connection's subscriptions. */
  private notFirst: (() => void) | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** Read at each join, so a join uses the settings of its moment. */
    private readonly settings: () => NetworkSettings,
    private readonly presence: PresenceTracker,
    private readonly openRoom: OpenRoom,
    /** Peers or signaling changed. */
    private readonly onChange: () => void,
    /** The room exchanged documents with every connected peer. */
    private readonly onSynced: () => void,
  ) {}

  private lastAnswering: string[] = [];

  /** The y-webrtc room name joined now (a hash of the room secret), or null. */
  get name(): string | null {
    return this.roomName;
  }

  /** What the UI shows: connected to someone, alone with a signaling server, or offline. */
  get state(): ConnectionState {
    // A live peer connection counts even if the signaling server went away since.
    if (this.room && this.room.peerCount > 0) return 'connected';
    return this.room?.signalingReachable ? 'alone' : 'offline';
  }

  /**
   * The connection as the view shows it: its state, and which signaling servers answer (their URLs
   * without the tag, as the person typed them or a share code named them).
   */
  get view(): { connection: ConnectionState; signalingAnswering: readonly string[] } {
    // Named as in the settings: the dialled URL is normalised (a trailing slash) and tagged.
    const dialled = new Set((this.room?.answering ?? []).map(untaggedUrl));
    const answering = this.settings().signalingUrls.filter((u) => dialled.has(untaggedUrl(u)));
    if (answering.join('\n') !== this.lastAnswering.join('\n')) this.lastAnswering = answering;
    return { connection: this.state, signalingAnswering: this.lastAnswering };
  }

  /** Joins the room `roomSecret` derives, leaving the one joined before (if another). */
  join(roomSecret: Uint8Array): void {
    const { name, password } = roomFor(roomSecret);
    if (name === this.roomName) return;
    this.leave();
    this.notFirst = subscribeFirst(name);
    const { signalingUrls, iceServers } = this.settings();
    const room = this.openRoom(
      { name, password, doc: this.doc, shape: CIRCLE_LOG_SHAPE, signalingUrls, iceServers },
      this.onChange,
    );
    this.room = room;
    this.roomName = name;
    room.onSynced(() => {
      if (this.room === room) this.onSynced();
    });
    this.presence.attach(room.awareness, name);
  }

  /** Leaves the room, if any. */
  leave(): void {
    this.presence.detach();
    this.notFirst?.();
    this.notFirst = null;
    this.room?.destroy();
    this.room = null;
    this.roomName = null;
  }
}
