// The surface the UI uses. Services implement it; React features only read snapshots from it
// and call its methods, so screens stay presentational and services are testable alone.
import type { ChatMessage, LogEntry, Member } from '../../src-shared/circle/ledger';
import type { KeychainStatus, ShellSettingsPatch, ShellState } from '../../src-shared/ipc/contract';
import type { ListSnapshot } from '../../src-shared/list-snapshot';
import type { WarningTopic } from '../../src-shared/records/schema';
import type { JournalService } from './journal/journal-types';
import type { IceSettingsApi } from './network/ice-settings';
import type { Progress } from './progress';

export type { ChatMessage, Member, JournalService, Progress };

/** Vault state as the app shell sees it. */
export type VaultPhase = 'loading' | 'new' | 'locked' | 'unlocked';

export type ConnectionState =
  /** At least one signaling server answers and at least one other member is connected. */
  | 'connected'
  /** A signaling server answers, but nobody else from the circle is online. */
  | 'alone'
  /** No configured signaling server answers. Everything still works locally and merges later. */
  | 'offline';

/** How long a new invite lasts, and how many newcomers it may let in (null: no limit). */
export interface InviteOptions {
  expiresIn: '1h' | '1d' | '7d';
  maxUses: 1 | 5 | 20 | null;
  /** 'facilitator': a facilitator approves each newcomer (the default); 'auto': let in on knocking. */
  approval: 'facilitator' | 'auto';
}

export const DEFAULT_INVITE_OPTIONS: InviteOptions = {
  expiresIn: '7d',
  maxUses: 1,
  approval: 'facilitator',
};

/** One invite as facilitators see it in the invite panel. */
export interface InviteSummary {
  inviteId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  maxUses: number | null;
  /** Null when there is no limit. */
  usesLeft: number | null;
  approval: 'facilitator' | 'auto';
  state: 'live' | 'expired' | 'used-up' | 'revoked';
}

/** A newcomer knocking on one of the circle's invites, waiting for a facilitator. */
export interface KnockRequest {
  requestId: string;
  inviteId: string;
  /** The newcomer's new member key for this circle, and the short badge derived from it. */
  memberKey: string;
  badge: string;
  displayName: string;
  /** When this device first saw the knock (ms). */
  at: number;
}

/** A line of the facilitators' log: the ledger's own entries (who, when, why). */
export type FacilitatorLogEntry = LogEntry;

/** Where this device's member stands in the circle. */
export type Standing =
  /** A member (reads and writes). */
  | 'member'
  /** Removed by a facilitator: what was here stays readable, nothing new arrives. */
  | 'removed'
  /** Left on their own. */
  | 'left';

export interface LeaveOptions {
  /** Delete the circle's history from this device too. */
  wipe: boolean;
  /**
   * The member to make facilitator first, when the one leaving is the circle's last
   * facilitator (leaving is refused without one while other members remain).
   */
  successor?: string;
}

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
  /** This device's role and standing. */
  myRole: 'facilitator' | 'member';
  standing: Standing;
  /** Whether the circle lets plain members invite (off by default). */
  membersMayInvite: boolean;
  /** The epoch this member writes in (rises by one with each key rotation). */
  epoch: number;
  /** Invites, newest first; facilitators see all, members those they made. */
  invites: readonly InviteSummary[];
  /** Knocks waiting for a facilitator (empty for members who cannot approve). */
  knocks: readonly KnockRequest[];
  /** Removals, departures and role changes, newest first, with reasons (facilitators only; empty for members). */
  facilitatorLog: readonly FacilitatorLogEntry[];
  /** Members flagged for signing two different records under one id (shown to facilitators). */
  forkedAuthors: readonly string[];
  /** The circle's guidelines (plain text), or null: then show DEFAULT_GUIDELINES. Everyone sees them. */
  guidelines: { text: string; by: string; at: number; hash: string } | null;
  /** Mutes still running, by member key (everyone sees them: the member list says "muted until"). */
  mutes: ReadonlyMap<string, { until: number; reason: string }>;
  /** Members now; replaced (not changed in place) when they change, with `membersVersion`. */
  members: ReadonlyMap<string, Member>;
  /** Everyone who ever was a member, with their last name: authors of older messages. */
  people: ReadonlyMap<string, { displayName: string }>;
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
  /** A member saw the knock; the invite needs a facilitator to say yes. */
  | { phase: 'awaiting-approval' }
  /** A member answered no: expired, used up or revoked invite, or declined. Nothing was shared. */
  | { phase: 'refused'; reason: 'expired' | 'used-up' | 'revoked' | 'declined' }
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
  /** Whether plain members may make invites (off unless chosen); fixed by the circle's genesis. */
  membersMayInvite?: boolean;
}

