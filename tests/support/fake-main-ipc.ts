// The desktop shell's IPC handlers over fake ports: main.ts's one seam (ipc-handlers.ts), so
// every channel is tested without Electron. Records which ports were touched, in order.
import { type KeychainFacts } from '../../src-main/keychain';
import { PACKAGED_ORIGIN } from '../../src-main/app-origin';
import { JoinLinkInbox } from '../../src-main/deep-link';
import { createIpcHandlers, type MainPorts } from '../../src-main/ipc-handlers';
import { SettingsStore } from '../../src-main/settings';
import { UnlockedSignaling } from '../../src-main/signaling-policy';
import { type RequestName } from '../../src-shared/ipc/contract';

/** The packaged app's page: the one sender every channel trusts. */
export const APP_PAGE = 'app://hearth/index.html';
/** A well-formed share code. */
export const CODE = `hearth1${'A'.repeat(40)}_-x`;

export const LIBSECRET: KeychainFacts = {
  platform: 'linux',
  encryptionAvailable: true,
  linuxBackend: 'gnome_libsecret',
};

/** Handlers over fresh fake ports; `overrides` replaces single ports. */
export function fakeMainIpc(overrides: Partial<MainPorts> = {}) {
  const calls: string[] = [];
  const files = new Map<string, Uint8Array>();
  let written = '';
  const settings = new SettingsStore({
    read: async () => written || null,
    write: async (text) => void (written = text),
  });
  let facts = LIBSECRET;
  const record =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return fn(...args);
    };
  const ports: MainPorts = {
    platform: 'linux',
    appVersion: '0.1.0',
    lanSignalingUrls: () => ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'],
    applySettings: record('applySettings', async () => {}),
    keychainFacts: () => facts,
    // A stand-in cipher: reversible, and visibly not the plaintext.
    keychainEncrypt: record(
      'keychainEncrypt',
      (text: string) => new Uint8Array(Buffer.from(text).reverse()),
    ),
    keychainDecrypt: record('keychainDecrypt', (bytes: Uint8Array) =>
      Buffer.from(bytes).reverse().toString(),
    ),
    chooseSavePath: record('chooseSavePath', async (name: string) => `/home/me/Documents/${name}`),
    writeFile: record(
      'writeFile',
      async (p: string, bytes: Uint8Array) => void files.set(p, bytes),
    ),
    renderPdf: record('renderPdf', async () => new Uint8Array([0x25, 0x50, 0x44, 0x46])),
    confirm: record('confirm', async () => true),
    openExternal: record('openExternal', async () => {}),
    windowFocused: () => false,
    showNotification: record('showNotification', () => {}),
    savedBeforeClose: record('savedBeforeClose', () => {}),
    hideWindow: record('hideWindow', () => {}),
    setBadgeCount: record('setBadgeCount', () => true),
    setTrayTooltip: record('setTrayTooltip', () => {}),
    setTaskbarOverlay: record('setTaskbarOverlay', () => {}),
    ...overrides,
  };
  const joinLinks = new JoinLinkInbox();
  const unlockedSignaling = new UnlockedSignaling();
  const handlers = createIpcHandlers({
    origin: PACKAGED_ORIGIN,
    ports,
    settings,
    joinLinks,
    unlockedSignaling,
  });
  return {
    handlers,
    unlockedSignaling,
    calls,
    files,
    settings,
    joinLinks,
    setFacts: (f: KeychainFacts) => (facts = f),
    stored: () => written,
  };
}

export const VALID: { [K in RequestName]: unknown[] } = {
  getHostInfo: [],
  saveExport: [
    {
      suggestedName: 'hearth-journal-2026-11-24.md',
      mimeType: 'text/markdown; charset=utf-8',
      bytes: new Uint8Array([104, 105]),
    },
  ],
  printToPdf: [
    { suggestedName: 'hearth-journal.pdf', html: '<!doctype html><p>Today was calm.</p>' },
  ],
  getShellState: [],
  updateShellSettings: [{ autoLockMinutes: 5 }],
  getKeychainStatus: [],
  wrapWithKeychain: [new Uint8Array(32).fill(7)],
  unwrapWithKeychain: [{ wrapped: new Uint8Array([1, 2, 3]), backend: 'gnome_libsecret' }],
  openExternal: ['https://findahelpline.com/'],
  allowSignalingUrls: [{ urls: ['wss://signal.example.org'], reload: false }],
  forgetSignalingUrls: [],
  takeJoinLink: [],
  notifyNewMessage: [{ circleName: 'Tuesday circle', text: 'I had a hard week' }],
  notifyCheckIn: [],
  savedBeforeClose: [],
  hideWindow: [],
  showUnreadCount: [3],
};
export const CHANNELS = Object.keys(VALID) as RequestName[];
