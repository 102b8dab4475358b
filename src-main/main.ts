// Electron main process: wiring only. Every decision (origins, paths, CSP, permissions, menu,
// LAN addresses, IPC checks) lives in a pure module that takes its inputs as arguments.
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IpcArgs, IpcChannel, ok, type HostInfo, type Result } from '../src-shared/ipc/contract';
import { APP_SCHEME, entryUrl, originOf, PACKAGED_ORIGIN, parseDevUrl } from './app-origin';
import { contentTypeFor, resolveAppPath } from './app-protocol';
import { buildCsp, CSP_HEADER } from './csp';
import { startWithPortFallback, type SignalingHandle } from './embedded-signaling';
import { checkIpcCall } from './ipc-guard';
import { pickLanIPv4, signalingUrlsFor } from './lan';
import { buildMenuTemplate } from './menu';
import { hardenSession, installSecurityGuards } from './security';
import { startSignalingServer } from './signaling/server';

// Bundled to CommonJS (dist/main/main.cjs), so __dirname is the bundle's folder.
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const SIGNALING_CLOSE_TIMEOUT_MS = 2000;

const devUrl = parseDevUrl(process.env['HEARTH_DEV_URL'], app.isPackaged);
if (devUrl === null && process.env['HEARTH_DEV_URL']) {
  console.warn('[hearth] ignoring HEARTH_DEV_URL: only a loopback URL in an unpackaged app is used');
}
const origin = devUrl === null ? PACKAGED_ORIGIN : originOf(devUrl);
const isDev = !app.isPackaged;

let signaling: SignalingHandle | null = null;
let mainWindow: BrowserWindow | null = null;

// Scheme privileges are fixed when Chromium starts, so this must run before 'ready'.
// standard+secure gives app:// a real origin, 'self' in CSP, and secure-context APIs.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
installSecurityGuards(origin);

/** Recomputed per call: the LAN address changes when the laptop changes network. */
function currentSignalingUrls(): string[] {
  if (signaling === null) return [];
  return signalingUrlsFor(signaling.port, pickLanIPv4(os.networkInterfaces()));
}

function currentCsp(): string {
  return buildCsp({ connectUrls: currentSignalingUrls(), devServerUrl: devUrl?.href, allowAnyWebSocket: true });
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
          [CSP_HEADER]: currentCsp(),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function registerIpc(): void {
  ipcMain.handle(IpcChannel.getHostInfo, (event, ...args): Result<HostInfo> => {
    const call = checkIpcCall(event.senderFrame?.url, args, IpcArgs.getHostInfo, origin);
    if (!call.ok) return call;
    return ok({
      platform: process.platform,
      appVersion: app.getVersion(),
      signalingUrls: currentSignalingUrls(),
    });
  });
}

function requestLock(): void {
  mainWindow?.webContents.send(IpcChannel.lockRequested);
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'Hearth',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      devTools: isDev,
      // Chromium fetches spellcheck dictionaries from Google's CDN; a private app stays quiet
      // until the user opts in (a later settings issue).
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  void win.loadURL(devUrl === null ? entryUrl(origin) : devUrl.href);
}

async function startEmbeddedSignaling(): Promise<void> {
  try {
    signaling = await startWithPortFallback(startSignalingServer);
  } catch (error) {
    // The app still works with remote signaling servers; the LAN server is a convenience.
    console.error('[hearth] embedded signaling server did not start:', error);
  }
}

// One instance: a second one would fight over the signaling port and the local database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession, origin, currentCsp);
    if (devUrl === null) serveRenderer();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({ platform: process.platform, isDev, onLock: requestLock }),
      ),
    );
    registerIpc();
    // Before the window, so its first CSP already allows the signaling origins.
    await startEmbeddedSignaling();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the LAN server before exiting, but never let a stuck close hold the app open.
  app.on('will-quit', (event) => {
    const server = signaling;
    if (server === null) return;
    signaling = null;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, SIGNALING_CLOSE_TIMEOUT_MS));
    void Promise.race([server.close(), timeout])
      .catch((error: unknown) => console.error('[hearth] closing signaling server:', error))
      .finally(() => app.quit());
  });
}
