// The HearthApp facade: one object the screens talk to, composed of the services it delegates
// to. It owns only what spans them: the vault's phase (opening circles and journal at unlock,
// closing them at lock) and the progress of a running unlock.
import type { ReportConcern, ReportOutcome } from '../../src-shared/records/private-note';
import type { MessageRef, WarningTopic } from '../../src-shared/records/schema';
import type { ResourceDraft } from '../../src-shared/safety/circle-resource-drafts';
import { decodeShareCode } from '../../src-shared/share-code';
import {
  hideMessage,
  muteMember,
  setGuidelines,
  showMessage,
  unmuteMember,
} from '../services/circles/circle-moderation';
import { answerReport, sendReport, type ReportAbout } from '../services/circles/circle-reports';
import { checkBlockable } from '../services/circles/blocked-members';
import { setCircleResources } from '../services/circles/circle-resources';
import { detachRelay, makeRelayCode } from '../services/circles/circle-relay';
import { deleteMessage, editMessage } from '../services/circles/own-messages';
import type { Circles } from '../services/circles/circles';
import type { DesktopApp } from '../services/desktop/desktop-app';
import type { BrowserNotices } from '../services/notifications/browser-notices';
import { KEYCHAIN_UNLOCK_LABEL } from '../services/desktop/keychain-text';
import type { Journal } from '../services/journal/journal';
import type { IceSettings } from '../services/network/ice-settings';
import type {
  CircleSummary,
  CircleView,
  HearthApp,
  HostSummary,
  InviteCode,
  InviteOptions,
  JoinAttempt,
  LeaveOptions,
  NewCircleInput,
  Progress,
  VaultPhase,
} from '../services/types';
import type { Vault } from '../services/vault/vault';

export interface HearthParts {
  readonly vault: Vault;
  readonly circles: Circles;
  readonly journal: Journal;
  readonly network: IceSettings;
  /** Null in a browser. */
  readonly desktop: DesktopApp | null;
  /** Null in the desktop app, where main shows notifications. */
  readonly notices: BrowserNotices | null;
  readonly hostInfo: HostSummary;
}

export class Hearth implements HearthApp {
  private phase: VaultPhase = 'loading';
  private progress: Progress | null = null;
  private locking: Promise<void> | null = null;
  /** A quick exit's neutral screen is showing. */
  private exited = false;
  private opening: Promise<void> | null = null;
  // The e2e harness reads `vault` and `circleSet.sessions` for its key-material search
  // (tests/e2e/harness.ts): keep these names, or change both.
  private readonly vault: Vault;
  private readonly circleSet: Circles;
  readonly journal: Journal;
  readonly network: IceSettings;
  readonly desktop: DesktopApp | null;
  readonly notices: BrowserNotices | null;
  readonly hostInfo: HostSummary;

  constructor(parts: HearthParts) {
    this.vault = parts.vault;
    this.circleSet = parts.circles;
    this.journal = parts.journal;
    this.network = parts.network;
    this.desktop = parts.desktop;
    this.notices = parts.notices;
    this.hostInfo = { platform: parts.hostInfo.platform, appVersion: parts.hostInfo.appVersion };
  }

  async init(): Promise<void> {
    this.phase = (await this.vault.exists()) ? 'locked' : 'new';
    this.emit();
  }

  subscribe(cb: () => void): () => void {
    return this.circleSet.subscribe(cb);
  }

  // ---- Vault ----------------------------------------------------------------------------

  vaultPhase(): VaultPhase {
    return this.phase;
  }

  vaultProgress(): Progress | null {
    return this.progress;
  }

  async createVault(passphrase: string): Promise<void> {
    await this.withProgress('Securing your space…', (p) => this.vault.create(passphrase, p));
    await this.afterUnlock();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.withProgress('Unlocking…', (p) => this.vault.unlock(passphrase, p));
    await this.afterUnlock();
  }

  async unlockWithKeychain(): Promise<boolean> {
    const desktop = this.desktop;
    if (desktop === null || this.phase !== 'locked') return false;
    let opened = false;
    await this.withProgress(KEYCHAIN_UNLOCK_LABEL, () =>
      desktop
        .unlockWithKeychain((key) => this.vault.unlockWithKey(key))
        .then((ok) => void (opened = ok)),
    );
    if (opened) await this.afterUnlock();
    return opened;
  }

