// The room connection with a stand-in for y-webrtc rooms (real awareness, real room derivation).
import { Awareness } from 'y-protocols/awareness';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64Url } from '../../src-shared/bytes';
import { generateEpochKeys, generateMemberKeys, roomFor } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { PresenceTracker } from '../../src-renderer/services/circles/presence-tracker';
import {
  RoomConnection,
  type OpenRoom,
  type RoomLike,
} from '../../src-renderer/services/circles/room-connection';

beforeAll(loadSodium);

interface StandIn extends RoomLike {
  readonly awareness: Awareness;
  name: string;
  password: string;
  signalingUrls: string[];
  destroyed: boolean;
  peers: number;
  reachable: boolean;
  sync(): void;
}

function setUp() {
  const doc = new Y.Doc();
  const opened: StandIn[] = [];
  const open: OpenRoom = (options) => {
    const synced: (() => void)[] = [];
    const room: StandIn = {
      name: options.name,
      password: options.password,
      signalingUrls: options.signalingUrls,
      awareness: new Awareness(options.doc),
      destroyed: false,
      peers: 0,
      reachable: false,
      get peerCount() {
        return this.peers;
      },
      get signalingReachable() {
        return this.reachable;
      },
      onSynced: (f) => synced.push(f),
      sync: () => synced.forEach((f) => f()),
      destroy() {
        this.destroyed = true;
        this.awareness.destroy();
      },
    };
    opened.push(room);
    return room;
  };
  const keys = generateMemberKeys();
  const me = toBase64Url(keys.signPublicKey);
  const presence = new PresenceTracker(
    keys,
    me,
    { members: new Map(), membersVersion: 0 },
    () => {},
  );
  let urls = ['wss://one.example'];
  let synced = 0;
  const connection = new RoomConnection(
    doc,
    () => ({ signalingUrls: urls, iceServers: [] }),
    presence,
    open,
    () => {},
    () => synced++,
  );
  return {
    connection,
    opened,
    presence,
    me,
    setUrls: (u: string[]) => (urls = u),
    synced: () => synced,
  };
}

describe('RoomConnection', () => {
  it("joins the room the epoch's secret derives, with the settings of that moment", () => {
    const { connection, opened, presence, me } = setUp();
    const e0 = generateEpochKeys(0);
    expect(connection.state).toBe('offline');
    connection.join(e0.roomSecret);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      ...roomFor(e0.roomSecret),
      signalingUrls: ['wss://one.example'],
    });
    expect(connection.name).toBe(roomFor(e0.roomSecret).name);
    expect(presence.online.has(me)).toBe(true);
    // The same room again: nothing to do.
    connection.join(e0.roomSecret);
    expect(opened).toHaveLength(1);
    connection.leave();
  });

  it('moving to another epoch leaves the old room, and only the new room reports syncs', () => {
    const { connection, opened, setUrls, synced } = setUp();
    connection.join(generateEpochKeys(0).roomSecret);
    setUrls(['wss://two.example']);
    const e1 = generateEpochKeys(1);
    connection.join(e1.roomSecret);
    expect(opened).toHaveLength(2);
    expect(opened[0]!.destroyed).toBe(true);
    expect(opened[1]!.destroyed).toBe(false);
    expect(opened[1]!.signalingUrls).toEqual(['wss://two.example']);
    expect(connection.name).toBe(roomFor(e1.roomSecret).name);
    opened[0]!.sync();
    expect(synced()).toBe(0);
    opened[1]!.sync();
    expect(synced()).toBe(1);
    // Presence was signed for the new room, in the new room's awareness.
    const claim = opened[1]!.awareness.getLocalState()?.presence;
    expect(claim).toBeTruthy();
    connection.leave();
    expect(opened[1]!.destroyed).toBe(true);
    expect(connection.name).toBeNull();
  });

  it('connected with a peer even if signaling went away; alone with signaling only; else offline', () => {
    const { connection, opened } = setUp();
    connection.join(generateEpochKeys(0).roomSecret);
    const room = opened[0]!;
    expect(connection.state).toBe('offline');
    room.reachable = true;
    expect(connection.state).toBe('alone');
    room.peers = 1;
    room.reachable = false;
    expect(connection.state).toBe('connected');
    connection.leave();
    expect(connection.state).toBe('offline');
  });
});
