// Start-up wiring: picks the host, opens storage, and implements HearthApp on top of the
// services. Screens talk only to the HearthApp interface (services/types.ts).
import { loadSodium } from '../../src-shared/crypto/sodium';
import { detectHost } from '../host';
import { HearthDb } from '../services/storage/db';
import { CircleStore } from '../services/storage/circle-store';
import { deriveKekInWorker } from '../services/vault/kdf';
import { Vault } from '../services/vault/vault';
import { Circles } from '../services/circles/circles';
import { WorkerRecordOpener } from '../services/circles/record-opener';
import { Journal, type JournalDeps } from '../services/journal/journal';
import { JournalStore } from '../services/journal/journal-store';
import { pdfMaker } from '../services/journal/pdf-maker';
import dejaVuSansUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import type { HearthApp, Progress, VaultPhase } from '../services/types';
import { decodeShareCode } from '../../src-shared/share-code';
import { DesktopApp, KEYCHAIN_UNLOCK_LABEL } from '../host/desktop-app';
import type { HostBridge } from '../host/host-bridge';

export async function createHearth(): Promise<HearthApp> {
  const host = detectHost();
  // Listened for from the start: a window closed while Hearth starts is answered at once (there
  // is nothing to write yet) rather than after main's timeout.
  let saveBeforeClose = async (): Promise<void> => {};
  host.onSaveRequested(() => saveBeforeClose());
  await loadSodium();
  const info = await host
    .getHostInfo()
    .catch(() => ({ platform: 'unknown', appVersion: '', signalingUrls: [] as string[] }));
  const db = new HearthDb();
  const vault = new Vault(db, deriveKekInWorker);
  const journal = {
    store: new JournalStore(db, vault),
    host,
    makePdf: pdfMaker(dejaVuSansUrl),
    // In the desktop app the reminder is also a notification, for when Hearth is in the background.
    remind: () => void host.desktop?.notifyCheckIn().catch(() => {}),
  };
  const app = new Hearth(
    vault,
    new CircleStore(db, vault),
    { signalingUrls: info.signalingUrls, iceServers: [] },
    journal,
  );
  await app.init();
  host.onLockRequested(() => void app.lock());
  // Writes are coalesced (up to a second for what peers sent). The desktop app holds its window's
  // close until they are on disk; a browser tab only lets them start as it goes.
  saveBeforeClose = () => app.persistAll();
  window.addEventListener('pagehide', () => app.flushAll());
  await app.attachDesktop(host);
  // Only the end-to-end build (vite --mode e2e) exposes the app to test scripts; production
  // bundles drop this branch entirely.
  if (import.meta.env.MODE === 'e2e')
    (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi = app;
  return app;
}

class Hearth extends Circles implements HearthApp {
  private phase: VaultPhase = 'loading';
  private progress: Progress | null = null;
  readonly journal: Journal;
  desktop: DesktopApp | null = null;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly vault: Vault,
    store: CircleStore,
    network: { signalingUrls: string[]; iceServers: RTCIceServer[] },
    journal: Omit<JournalDeps, 'onChange'>,
  ) {
    // Two workers: these machines have two cores, and one keeps the UI thread free.
    super(store, network, new WorkerRecordOpener(Math.min(2, navigator.hardwareConcurrency || 2)));
    this.journal = new Journal({ ...journal, onChange: () => this.emit() });
  }

  async init(): Promise<void> {
    this.phase = (await this.vault.exists()) ? 'locked' : 'new';
    this.emit();
  }

  vaultPhase(): VaultPhase {
    return this.phase;
  }

  vaultProgress(): Progress | null {
    return this.progress;
  }

  async createVault(passphrase: string): Promise<void> {
    await this.withProgress('Creating your vault…', (p) => this.vault.create(passphrase, p));
    await this.afterUnlock();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.withProgress('Unlocking…', (p) => this.vault.unlock(passphrase, p));
    await this.afterUnlock();
  }

  /** Desktop only: settings, join links, notifications, and keychain unlock at start. */
  async attachDesktop(host: HostBridge): Promise<void> {
    if (host.desktop === null) return;
    // New circles use the LAN server and the user's servers as main lists them now.
    const refreshNetwork = async () => {
      this.network.signalingUrls = (await host.getHostInfo()).signalingUrls;
    };
    const desktop = new DesktopApp(
      host.desktop,
      this.vault,
      () => this.emit(),
      window.sessionStorage,
      refreshNetwork,
    );
    this.desktop = desktop;
    host.onJoinLink((code) => desktop.receiveJoinLink(code));
    host.onSettingsRequested(() => desktop.requestSettings());
    this.subscribe(() => {
      if (this.phase === 'unlocked')
        desktop.onCirclesChanged(this.circles(), (id) => this.circleView(id));
    });
    await desktop
      .load()
      .catch((error: unknown) => console.error('[hearth] desktop settings unavailable', error));
    if (this.phase === 'locked') void this.unlockWithKeychain();
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

  override join(code: string, displayName: string): ReturnType<Circles['join']> {
    const result = super.join(code, displayName);
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
    let stored = false;
    for (let i = 0; i < 40 && !stored; i++) {
      stored = (await this.store.loadPendingJoins().catch(() => [])).some(
        (row) => row.id === attemptId,
      );
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await desktop.allowSignaling(hints, stored ? () => this.lock() : undefined).catch(() => {});
  }

  async lock(): Promise<void> {
    if (this.phase !== 'unlocked') return;
    this.desktop?.onLocked();
    await this.closeAll();
    this.journal.close();
    this.vault.lock();
    this.phase = 'locked';
    this.emit();
  }

  /**
   * Opens circles and journal once per unlock, even when the keychain and a typed passphrase
   * both finish unlocking at the same moment.
   */
  private afterUnlock(): Promise<void> {
    if (this.phase === 'unlocked') return Promise.resolve();
    this.opening ??= (async () => {
      await this.openAll();
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
}
