// Electron main process: wiring only. Every decision (origins, paths, CSP, permissions, menu,
// LAN addresses, IPC checks, settings, keychain, deep links, notifications, idle lock) lives in
// a pure module; ipc-handlers.ts is the seam, and this file supplies its MainPorts.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IpcChannel, type ShellSettings } from '../src-shared/ipc/contract';
import { APP_SCHEME, entryUrl, originOf, PACKAGED_ORIGIN, parseDevUrl } from './app-origin';
import { contentTypeFor, resolveAppPath } from './app-protocol';
import { CloseGate, SAVE_BEFORE_CLOSE_TIMEOUT_MS } from './close-gate';
import { buildCsp, CSP_HEADER } from './csp';
import { DEEP_LINK_SCHEME, JoinLinkInbox, joinLinkFromArgv, parseJoinLink } from './deep-link';
import { embeddedServerOptions } from './embedded-signaling';
import {
  createIpcHandlers,
  offerExternalLink,
  registerIpcHandlers,
  type MainPorts,
} from './ipc-handlers';
import { LanSignaling } from './lan-signaling';
import { watchForLock } from './lock-triggers';
import { buildMenuTemplate, buildTrayTemplate } from './menu';
import { hardenSession, installSecurityGuards } from './security';
import { SETTINGS_FILE, SettingsStore } from './settings';
import { installSignalingGate } from './signaling-gate';
import { allowedSignalingUrls, UnlockedSignaling } from './signaling-policy';
import { startSignalingServer } from '../src-server/signaling/server';
import {
  isPrintRequestAllowed,
  mainWindowOptions,
  PRINT_CSP,
  PRINT_SCHEME,
  PRINT_TIMEOUT_MS,
  PRINT_URL,
  printWindowOptions,
  withTimeout,
} from './windows';

// Bundled to CommonJS (dist/main/main.cjs), so __dirname is the bundle's folder.
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const ICON_PATH = path.join(__dirname, 'icon.png');
/** Windows' taskbar overlay for unread messages: a plain dot (unread-badge.ts says why). */
const UNREAD_OVERLAY_PATH = path.join(__dirname, 'unread-overlay.png');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

const devUrl = parseDevUrl(process.env['HEARTH_DEV_URL'], app.isPackaged);
if (devUrl === null && process.env['HEARTH_DEV_URL']) {
  console.warn(
    '[hearth] ignoring HEARTH_DEV_URL: only a loopback URL in an unpackaged app is used',
  );
}
const origin = devUrl === null ? PACKAGED_ORIGIN : originOf(devUrl);
const isDev = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;
/** The main window's (close-gate.ts): its close waits until the page has saved. */
let closeGate: CloseGate | null = null;
/** Set once the app is quitting, so a window whose close was held quits the app when it goes. */
let quitting = false;
let tray: Tray | null = null;
/** The servers of the unlocked page's circles and joins (memory only; emptied on lock). */
const unlockedSignaling = new UnlockedSignaling();

const settings = new SettingsStore({
  read: () => readFile(path.join(app.getPath('userData'), SETTINGS_FILE), 'utf8').catch(() => null),
  async write(text) {
    // Temporary file then rename: a crash mid-write never leaves half a settings file.
    const file = path.join(app.getPath('userData'), SETTINGS_FILE);
    await writeFile(`${file}.tmp`, text, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  },
});
const joinLinks = new JoinLinkInbox();
const lanSignaling = new LanSignaling({
  start: (where) => startSignalingServer({ ...where, ...embeddedServerOptions(origin) }),
  networkInterfaces: () => os.networkInterfaces(),
});

// Scheme privileges are fixed when Chromium starts, so this must run before 'ready'.
// standard+secure gives app:// a real origin, 'self' in CSP, and secure-context APIs.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: PRINT_SCHEME, privileges: { standard: true } },
]);
app.enableSandbox();
// Windows shows notifications only for an app with an AppUserModelID (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('org.hearth.app');
installSecurityGuards(origin, (url) => void offerExternalLink(url, ports));

