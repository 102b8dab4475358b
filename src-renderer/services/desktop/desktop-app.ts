// The desktop shell as the renderer sees it: settings kept by main, keychain unlock, hearth://
// join links, new-message notifications and the signaling servers the page may reach. A service
// over the host's DesktopHost; exists only in Electron (HearthApp.desktop is null in a browser).
import { KeychainError, type ShellSettingsPatch } from '../../../src-shared/ipc/contract';
import type { DesktopHost } from '../../host/host-bridge';
import type { CircleSummary, CircleView, DesktopShell, DesktopSnapshot } from '../types';
import type { Vault } from '../vault/vault';
import { KEYCHAIN_CHANGED_NOTICE, KEYCHAIN_SILENT_NOTICE, keychainRefusal } from './keychain-text';
import { latestMessageOf, MessageWatch, type LatestMessage } from './message-watch';

/** Survives the reload that widens the page's connection policy (sessionStorage is per window). */
const RELOAD_FLAG = 'hearth:reloaded-for-signaling';
export const RELOADED_NOTICE =
  'Hearth reopened its window so it can reach a new signaling server. Unlock to carry on: your join continues by itself.';

export class DesktopApp implements DesktopShell {
  private snap: DesktopSnapshot = {
    shell: null,
    keychain: null,
    keychainUnlock: false,
    notice: null,
    joinLink: null,
    settingsRequested: false,
    lanNeedsRestart: false,
  };
  private readonly watch = new MessageWatch();
  /** The unread count main was last given (-1: none yet, or it must be given again). */
  private unreadShown = -1;

  constructor(
    private readonly host: DesktopHost,
    private readonly vault: Vault,
    private readonly emit: () => void,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = null,
    /** Runs after a settings change was saved (the app re-reads which servers new circles use). */
    private readonly onSettingsSaved: () => Promise<void> = async () => {},
  ) {}

  snapshot(): DesktopSnapshot {
    return this.snap;
  }

  /** Reads settings and keychain state from main; at start and when settings open. */
  async load(): Promise<void> {
    const [shell, keychain, wrap] = await Promise.all([
      this.host.shellState(),
      this.host.keychainStatus(),
      this.vault.keychainWrap(),
    ]);
    const notice =
      this.snap.notice ?? (this.storage?.getItem(RELOAD_FLAG) ? RELOADED_NOTICE : null);
    this.storage?.removeItem(RELOAD_FLAG);
    this.set({ shell, keychain, keychainUnlock: wrap !== null, notice });
  }

  async updateSettings(patch: ShellSettingsPatch): Promise<void> {
    const shell = await this.host.updateSettings(patch);
    // A tray turned on starts with a plain tooltip: give it the count again.
    if (patch.trayIcon === true) this.showUnreadCount(Math.max(0, this.unreadShown), true);
    this.set({ shell });
    await this.onSettingsSaved();
    // The page's connection policy was fixed when it loaded; a server started since may be new to it.
    if (patch.embeddedSignaling === true && shell.lanSignalingUrls.length > 0) {
      const { covered } = await this.host.allowSignalingUrls(
        shell.lanSignalingUrls.slice(0, 32),
        false,
      );
      this.set({ lanNeedsRestart: !covered });
    }
  }

  /** Turns keychain unlock on (vault must be unlocked) or off. */
  async setKeychainUnlock(on: boolean): Promise<void> {
    if (!on) {
      await this.vault.forgetKeychainWrap();
      this.set({ keychainUnlock: false });
      return;
    }
    const status = await this.host.keychainStatus();
    this.set({ keychain: status });
    const refusal = keychainRefusal(status);
    if (refusal !== null) throw new Error(refusal);
    await this.vault.saveKeychainWrap((key) => this.host.wrapKey(key));
    this.set({ keychainUnlock: true });
  }

