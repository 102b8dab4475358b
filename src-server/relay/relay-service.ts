// The relay process's rooms: one RelayRoom for each code in the store, opened at start and kept
// in step with the store, which `npm run relay -- add|remove` may change while the relay runs
// (LMDB lets several processes hold one environment; the relay looks for a change every second).
import type * as Y from 'yjs';
import { roomFor } from '../../src-shared/crypto/keys';
import { decodeRelayCode, type RelayCode } from '../../src-shared/relay-code';
import type { RelayLog } from './relay-log';
import { RelayRoom, type RoomTransport } from './relay-room';
import type { RelayStore } from './relay-store';

export interface RelayServiceOptions {
  store: RelayStore;
  maxRoomBytes: number;
  /** Signaling servers for every room, besides those its code names (`--signal`). */
  signalingUrls?: readonly string[];
  log: RelayLog;
  /** Joins a code's room with a document (webrtcTransport in the relay). */
  openTransport: (code: RelayCode, doc: Y.Doc, onPeers: (count: number) => void) => RoomTransport;
  /** How often the store is read for codes added or removed by another process. */
  pollMs?: number;
}

const POLL_MS = 1_000;

export class RelayService {
  private readonly rooms = new Map<string, { room: RelayRoom; token: string }>();
  private version = -1;
  private readonly poll: ReturnType<typeof setInterval>;
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly options: RelayServiceOptions) {
    this.sync();
    this.poll = setInterval(() => this.sync(), options.pollMs ?? POLL_MS);
  }

  /** The rooms open now, by room name (tests look at them). */
  get openRooms(): ReadonlyMap<string, RelayRoom> {
    return new Map([...this.rooms].map(([name, { room }]) => [name, room]));
  }

  /** Leaves every room, after their writes are on disk. */
  async close(): Promise<void> {
    clearInterval(this.poll);
    await this.syncing;
    await Promise.all([...this.rooms.values()].map(({ room }) => room.close()));
    this.rooms.clear();
  }

  /** Looks for a change of codes; applies it after any change still being applied. */
  private sync(): void {
    const version = this.options.store.codesVersion();
    if (version === this.version) return;
    this.version = version;
    this.syncing = this.syncing.then(() => this.apply());
  }

  /** Opens the rooms of new codes and leaves those of removed or replaced ones. */
  private async apply(): Promise<void> {
    const { store, log } = this.options;
    const codes = store.listCodes();
    const leaving: [string, RelayRoom][] = [];
    for (const [name, open] of this.rooms)
      if (codes.get(name)?.token !== open.token) {
        leaving.push([name, open.room]);
        this.rooms.delete(name);
      }
    // A replaced code's room is left before it is joined again with the new code's seed; a
    // removed code's room is left, then what it wrote while it was being removed is forgotten.
    await Promise.all(
      leaving.map(async ([name, room]) => {
        await room.close();
        await store.forgetRows(name);
      }),
    );
    for (const [name, { token, logId }] of codes) {
      if (this.rooms.has(name)) continue;
      const decoded = decodeRelayCode(token);
      if (!decoded.ok || roomFor(decoded.code.roomSecret).name !== name) {
        log({ event: 'code-unreadable', room: logId });
        continue;
      }
      const signalingUrls = [
        ...new Set([...decoded.code.signalingUrls, ...(this.options.signalingUrls ?? [])]),
      ];
      if (signalingUrls.length === 0) {
        log({ event: 'code-without-signaling', room: logId });
        continue;
      }
      const code = { ...decoded.code, signalingUrls };
      const room = new RelayRoom({
        store,
        room: name,
        logId,
        relaySeed: code.relaySeed,
        maxBytes: this.options.maxRoomBytes,
        log,
        openTransport: (doc, onPeers) => this.options.openTransport(code, doc, onPeers),
      });
      this.rooms.set(name, { room, token });
    }
    log({ event: 'codes', rooms: this.rooms.size, left: leaving.length });
  }

  /** Resolves once the rooms match the codes the store held at the last look. */
  async ready(): Promise<void> {
    await this.syncing;
  }
}
