// The surface the UI uses. Services implement it; React features only read snapshots from it
// and call its methods, so screens stay presentational and services are testable alone.
import type { ChatMessage, Member } from '../../src-shared/circle/ledger';
import type { JournalService } from './journal/journal-types';
import type { DesktopApp } from '../host/desktop-app';
import type { ListSnapshot } from '../../src-shared/list-snapshot';

export type { ChatMessage, Member, JournalService };

/** Vault state as the app shell sees it. */
export type VaultPhase = 'loading' | 'new' | 'locked' | 'unlocked';

/** Something long is running; fraction is 0..1, or null when it cannot be estimated. */
export interface Progress {
  label: string;
  fraction: number | null;
}

export type ConnectionState =
  /** At least one signaling server answers and at least one other member is connected. */
  | 'connected'
  /** A signaling server answers, but nobody else from the circle is online. */
  | 'alone'
  /** No configured signaling server answers. Everything still works locally and merges later. */
  | 'offline';

export interface CircleSummary {
  localId: string;
  name: string;
  description: string;
  myKey: string;
  myRole: 'facilitator' | 'member';
  unread: number;
}

export interface CircleView {
  localId: string;
  name: string;
  description: string;
  myKey: string;
  /** Live: updated in place, so `membersVersion` is what says it changed. */
  members: ReadonlyMap<string, Member>;
  /** Changes when `members` does (not with every message). */
  membersVersion: number;
  /** Member keys currently online (self included); a new set when that changes. */
  online: ReadonlySet<string>;
  /** In display order; a snapshot of the ledger's list, not a copy (a copy per message cost 0.8 ms at 100k). */
  messages: ListSnapshot<ChatMessage>;
  connection: ConnectionState;
  signalingUrls: string[];
  /** Records from peers that were dropped (forged, malformed, ...), for a calm notice. */
  ignoredRecords: number;
  /** A history sync is in progress (e.g. a big catch-up), or null. */
  syncing: Progress | null;
  /** Storage problem (such as a full disk), or null. Nothing is lost: unsaved work is retried. */
  storageProblem: string | null;
  /** Changes whenever anything above changes, so React can cheaply detect updates. */
  version: number;
}

export interface InviteCode {
  token: string;
  link: string;
}

export type JoinPhase =
  | { phase: 'connecting' }
  /** Knocked; no member of the circle has answered yet. Resolves by itself when one comes online. */
  | { phase: 'waiting'; signalingReachable: boolean }
  | { phase: 'admitted'; localId: string }
  | { phase: 'failed'; message: string };

export interface JoinAttempt {
  readonly id: string;
  readonly displayName: string;
  state(): JoinPhase;
  subscribe(cb: () => void): () => void;
  cancel(): void;
}

export interface NewCircleInput {
  name: string;
  description: string;
  displayName: string;
}

/** Everything the UI can ask of the app. One instance, made at start-up (see app/hearth.ts). */
export interface HearthApp {
  /** Vault */
  vaultPhase(): VaultPhase;
  /** Progress of a running unlock/create (Argon2id runs in a worker), else null. */
  vaultProgress(): Progress | null;
  createVault(passphrase: string): Promise<void>;
  /** Rejects with an Error whose message is user-facing (e.g. a wrong passphrase). */
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;

  /** Circles */
  circles(): CircleSummary[];
  createCircle(input: NewCircleInput): Promise<string>;
  circleView(localId: string): CircleView | null;
  sendMessage(localId: string, text: string): Promise<void>;
  createInvite(localId: string): Promise<InviteCode>;
  /**
   * The circle is on screen in a visible window: its messages count as read, now and as they
   * arrive, until the returned function is called.
   */
  viewCircle(localId: string): () => void;

  /** Joining: validates the code first; a bad code returns a user-facing message and changes nothing. */
  join(
    code: string,
    displayName: string,
  ): { ok: true; attempt: JoinAttempt } | { ok: false; message: string };
  joinAttempts(): JoinAttempt[];

  /** The private journal (never synced); its data is there only while unlocked. */
  readonly journal: JournalService;

  /** The desktop shell (settings kept by main, keychain unlock, join links); null in a browser. */
  readonly desktop: DesktopApp | null;
  /** Unlocks with the key kept in the OS keychain, if the user set that up; false (see desktop.notice) if not. */
  unlockWithKeychain(): Promise<boolean>;

  /** Any change to anything above. Returns an unsubscribe function. */
  subscribe(cb: () => void): () => void;
}
