// A stand-in for the network in session tests: rooms by name, each a set of documents that
// exchange their state on joining and every update afterwards, as y-webrtc peers do (without
// WebRTC or a signaling server). Awareness is the real y-protocols one, one per joined room; with
// `shareAwareness`, its changes reach the room as well (presence, typing, what each peer holds).
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RoomOptions } from '../../src-renderer/services/sync/room';
import type { OpenRoom, RoomLike } from '../../src-renderer/services/circles/room-connection';

class FakeRoom implements RoomLike {
  readonly awareness: Awareness;
  private readonly synced: (() => void)[] = [];
  private readonly forward = (update: Uint8Array, origin: unknown) => {
    // Updates that came from the network are not sent on: everyone in the room got them already.
    if (origin instanceof FakeRoom) return;
    for (const other of this.network.members(this.name))
      if (other !== this) other.receive(update, this);
  };

  /** Our own awareness changes go to the room (a peer's were sent to everyone already). */
  private readonly forwardAwareness = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin instanceof FakeRoom) return;
    const clients = [...changes.added, ...changes.updated, ...changes.removed];
    if (clients.length === 0) return;
    const update = encodeAwarenessUpdate(this.awareness, clients);
    for (const other of this.network.members(this.name))
      if (other !== this) applyAwarenessUpdate(other.awareness, update, this);
  };

  constructor(
    private readonly network: FakeRooms,
    readonly name: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    doc.on('update', this.forward);
    if (network.shareAwareness) this.awareness.on('update', this.forwardAwareness);
  }

  get peerCount(): number {
    return this.network.members(this.name).length - 1;
  }

  readonly signalingReachable = true;

  onSynced(listener: () => void): void {
    this.synced.push(listener);
  }

  receive(update: Uint8Array, from: FakeRoom): void {
    Y.applyUpdate(this.doc, update, from);
  }

  /** Exchanges whole states with everyone in the room, then reports the sync. */
  meet(): void {
    for (const other of this.network.members(this.name)) {
      if (other === this) continue;
      other.receive(Y.encodeStateAsUpdate(this.doc), this);
      this.receive(Y.encodeStateAsUpdate(other.doc), other);
      if (this.network.shareAwareness) {
        applyAwarenessUpdate(other.awareness, everyState(this.awareness), this);
        applyAwarenessUpdate(this.awareness, everyState(other.awareness), other);
      }
    }
    for (const f of this.synced) f();
  }

  destroy(): void {
    this.doc.off('update', this.forward);
    this.awareness.destroy();
    this.awareness.off('update', this.forwardAwareness);
    this.network.left(this);
  }
}

const everyState = (awareness: Awareness) =>
  encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]);

export class FakeRooms {
  private readonly rooms = new Map<string, Set<FakeRoom>>();
  /** Whether awareness changes reach the room too (off: each peer's awareness stays its own). */
  readonly shareAwareness: boolean;

  constructor({ shareAwareness = false }: { shareAwareness?: boolean } = {}) {
    this.shareAwareness = shareAwareness;
  }

  /** Every room name ever opened, with its password, in order. */
  readonly opened: { name: string; password: string }[] = [];

  /** Hand this to a session as its way to open rooms. */
  readonly open: OpenRoom = (options: RoomOptions) => {
    this.opened.push({ name: options.name, password: options.password });
    const room = new FakeRoom(this, options.name, options.doc);
    const members = this.rooms.get(options.name) ?? new Set<FakeRoom>();
    this.rooms.set(options.name, members);
    members.add(room);
    // After the caller has had the room back (and listened for its sync), as with y-webrtc.
    queueMicrotask(() => {
      if (members.has(room)) room.meet();
    });
    return room;
  };

  /** Who is in room `name` now. */
  members(name: string): FakeRoom[] {
    return [...(this.rooms.get(name) ?? [])];
  }

  /** The rooms `doc` is in now. */
  roomsOf(doc: Y.Doc): string[] {
    return [...this.rooms.entries()]
      .filter(([, members]) => [...members].some((r) => r.doc === doc))
      .map(([name]) => name);
  }

  left(room: FakeRoom): void {
    this.rooms.get(room.name)?.delete(room);
  }
}
