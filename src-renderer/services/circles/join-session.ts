// A newcomer's side of joining: knock in the lobby, wait for a welcome, check it against the
// share code. Survives restarts: the knock is stored (encrypted) until it is answered.
import { LOBBY_SHAPE } from '../../../src-shared/circle/doc-shapes';
import * as Y from 'yjs';
import {
  generateMemberKeys,
  inviteIdOf,
  lobbyFor,
  randomId,
  type MemberKeys,
} from '../../../src-shared/crypto/keys';
import {
  isWelcomeFor,
  makeKnock,
  openAnswer,
  type OpenedWelcome,
} from '../../../src-shared/circle/lobby';
import { bytesEqual } from '../../../src-shared/bytes';
import type { ShareCode } from '../../../src-shared/share-code';
import type { PendingJoinRow } from '../storage/circle-store';
import { openWebrtcRoom, type OpenRoom, type RoomLike } from './room-connection';
import type { JoinAttempt, JoinPhase } from '../types';
import type { NetworkSettings } from './circle-session';

/** How long to show "connecting" before saying that nobody has answered yet. */
const WAITING_AFTER_MS = 2_000;
/** The soonest an overwritten knock is written again. */
const KNOCK_REWRITE_MS = 1_000;

export type Admit = (
  welcome: OpenedWelcome,
  join: PendingJoinRow,
  hints: string[],
) => Promise<string>;

export class JoinSession implements JoinAttempt {
  readonly id: string;
  readonly displayName: string;
  /** The circle this attempt is joining (its share code's genesis fingerprint). */
  readonly genesisFingerprint: Uint8Array;
  private readonly doc = new Y.Doc();
  private room: RoomLike | null = null;
  private phase: JoinPhase = { phase: 'connecting' };
  private name: string | null = null;
  private readonly listeners = new Set<() => void>();
  private waitingTimer: ReturnType<typeof setTimeout> | null = null;
  private rewriteTimer: ReturnType<typeof setTimeout> | null = null;
  private done = false;

  /** A new attempt (fresh member keys and knock) for a decoded share code. */
  static start(token: string, code: ShareCode, displayName: string): PendingJoinRow {
    const keys: MemberKeys = generateMemberKeys();
    const knock = makeKnock(keys, displayName, inviteIdOf(code.inviteSecret));
    return {
      id: randomId(),
      token,
      displayName: displayName.trim(),
      keys,
      requestId: knock.requestId,
      knock: knock.bytes,
    };
  }

  constructor(
    readonly row: PendingJoinRow,
    private readonly code: ShareCode,
    network: NetworkSettings,
    private readonly admit: Admit,
    private readonly onChange: () => void,
    private readonly onCancel: (id: string) => void,
    openRoom: OpenRoom = openWebrtcRoom,
  ) {
    this.id = row.id;
    this.displayName = row.displayName;
    this.genesisFingerprint = code.genesisFingerprint;
    const lobby = lobbyFor(code.inviteSecret);
    const signalingUrls = [...new Set([...code.signalingHints, ...network.signalingUrls])];
    const welcomes = this.doc.getMap<Uint8Array>('welcomes');
    welcomes.observe((event) => {
      for (const key of event.keysChanged as Set<string>)
        if (isWelcomeFor(key, row.requestId)) this.check(welcomes.get(key));
    });
    // Anyone with the code can write to the lobby: if our knock is overwritten, write it again,
    // at most once a second so that someone overwriting it in a loop cannot make us flood the
    // lobby (responders latch on the first valid knock they see).
    const knocks = this.doc.getMap<Uint8Array>('knocks');
    const knock = () => {
      this.rewriteTimer = null;
      if (this.done) return;
      const present = knocks.get(row.requestId);
      if (!(present instanceof Uint8Array && bytesEqual(present, row.knock)))
        knocks.set(row.requestId, row.knock);
    };
    knocks.observe((event) => {
      if (!this.done && event.keysChanged.has(row.requestId))
        this.rewriteTimer ??= setTimeout(knock, KNOCK_REWRITE_MS);
    });
    knock();
    this.room = openRoom(
      {
        ...lobby,
        doc: this.doc,
        shape: LOBBY_SHAPE,
        signalingUrls,
        iceServers: network.iceServers,
      },
      () => this.refresh(),
    );
    this.waitingTimer = setTimeout(() => {
      this.waitingTimer = null;
      this.refresh();
    }, WAITING_AFTER_MS);
  }