function currentAllowedSignaling(): string[] {
  return allowedSignalingUrls({
    lan: lanSignaling.urls(),
    configured: settings.settings.signalingUrls,
    unlocked: unlockedSignaling.urls,
  }).concat(devUrl === null ? [] : [devUrl.href.replace(/^http/, 'ws')]);
}

function currentCsp(isDocument: boolean): string {
  if (isDocument) unlockedSignaling.clear(); // a page that loads starts locked
  return buildCsp({ connectUrls: [], gatedWebSockets: true, devServerUrl: devUrl?.href });
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, RENDERER_DIR);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeFor(file),
          // Set here, not in webRequest: header hooks do not see custom protocols.
          [CSP_HEADER]: currentCsp(file.endsWith('.html')),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** Renders HTML to PDF in a throwaway session that can load nothing but the document. */
async function renderPdf(html: string): Promise<Uint8Array> {
  const partition = `hearth-print-${randomUUID()}`; // no "persist:": memory only
  const printSession = session.fromPartition(partition, { cache: false });
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isPrintRequestAllowed(details.url) }),
  );
  printSession.protocol.handle(PRINT_SCHEME, (request) =>
    isPrintRequestAllowed(request.url)
      ? new Response(html, {
          headers: { 'Content-Type': 'text/html; charset=utf-8', [CSP_HEADER]: PRINT_CSP },
        })
      : new Response('', { status: 404 }),
  );
  const win = new BrowserWindow(printWindowOptions(partition));
  try {
    const print = async () => {
      await win.loadURL(PRINT_URL);
      return win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    };
    return await withTimeout(print(), PRINT_TIMEOUT_MS, 'printToPDF did not finish');
  } finally {
    win.destroy();
    printSession.protocol.unhandle(PRINT_SCHEME);
  }
}

function keychainFacts() {
  return {
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend:
      process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  };
}

const ports: MainPorts = {
  platform: process.platform,
  appVersion: app.getVersion(),
  lanSignalingUrls: () => lanSignaling.urls(),
  applySettings,
  keychainFacts,
  keychainEncrypt: (text) => safeStorage.encryptString(text),
  keychainDecrypt: (bytes) => safeStorage.decryptString(Buffer.from(bytes)),
  async chooseSavePath(suggestedName, extension) {
    const options = {
      title: 'Save export',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    };
    const result = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  writeFile: (filePath, bytes) => writeFile(filePath, bytes, { mode: 0o600 }),
  renderPdf,
  async confirm({ message, detail }) {
    const options = {
      type: 'question' as const,
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message,
      detail,
    };
    const { response } = mainWindow
      ? await dialog.showMessageBox(mainWindow, options)
      : await dialog.showMessageBox(options);
    return response === 0;
  },
  openExternal: (url) => shell.openExternal(url),
  windowFocused: () => mainWindow?.isFocused() ?? false,
  showNotification({ title, body }) {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon: ICON_PATH });
    notification.on('click', showWindow);
    notification.show();
  },
  savedBeforeClose: () => closeGate?.saved(),
  hideWindow: () => mainWindow?.hide(),
  setBadgeCount: (count) => app.setBadgeCount(count),
  setTrayTooltip: (text) => tray?.setToolTip(text),
  setTaskbarOverlay: (description) =>
    mainWindow?.setOverlayIcon(
      description === null ? null : nativeImage.createFromPath(UNREAD_OVERLAY_PATH),
      description ?? '',
    ),
};

function requestLock(): void {
  unlockedSignaling.clear();
  mainWindow?.webContents.send(IpcChannel.lockRequested);
}

/** Quick exit (docs/ARCHITECTURE.md "Safety") hides the window and locks at once. Hide first: it is what people see. */
function quickExit(): void {
  mainWindow?.hide();
  requestLock();
}