  /**
   * At start, while locked: asks main to unwrap the stored key and unlocks with it. False (and
   * a notice) when it cannot; a keychain that changed drops the stale wrap for good.
   */
  async unlockWithKeychain(unlock: (key: Uint8Array) => Promise<void>): Promise<boolean> {
    const stored = await this.vault.keychainWrap();
    if (stored === null) return false;
    const key = await this.host.unwrapKey({ wrapped: stored.wrapped, backend: stored.backend });
    if (!key.ok) {
      if (key.error === KeychainError.changed) {
        await this.vault.forgetKeychainWrap();
        this.set({ keychainUnlock: false, notice: KEYCHAIN_CHANGED_NOTICE });
      } else {
        this.set({ notice: KEYCHAIN_SILENT_NOTICE });
      }
      return false;
    }
    try {
      await unlock(key.value);
    } catch {
      await this.vault.forgetKeychainWrap();
      this.set({ keychainUnlock: false, notice: KEYCHAIN_CHANGED_NOTICE });
      return false;
    }
    return true;
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  receiveJoinLink(code: string): void {
    this.set({ joinLink: code });
  }

  requestSettings(): void {
    this.set({ settingsRequested: true });
  }

  /** The settings page opened. */
  clearSettingsRequest(): void {
    if (this.snap.settingsRequested) this.set({ settingsRequested: false });
  }

  /** The join page took the link. */
  clearJoinLink(): void {
    this.set({ joinLink: null });
  }

  /**
   * Lets the page reach these signaling servers while unlocked. With `beforeReload` (the user
   * just asked to join through them) and a page that cannot reach them yet, runs it (the app
   * locks, writing everything out) and has main reload the window under the widened policy now.
   */
  async allowSignaling(urls: string[], beforeReload?: () => Promise<void>): Promise<void> {
    if (urls.length === 0) return;
    const list = urls.slice(0, 32);
    const { covered } = await this.host.allowSignalingUrls(list, false);
    if (covered || beforeReload === undefined) return;
    await beforeReload();
    this.storage?.setItem(RELOAD_FLAG, '1');
    const { reloading } = await this.host.allowSignalingUrls(list, true);
    if (!reloading) this.storage?.removeItem(RELOAD_FLAG);
  }

  /**
   * Called on every app change while unlocked: notifies about new messages from others, and
   * hands main the signaling servers the circles use (kept in the vault; main holds them only
   * while unlocked).
   */
  onCirclesChanged(
    circles: readonly CircleSummary[],
    viewOf: (localId: string) => CircleView | null,
  ): void {
    const latest: LatestMessage[] = [];
    const urls = new Set<string>();
    for (const circle of circles) {
      const view = viewOf(circle.localId);
      if (view === null) continue;
      for (const url of view.signalingUrls) urls.add(url);
      latest.push(latestMessageOf(circle, view));
    }
    this.reportSignaling([...urls]);
    const previews = this.snap.shell?.settings.notificationPreviews ?? false;
    for (const notice of this.watch.update(latest, Date.now())) {
      // The words cross to main only when the user allowed previews.
      const text = previews
        ? { circleName: notice.circleName.slice(0, 200), text: notice.text.slice(0, 4000) }
        : { circleName: '', text: '' };
      void this.host.notifyNewMessage(text).catch(() => {});
    }
  }

  private reported = '';

  private reportSignaling(urls: string[]): void {
    const key = urls.sort().join(' ');
    if (key === this.reported || urls.length === 0) return;
    this.reported = key;
    void this.allowSignaling(urls).catch(() => {});
  }

  /** A notice on the unlock screen has done its job once Hearth is open. */
  onUnlocked(): void {
    this.snap = { ...this.snap, notice: null };
  }

  /**
   * Puts the number of unread messages on the dock, taskbar or tray, when it changed (or with
   * `again`). It is a count, not content, so it shows whether or not notifications are on; the
   * caller passes 0 while locked.
   */
  showUnreadCount(count: number, again = false): void {
    if (count === this.unreadShown && !again) return;
    this.unreadShown = count;
    void this.host.showUnreadCount(count).catch(() => {});
  }

  /** Quick exit: the window goes out of sight at once (the page locks itself). */
  hideWindow(): void {
    void this.host.hideWindow().catch(() => {});
  }

  /** Main forgets the signaling servers it was handed; the next unlock hands them over again. */
  onLocked(): void {
    this.watch.reset();
    this.reported = '';
    void this.host.forgetSignalingUrls().catch(() => {});
  }

  private set(change: Partial<DesktopSnapshot>): void {
    this.snap = { ...this.snap, ...change };
    this.emit();
  }
}