  state(): JoinPhase {
    return this.phase;
  }

  circleName(): string | null {
    return this.name;
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  cancel(): void {
    if (!this.done) this.leaveLobby();
    this.stop();
    this.onCancel(this.id);
  }

  stop(): void {
    this.done = true;
    if (this.waitingTimer) clearTimeout(this.waitingTimer);
    if (this.rewriteTimer) clearTimeout(this.rewriteTimer);
    this.room?.destroy();
    this.room = null;
    this.doc.destroy();
  }

  private refresh(): void {
    if (
      this.done ||
      !this.room ||
      (this.phase.phase !== 'connecting' && this.phase.phase !== 'waiting')
    )
      return;
    if (this.waitingTimer) return; // give the first connection a moment before saying "waiting"
    const reachable = this.room.signalingReachable;
    if (this.phase.phase !== 'waiting' || this.phase.signalingReachable !== reachable)
      this.set({ phase: 'waiting', signalingReachable: reachable });
  }

  private check(bytes: Uint8Array | undefined): void {
    if (this.done || bytes === undefined) return;
    const opened = openAnswer(bytes, this.row.keys, this.row.requestId, this.code);
    // An answer that does not open, names another circle than the code's, hands over keys its
    // chain does not prove, does not reach the rekey the code pins, or carries no admission of
    // ours by a facilitator, is ignored and the attempt keeps waiting: anyone with the code can
    // write one, and a member's real welcome may still come under its own key.
    if (!opened.ok) return;
    if (opened.kind === 'status') {
      // Set before the phase, whose change is what the join page listens for.
      this.name = opened.circleName;
      // The latest answer is shown, and the lobby stays open: a status proves only that its
      // writer holds the genesis, so a "no" may be false (an ex-member's), and a later "a
      // facilitator has been asked" from a responder replaces it; a welcome always wins.
      this.set(
        opened.status === 'awaiting-approval'
          ? { phase: 'awaiting-approval' }
          : { phase: 'refused', reason: opened.status },
      );
      return;
    }
    this.done = true;
    this.name = opened.welcome.genesis.body.name;
    // Out of the lobby before the circle opens: as a member we may answer this same invite's
    // lobby ourselves, and one app can be in a room only once (y-webrtc refuses a second copy).
    this.leaveLobby();
    // Left once the transaction that brought the welcome is done: the room would otherwise be
    // gone before Yjs hands on our deletions, and the responders would wait for them in vain.
    const room = this.room;
    this.room = null;
    queueMicrotask(() => room?.destroy());
    this.admit(opened.welcome, this.row, this.code.signalingHints).then(
      (localId) => {
        this.set({ phase: 'admitted', localId });
        this.stop();
      },
      () =>
        this.set({
          phase: 'failed',
          message:
            "You were let in, but Hearth couldn't save the circle on this device. Please try again.",
        }),
    );
  }

  /**
   * Takes our knock and the welcomes to it out of the lobby, so members who come online later
   * do not answer it again and later newcomers do not download our welcomes.
   */
  private leaveLobby(): void {
    const welcomes = this.doc.getMap<Uint8Array>('welcomes');
    this.doc.transact(() => {
      this.doc.getMap<Uint8Array>('knocks').delete(this.row.requestId);
      for (const key of [...welcomes.keys()])
        if (isWelcomeFor(key, this.row.requestId)) welcomes.delete(key);
    });
  }

  private set(phase: JoinPhase): void {
    this.phase = phase;
    for (const l of this.listeners) l();
    this.onChange();
  }
}