function showWindow(): void {
  if (mainWindow === null) {
    createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openJoinLink(code: string): void {
  joinLinks.deliver(code, (c) => mainWindow?.webContents.send(IpcChannel.joinLinkOpened, c));
  // macOS can send open-url before 'ready': the link waits in the inbox for the first window.
  if (app.isReady()) showWindow();
}

/** The settings page is a renderer view: the menu item asks the page to show it. */
function openSettings(): void {
  showWindow();
  mainWindow?.webContents.send(IpcChannel.settingsRequested);
}

function createWindow(): void {
  const win = new BrowserWindow(
    mainWindowOptions({ preloadPath: PRELOAD_PATH, isDev, iconPath: ICON_PATH }),
  );
  win.once('ready-to-show', () => win.show());
  const gate = new CloseGate({
    askToSave: () => {
      const page = win.webContents;
      if (page.isCrashed() || page.isLoading()) return false;
      page.send(IpcChannel.saveRequested);
      return true;
    },
    // Holding the close cancelled a quit under way: quit again, now that the page has saved
    // (before-quit sets the flag again). A quit cancelled some other way must not turn a later
    // close of the window into a quit.
    proceed: () => {
      if (!quitting) return win.close();
      quitting = false;
      app.quit();
    },
    timeoutMs: SAVE_BEFORE_CLOSE_TIMEOUT_MS,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
  closeGate = gate;
  win.on('close', (event) => {
    if (gate.holdClose()) event.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    if (closeGate === gate) closeGate = null;
  });
  // A new page must ask for pending join links again.
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) joinLinks.pageGone();
  });
  mainWindow = win;
  void win.loadURL(devUrl === null ? entryUrl(origin) : devUrl.href);
}

function setTray(enabled: boolean): void {
  if (!enabled) {
    tray?.destroy();
    tray = null;
    return;
  }
  if (tray !== null) return;
  tray = new Tray(ICON_PATH);
  tray.setToolTip('Hearth');
  tray.setContextMenu(
    Menu.buildFromTemplate(
      buildTrayTemplate({ onShow: showWindow, onLock: requestLock, onQuit: () => app.quit() }),
    ),
  );
  tray.on('click', showWindow);
}

async function applySettings(next: ShellSettings, previous: ShellSettings): Promise<void> {
  if (next.embeddedSignaling !== previous.embeddedSignaling) {
    await (next.embeddedSignaling ? lanSignaling.start() : lanSignaling.stop());
  }
  if (next.trayIcon !== previous.trayIcon) setTray(next.trayIcon);
}

function registerDeepLinks(): void {
  // An unpackaged app is `electron <path>`: register that command line, not bare Electron.
  if (process.defaultApp && process.argv[1] !== undefined) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [
      path.resolve(process.argv[1]),
    ]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
}

// macOS delivers links through open-url, possibly before 'ready': listen from the start.
app.on('open-url', (event, url) => {
  event.preventDefault();
  const code = parseJoinLink(url);
  if (code !== null) openJoinLink(code);
});

// One instance: a second one would fight over the signaling port and the local database. A
// second launch (a clicked hearth:// link on Windows and Linux) hands us its argv instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const code = joinLinkFromArgv(argv);
    if (code !== null) openJoinLink(code);
    else showWindow();
  });
  const firstLink = joinLinkFromArgv(process.argv);
  if (firstLink !== null) joinLinks.deliver(firstLink, () => {});

  void app.whenReady().then(async () => {
    await settings.load();
    hardenSession(session.defaultSession, origin, currentCsp);
    installSignalingGate(session.defaultSession, currentAllowedSignaling);
    if (devUrl === null) serveRenderer();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          isDev,
          onLock: requestLock,
          onQuickExit: quickExit,
          onSettings: openSettings,
        }),
      ),
    );
    registerIpcHandlers(
      ipcMain,
      createIpcHandlers({ origin, ports, settings, joinLinks, unlockedSignaling }),
    );
    registerDeepLinks();
    // Before the window, so the gate already admits the LAN server when the page first connects.
    if (settings.settings.embeddedSignaling) await lanSignaling.start();
    setTray(settings.settings.trayIcon);
    watchForLock({
      power: powerMonitor,
      autoLockMinutes: () => settings.settings.autoLockMinutes,
      lock: requestLock,
    });
    createWindow();
    app.on('activate', showWindow);
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the LAN server before exiting, but never let a stuck close hold the app open.
  app.on('will-quit', (event) => {
    if (!lanSignaling.running) return;
    event.preventDefault();
    void lanSignaling.stop().finally(() => app.quit());
  });
}
