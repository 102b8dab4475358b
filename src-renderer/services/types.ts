// The surface the UI uses. Services implement it; React features only read snapshots from it
// and call its methods, so screens stay presentational and services are testable alone.
import type { ReportsView } from '../../src-shared/circle/report-desk';
import type { RelayPermit } from '../../src-shared/circle/membership-state';
import type { MembershipEvent } from '../../src-shared/circle/membership-events';
import type { DeliveryStates, RelayView } from './circles/relay-watch';
import type { ReportConcern, ReportOutcome } from '../../src-shared/records/private-note';
import type { ChatMessage, LogEntry, Member } from '../../src-shared/circle/ledger';
import type { Reaction } from '../../src-shared/circle/reaction-book';
import type { KeychainStatus, ShellSettingsPatch, ShellState } from '../../src-shared/ipc/contract';
import type { ListSnapshot } from '../../src-shared/list-snapshot';
import type { CircleResourceEntry } from '../../src-shared/records/resources-body';
import type { MessageRef, WarningTopic } from '../../src-shared/records/schema';
import type { ResourceDraft } from '../../src-shared/safety/circle-resource-drafts';
import type { JournalService } from './journal/journal-types';
import type { IceSettingsApi } from './network/ice-settings';
import type { Progress } from './progress';

export type { ChatMessage, Member, JournalService, MessageRef, Progress, Reaction };

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
  /** Support lines the facilitators added (not checked by Hearth), or null. Everyone sees them. */
  resources: {
    entries: readonly CircleResourceEntry[];
    by: string;
    at: number;
    hash: string;
  } | null;
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
  /** Members typing now (never us), from short-lived signed awareness claims; a new set when that changes. */
  typing: ReadonlySet<string>;
  /** In display order; a snapshot of the ledger's list, not a copy (a copy per message cost 0.8 ms at 100k). */
  messages: ListSnapshot<ChatMessage>;
  /** Reactions that count, by messageKey(author, id) of their message, with who reacted; a new map when any changed. */
  reactions: ReadonlyMap<string, readonly Reaction[]>;
  /** Joins, departures and promotions, oldest first; the same array until membership changes. */
  membershipEvents: readonly MembershipEvent[];
  /** Reports sealed to this member as a facilitator, and the ones they sent, with outcomes. */
  reports: ReportsView;
  /** Relays facilitators let in (the latest word on each), for facilitators; empty for members. */
  relays: readonly RelayPermit[];
  /** Whether a blind relay keeps the circle reachable, and when it last synced (issue 18). */
  relay: RelayView;
  /** Our messages sent in this session: reached a relay ("delivered"), or not yet ("sent"). */
  delivery: DeliveryStates;
  connection: ConnectionState;
  signalingUrls: string[];
  /** The signaling servers that answer now (of `signalingUrls`): the app uses every one. */
  signalingAnswering: readonly string[];
  /** Records from peers that were dropped (forged, malformed, ...), for a calm notice. */
  ignoredRecords: number;
  /** A history sync is in progress (e.g. a big catch-up), or null. */
  syncing: Progress | null;
  /** Storage problem (such as a full disk), or null. Nothing is lost: unsaved work is retried. */
  storageProblem: string | null;
  /** Changes whenever anything above changes, so React can cheaply detect updates. */
  version: number;
  /**
   * Member keys this device's person blocked here (sealed on this device, never sent); their
   * messages are covered, not counted unread and not notified. A new set when it changes.
   */
  blocked: ReadonlySet<string>;
}

/** A circle's view as its session makes it: what this device alone decides is added after. */
export type SessionView = Omit<CircleView, 'blocked'>;

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
  /** The circle's name, once an answer has shown its signed genesis; null before. */
  circleName(): string | null;
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

/** The browser build's notification switches (kept on this device) and the browser's permission. */
export interface BrowserNoticeSettings {
  readonly on: boolean;
  readonly previews: boolean;
  readonly permission: NotificationPermission | 'unsupported';
}

export interface BrowserNoticesApi {
  settings(): BrowserNoticeSettings;
  /** Asks the browser's permission, then keeps notifications on if it was given. */
  turnOn(): Promise<BrowserNoticeSettings['permission']>;
  turnOff(): void;
  setPreviews(on: boolean): void;
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
  /**
   * Names of the listed circles left with "delete my copy" whose copy could not be deleted (a full
   * or missing disk): still on this device, listed again to try again.
   */
  unwipedCircles(): string[];
  /** The person has read which copies are still here. */
  dismissUnwipedCircles(): void;
  /** Local dates on which this person wrote in any of their circles (the journal compares moods). */
  daysInCircles(): ReadonlySet<string>;
  /** Sends a message, covered by a content warning on `warning` if given, answering `replyTo` if given. */
  sendMessage(
    localId: string,
    text: string,
    warning?: WarningTopic,
    replyTo?: MessageRef,
  ): Promise<void>;
  /** Puts an emoji on a message (`on`), or takes ours back; everyone sees who reacted. */
  react(localId: string, target: MessageRef, emoji: string, on: boolean): Promise<void>;
  /** Replaces the text (and content warning) of one of our own messages, for everyone. */
  editMessage(localId: string, id: string, text: string, warning?: WarningTopic): Promise<void>;
  /** Deletes one of our own messages for everyone: its text goes from every member's device. */
  deleteMessage(localId: string, id: string): Promise<void>;
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
  /** Tells the circle's members online that we are typing, or stopped (a signed hint, never stored). */
  setTyping(localId: string, on: boolean): void;
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
  /** Sends a private report that only the circle's current facilitators (not its subject) can read. */
  sendReport(
    localId: string,
    about: { member: string; message: string | null },
    concern: ReportConcern,
    details: string,
  ): Promise<void>;
  /** Tells the reporter what became of a report sealed to us (facilitators only). */
  answerReport(localId: string, reportId: string, outcome: ReportOutcome): Promise<void>;
  /**
   * Hides a member's messages on this device only (they, and facilitators, are not told). Takes
   * effect at once; rejects with a calm message if it could not be saved (it holds until lock).
   */
  blockMember(localId: string, memberKey: string): Promise<void>;
  /** Shows a blocked member's messages again (as blockMember: at once, then saved). */
  unblockMember(localId: string, memberKey: string): Promise<void>;
  /** Makes a relay code for the room the circle is in now and lets its relay in (facilitators only). */
  makeRelayCode(localId: string): Promise<string>;
  /** Stops using a relay and moves the circle to new keys, leaving the relay behind (facilitators only). */
  detachRelay(localId: string, relay: string): Promise<void>;
  /** Replaces the circle's support resources (at most 12; none clears them). Facilitators only. */
  setCircleResources(localId: string, entries: readonly ResourceDraft[]): Promise<void>;
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
  /** The browser build's new-message notifications; null in the desktop app (main shows them). */
  readonly notices: BrowserNoticesApi | null;
  /** The platform and app version, as the host told them at start-up. */
  readonly hostInfo: HostSummary;
  /** Unlocks with the key kept in the OS keychain, if the user set that up; false (see desktop.notice) if not. */
  unlockWithKeychain(): Promise<boolean>;

  /** Any change to anything above. Returns an unsubscribe function. */
  subscribe(cb: () => void): () => void;
}