  /**
   * Quick exit: a neutral screen replaces everything at once (the next render, in the same event),
   * the desktop window hides, and Hearth locks; coming back needs the passphrase.
   */
  quickExit(): void {
    this.exited = true;
    this.emit();
    this.desktop?.hideWindow();
    // A lock that fails (the disk) is tried again when the person leaves the neutral screen.
    this.lock().catch(() => {});
  }

  /** Whether the neutral screen of a quick exit is showing. */
  quickExited(): boolean {
    return this.exited;
  }

  /** Leaves the neutral screen for the unlock screen, once the lock has finished. */
  async leaveNeutralScreen(): Promise<void> {
    await this.lock();
    this.exited = false;
    this.emit();
  }

  /** Locks once, however many ask at the same moment (the menu, a quick exit, idle). */
  lock(): Promise<void> {
    if (this.phase !== 'unlocked') return Promise.resolve();
    this.locking ??= this.lockNow().finally(() => (this.locking = null));
    return this.locking;
  }

  private async lockNow(): Promise<void> {
    this.desktop?.onLocked();
    this.notices?.onLocked();
    await this.circleSet.closeAll();
    this.journal.close();
    this.network.forget();
    this.vault.lock();
    this.phase = 'locked';
    this.emit();
  }

  // ---- Circles --------------------------------------------------------------------------

  circles(): CircleSummary[] {
    return this.circleSet.circles();
  }

  createCircle(input: NewCircleInput): Promise<string> {
    return this.circleSet.createCircle(input);
  }

  circleView(localId: string): CircleView | null {
    return this.circleSet.circleView(localId);
  }

  unwipedCircles(): string[] {
    return this.circleSet.unwipedCircles();
  }

  dismissUnwipedCircles(): void {
    this.circleSet.dismissUnwipedCircles();
  }

  daysInCircles(): ReadonlySet<string> {
    return this.circleSet.daysWritten();
  }

  sendMessage(
    localId: string,
    text: string,
    warning?: WarningTopic,
    replyTo?: MessageRef,
  ): Promise<void> {
    return this.circleSet.sendMessage(localId, text, warning, replyTo);
  }

  react(localId: string, target: MessageRef, emoji: string, on: boolean): Promise<void> {
    return this.circleSet.react(localId, target, emoji, on);
  }

  createInvite(localId: string, options?: InviteOptions): Promise<InviteCode> {
    return this.circleSet.createInvite(localId, options);
  }

  revokeInvite(localId: string, inviteId: string): Promise<void> {
    return this.circleSet.revokeInvite(localId, inviteId);
  }

  approveKnock(localId: string, requestId: string): Promise<void> {
    return this.circleSet.approveKnock(localId, requestId);
  }

  declineKnock(localId: string, requestId: string): Promise<void> {
    return this.circleSet.declineKnock(localId, requestId);
  }

  setRole(localId: string, memberKey: string, role: 'facilitator' | 'member'): Promise<void> {
    return this.circleSet.setRole(localId, memberKey, role);
  }

  removeMember(localId: string, memberKey: string, reason: string): Promise<void> {
    return this.circleSet.removeMember(localId, memberKey, reason);
  }

  leaveCircle(localId: string, options: LeaveOptions): Promise<void> {
    return this.circleSet.leaveCircle(localId, options);
  }

  renameSelf(localId: string, displayName: string): Promise<void> {
    return this.circleSet.renameSelf(localId, displayName);
  }

  editMessage(localId: string, id: string, text: string, warning?: WarningTopic): Promise<void> {
    return this.circleSet.act(localId, (s) => editMessage(s, id, text, warning));
  }

  deleteMessage(localId: string, id: string): Promise<void> {
    return this.circleSet.act(localId, (s) => deleteMessage(s, id));
  }

  setTyping(localId: string, on: boolean): void {
    // After a quick exit nothing more leaves this device; the lock's goodbye clears our typing.
    if (this.exited || this.phase !== 'unlocked') return;
    this.circleSet.setTyping(localId, on);
  }

  hideMessage(localId: string, author: string, id: string, reason: string): Promise<void> {
    return this.circleSet.act(localId, (s) => hideMessage(s, author, id, reason));
  }