export interface DesktopSnapshot {
  readonly shell: ShellState | null;
  readonly keychain: KeychainStatus | null;
  /** A keychain-wrapped vault key is stored: the next start unlocks without the passphrase. */
  readonly keychainUnlock: boolean;
  /** A calm sentence to show once (e.g. the keychain changed), or null. */
  readonly notice: string | null;
  /** The code of a hearth://join/ link waiting to be shown on the join page, or null. */
  readonly joinLink: string | null;
  /** The app menu's "Settings…" was chosen and the settings page has not opened since. */
  readonly settingsRequested: boolean;
  /** The LAN server started on an address this window cannot reach until Hearth restarts. */
  readonly lanNeedsRestart: boolean;
}

/** What the screens may do with the desktop shell (services/desktop/desktop-app.ts). */
export interface DesktopShell {
  snapshot(): DesktopSnapshot;
  /** Reads settings and keychain state from main again (main may have changed them). */
  load(): Promise<void>;
  /** Saves a settings change through main; rejects with a user-facing message. */
  updateSettings(patch: ShellSettingsPatch): Promise<void>;
  /** Turns keychain unlock on (rejects with the reason it cannot) or off. */
  setKeychainUnlock(on: boolean): Promise<void>;
  dismissNotice(): void;
  /** The settings page opened. */
  clearSettingsRequest(): void;
  /** The join page took the link. */
  clearJoinLink(): void;
}

/** Where Hearth runs, for the settings page; read from the host once, at start-up. */
export interface HostSummary {
  /** `process.platform` in Electron, 'web' in a browser, 'unknown' if the host did not say. */
  readonly platform: string;
  /** Empty if the host did not say. */
  readonly appVersion: string;
}

/** Everything the UI can ask of the app. One instance, made at start-up (see app/create-hearth.ts). */
export interface HearthApp {
  /** Vault */
  vaultPhase(): VaultPhase;
  /** Progress of a running unlock/create (Argon2id runs in a worker), else null. */
  vaultProgress(): Progress | null;
  createVault(passphrase: string): Promise<void>;
  /** Rejects with an Error whose message is user-facing (e.g. a wrong passphrase). */
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  /** Hides everything at once behind a neutral screen and locks (the desktop window hides too). */
  quickExit(): void;
  quickExited(): boolean;
  /** From the neutral screen to the unlock screen, once locked. */
  leaveNeutralScreen(): Promise<void>;

  /** Circles */
  circles(): CircleSummary[];
  createCircle(input: NewCircleInput): Promise<string>;
  circleView(localId: string): CircleView | null;
  /** Sends a message, covered by a content warning on `warning` if given. */
  sendMessage(localId: string, text: string, warning?: WarningTopic): Promise<void>;
  /** Makes an invite and its share code (facilitators, or members where the circle allows). */
  createInvite(localId: string, options?: InviteOptions): Promise<InviteCode>;
  revokeInvite(localId: string, inviteId: string): Promise<void>;
  /** Lets a knocking newcomer in (facilitators only). */
  approveKnock(localId: string, requestId: string): Promise<void>;
  /** Says no to a knocking newcomer; nothing is shared with them. */
  declineKnock(localId: string, requestId: string): Promise<void>;
  /** Makes a member a co-facilitator, or takes the role back (facilitators only). */
  setRole(localId: string, memberKey: string, role: 'facilitator' | 'member'): Promise<void>;
  /** Removes a member and rotates the circle's keys; the reason goes in the facilitators' log. */
  removeMember(localId: string, memberKey: string, reason: string): Promise<void>;
  /** Leaves the circle (rejects with a user-facing message, e.g. when a successor is needed). */
  leaveCircle(localId: string, options: LeaveOptions): Promise<void>;
  /** Changes this member's own name in the circle. */
  renameSelf(localId: string, displayName: string): Promise<void>;
  /** Hides a message for everyone but facilitators, who may open it (facilitators only; logged with the reason). */
  hideMessage(localId: string, author: string, id: string, reason: string): Promise<void>;
  /** Shows a hidden message again (facilitators only; logged with the reason). */
  showMessage(localId: string, author: string, id: string, reason: string): Promise<void>;
  /** Mutes a member until `until` (ms since 1970, at most 30 days ahead): their messages meanwhile are never shown. */
  muteMember(localId: string, member: string, until: number, reason: string): Promise<void>;
  /** Lifts a member's mute now (facilitators only). */
  unmuteMember(localId: string, member: string, reason: string): Promise<void>;
  /** Sets the circle's guidelines: plain text, 1 to 4,000 characters (facilitators only). */
  setGuidelines(localId: string, text: string): Promise<void>;
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
  /** STUN/TURN servers and "Hide my IP address from members" (sealed in the vault). */
  readonly network: IceSettingsApi;

  /** The desktop shell (settings kept by main, keychain unlock, join links); null in a browser. */
  readonly desktop: DesktopShell | null;
  /** The platform and app version, as the host told them at start-up. */
  readonly hostInfo: HostSummary;
  /** Unlocks with the key kept in the OS keychain, if the user set that up; false (see desktop.notice) if not. */
  unlockWithKeychain(): Promise<boolean>;

  /** Any change to anything above. Returns an unsubscribe function. */
  subscribe(cb: () => void): () => void;
}
