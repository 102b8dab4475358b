// Start-up wiring: picks the host, opens storage, makes the services and composes them into the
// HearthApp facade (app/hearth.ts). Screens talk only to the HearthApp interface (services/types.ts).
import dejaVuSansUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { detectHost } from '../host';
import type { HostBridge } from '../host/host-bridge';
import { Circles } from '../services/circles/circles';
import { WorkerRecordOpener } from '../services/circles/record-opener';
import type { NetworkSettings } from '../services/circles/room-connection';
import { DesktopApp } from '../services/desktop/desktop-app';
import { Journal } from '../services/journal/journal';
import { JournalStore } from '../services/journal/journal-store';
import { pdfMaker } from '../services/journal/pdf-maker';
import { IceSettings } from '../services/network/ice-settings';
import { BrowserNotices } from '../services/notifications/browser-notices';
import {
  browserNotificationApi,
  deviceStorage,
} from '../services/notifications/browser-notification-api';
import { CircleStore } from '../services/storage/circle-store';
import { HearthDb } from '../services/storage/db';
import type { HearthApp } from '../services/types';
import { deriveKekInWorker } from '../services/vault/kdf';
import { Vault } from '../services/vault/vault';
import { Hearth } from './hearth';
import { followUnread, mayShowActivity } from './unread-signal';

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
  // Shared with IceSettings below, which writes the person's ICE servers and policy into it.
  const network: NetworkSettings = { signalingUrls: info.signalingUrls, iceServers: [] };
  const circles = new Circles(
    new CircleStore(db, vault),
    network,
    // Two workers: these machines have two cores, and one keeps the UI thread free.
    new WorkerRecordOpener(Math.min(2, navigator.hardwareConcurrency || 2)),
  );
  // Every part announces its changes through the circles' feed (see Circles.emit).
  const emit = () => circles.emit();
  const journal = new Journal({
    store: new JournalStore(db, vault),
    host,
    makePdf: pdfMaker(dejaVuSansUrl),
    // In the desktop app the reminder is also a notification, for when Hearth is in the background.
    remind: () => void host.desktop?.notifyCheckIn().catch(() => {}),
    onChange: emit,
  });
  const desktop = desktopOf(host, vault, circles, emit);
  const notices =
    desktop === null
      ? new BrowserNotices(
          deviceStorage(),
          browserNotificationApi(),
          () => document.visibilityState === 'hidden',
          emit,
        )
      : null;
  const iceSettings = new IceSettings(db, vault, network, emit);
  const app = new Hearth({
    vault,
    circles,
    journal,
    network: iceSettings,
    desktop,
    notices,
    hostInfo: info,
  });
  await app.init();
  host.onLockRequested(() => void app.lock());
  // Writes are coalesced (up to a second for what peers sent). The desktop app holds its window's
  // close until they are on disk; a browser tab only lets them start as it goes.
  saveBeforeClose = () => circles.persistAll();
  window.addEventListener('pagehide', () => circles.flushAll());
  if (desktop !== null) await attachDesktop(host, desktop, app);
  followUnread(app, {
    doc: document,
    badge: desktop === null ? null : (count) => desktop.showUnreadCount(count),
  });
  if (notices !== null)
    app.subscribe(() => {
      // Not behind a quick exit either: a message arriving before its lock ends is no notice.
      if (mayShowActivity(app)) notices.onCirclesChanged(app.circles(), (id) => app.circleView(id));
    });
  // Only the end-to-end build (vite --mode e2e) exposes the app to test scripts; production
  // bundles drop this branch entirely.
  if (import.meta.env.MODE === 'e2e')
    (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi = app;
  return app;
}

/** Desktop only: settings kept by main, join links, notifications, keychain unlock. */
function desktopOf(
  host: HostBridge,
  vault: Vault,
  circles: Circles,
  emit: () => void,
): DesktopApp | null {
  if (host.desktop === null) return null;
  // New circles use the LAN server and the user's servers as main lists them now.
  const refreshNetwork = async () => {
    circles.useSignalingUrls((await host.getHostInfo()).signalingUrls);
  };
  return new DesktopApp(host.desktop, vault, emit, window.sessionStorage, refreshNetwork);
}

/** Follows the desktop shell's events, reads its settings, and tries keychain unlock at start. */
async function attachDesktop(host: HostBridge, desktop: DesktopApp, app: Hearth): Promise<void> {
  host.onJoinLink((code) => desktop.receiveJoinLink(code));
  host.onSettingsRequested(() => desktop.requestSettings());
  app.subscribe(() => {
    if (mayShowActivity(app)) desktop.onCirclesChanged(app.circles(), (id) => app.circleView(id));
  });
  await desktop
    .load()
    .catch((error: unknown) => console.error('[hearth] desktop settings unavailable', error));
  if (app.vaultPhase() === 'locked') void app.unlockWithKeychain();
}