  showMessage(localId: string, author: string, id: string, reason: string): Promise<void> {
    return this.circleSet.act(localId, (s) => showMessage(s, author, id, reason));
  }

  muteMember(localId: string, member: string, until: number, reason: string): Promise<void> {
    return this.circleSet.act(localId, (s) => muteMember(s, member, until, reason));
  }

  unmuteMember(localId: string, member: string, reason: string): Promise<void> {
    return this.circleSet.act(localId, (s) => unmuteMember(s, member, reason));
  }

  setGuidelines(localId: string, text: string): Promise<void> {
    return this.circleSet.act(localId, (s) => setGuidelines(s, text));
  }

  sendReport(
    localId: string,
    about: ReportAbout,
    concern: ReportConcern,
    details: string,
  ): Promise<void> {
    return this.circleSet.act(localId, (s) => sendReport(s, about, concern, details));
  }

  answerReport(localId: string, reportId: string, outcome: ReportOutcome): Promise<void> {
    return this.circleSet.act(localId, (s) => answerReport(s, reportId, outcome));
  }

  async blockMember(localId: string, memberKey: string): Promise<void> {
    checkBlockable(this.circleSet.circleView(localId), memberKey);
    await this.circleSet.blocked.block(localId, memberKey);
  }

  async unblockMember(localId: string, memberKey: string): Promise<void> {
    if (!this.circleSet.circleView(localId)) throw new Error('This circle is not open.');
    await this.circleSet.blocked.unblock(localId, memberKey);
  }

  makeRelayCode(localId: string): Promise<string> {
    return this.circleSet.act(localId, makeRelayCode);
  }

  detachRelay(localId: string, relay: string): Promise<void> {
    return this.circleSet.act(localId, (s) => detachRelay(s, relay));
  }

  setCircleResources(localId: string, entries: readonly ResourceDraft[]): Promise<void> {
    return this.circleSet.act(localId, (s) => setCircleResources(s, entries));
  }

  viewCircle(localId: string): () => void {
    return this.circleSet.viewCircle(localId);
  }

  joinAttempts(): JoinAttempt[] {
    return this.circleSet.joinAttempts();
  }

  join(code: string, displayName: string): ReturnType<HearthApp['join']> {
    const result = this.circleSet.join(code, displayName);
    const decoded = result.ok ? decodeShareCode(code) : null;
    // The page may reach only signaling servers main allows, and a code can name new ones.
    if (result.ok && decoded?.ok && this.desktop)
      void this.allowJoinSignaling(this.desktop, result.attempt.id, decoded.code.signalingHints);
    return result;
  }

  /**
   * If the page's policy must widen, Hearth locks (writing everything out) and main reloads the
   * window; the knock continues by itself after unlock, but only once its row is stored, so wait
   * for that first (it is written in the background).
   */
  private async allowJoinSignaling(
    desktop: DesktopApp,
    attemptId: string,
    hints: string[],
  ): Promise<void> {
    const stored = await this.circleSet.joinStored(attemptId);
    await desktop.allowSignaling(hints, stored ? () => this.lock() : undefined).catch(() => {});
  }

  // ---- Unlock and progress ---------------------------------------------------------------

  /**
   * Opens circles and journal once per unlock, even when the keychain and a typed passphrase
   * both finish unlocking at the same moment.
   */
  private afterUnlock(): Promise<void> {
    if (this.phase === 'unlocked') return Promise.resolve();
    this.opening ??= (async () => {
      // Before any room opens: with "Hide my IP" on, no connection may start without the relay.
      await this.network.load();
      await this.circleSet.openAll();
      await this.journal.open();
      this.phase = 'unlocked';
      this.desktop?.onUnlocked();
      this.emit();
    })().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async withProgress(
    label: string,
    task: (onProgress: (f: number) => void) => Promise<void>,
  ): Promise<void> {
    this.progress = { label, fraction: 0 };
    this.emit();
    try {
      await task((fraction) => {
        this.progress = { label, fraction };
        this.emit();
      });
    } finally {
      this.progress = null;
      this.emit();
    }
  }

  private emit(): void {
    this.circleSet.emit();
  }
}
