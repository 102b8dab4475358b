// The one IPC contract between the Electron main process, the preload and the renderer.
// Runs anywhere (no DOM, Node or Electron imports): main validates with these schemas, the
// preload is typed against HearthBridge, the renderer's host adapter re-validates replies.
import { z } from 'zod';

// Every schema call below carries a /* @__PURE__ */ annotation, nested arguments included: the
// sandboxed preload imports only IpcChannel and types from here, and without the annotations
// esbuild keeps all of zod in it (~750 KB parsed on every window load instead of ~1 KB).

/**
 * Channel names. Requests are imperative (`getHostInfo`), events past tense (`lockRequested`:
 * the "lock now" signal from the app menu, quick exit or idle auto-lock; `joinLinkOpened`:
 * a hearth://join/ link was opened; `settingsRequested`: the Settings menu item was chosen;
 * `saveRequested`: the window is closing, so write out what is waiting, then say
 * `savedBeforeClose`). `forgetSignalingUrls` is the page saying it locked: main drops the
 * signaling servers it was handed while unlocked.
 */
export const IpcChannel = {
  getHostInfo: 'hearth:get-host-info',
  saveExport: 'hearth:save-export',
  printToPdf: 'hearth:print-to-pdf',
  getShellState: 'hearth:get-shell-state',
  updateShellSettings: 'hearth:update-shell-settings',
  getKeychainStatus: 'hearth:get-keychain-status',
  wrapWithKeychain: 'hearth:wrap-with-keychain',
  unwrapWithKeychain: 'hearth:unwrap-with-keychain',
  openExternal: 'hearth:open-external',
  allowSignalingUrls: 'hearth:allow-signaling-urls',
  forgetSignalingUrls: 'hearth:forget-signaling-urls',
  takeJoinLink: 'hearth:take-join-link',
  notifyNewMessage: 'hearth:notify-new-message',
  notifyCheckIn: 'hearth:notify-check-in',
  savedBeforeClose: 'hearth:saved-before-close',
  hideWindow: 'hearth:hide-window',
  showUnreadCount: 'hearth:show-unread-count',
  lockRequested: 'hearth:lock-requested',
  saveRequested: 'hearth:save-requested',
  joinLinkOpened: 'hearth:join-link-opened',
  settingsRequested: 'hearth:settings-requested',
} as const;
export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];

/** What crosses the bridge instead of a thrown error (errors do not survive IPC intact). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Wraps a value as a successful Result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** Wraps a message as a failed Result. */
export const err = <T = never>(error: string): Result<T> => ({ ok: false, error });

const MAX_URL_CHARS = 2048;

/** Accepts only absolute ws:/wss: URLs without credentials; the only thing y-webrtc can dial. */
export const SignalingUrl = /* @__PURE__ */ z
  .string()
  .max(MAX_URL_CHARS)
  .refine((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    return (
      (url.protocol === 'ws:' || url.protocol === 'wss:') &&
      url.hostname !== '' &&
      url.username === '' &&
      url.password === ''
    );
  }, 'expected a ws:// or wss:// URL');

/** Facts about the host the renderer may show or use; never secrets. */
export const HostInfo = /* @__PURE__ */ z.strictObject({
  /** `process.platform` in Electron, 'web' in a browser. */
  platform: /* @__PURE__ */ z.string().min(1).max(32),
  appVersion: /* @__PURE__ */ z.string().min(1).max(64),
  /** Signaling servers for new circles: the embedded LAN server while it runs, then the user's own. */
  signalingUrls: /* @__PURE__ */ z.array(SignalingUrl).max(32),
});
export type HostInfo = z.infer<typeof HostInfo>;

// ---- Export ----------------------------------------------------------------------------

/** What an export may be saved as; the save dialog filters on it. */
export const EXPORT_EXTENSIONS = ['md', 'json', 'csv', 'pdf', 'txt'] as const;
export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;
export const MAX_PRINT_HTML_CHARS = 20 * 1024 * 1024;
const MAX_FILE_NAME_CHARS = 120;
// Windows refuses these as file names whatever the extension.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** The extension of a name accepted by ExportFileName, lower-cased. */
export function extensionOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase();
}

/**
 * A plain file name: no folders, no control or shell-special characters, not hidden, not a
 * Windows device name, ending in one of EXPORT_EXTENSIONS. It only seeds the save dialog.
 */
export const ExportFileName = /* @__PURE__ */ z
  .string()
  .min(3)
  .max(MAX_FILE_NAME_CHARS)
  .refine((name) => {
    // eslint-disable-next-line no-control-regex
    if (/[\\/:*?"<>|\u0000-\u001f\u007f]/.test(name)) return false;
    if (name.startsWith('.') || name.endsWith(' ') || name.endsWith('.')) return false;
    const dot = name.lastIndexOf('.');
    if (dot <= 0) return false;
    if (RESERVED_NAMES.test(name.slice(0, name.indexOf('.')))) return false;
    return (EXPORT_EXTENSIONS as readonly string[]).includes(extensionOf(name));
  }, 'expected a plain file name with a known extension');

const MimeType = /* @__PURE__ */ z
  .string()
  .max(100)
  .regex(/^[a-z]+\/[a-z0-9.+-]+(?:; ?charset=[a-z0-9-]+)?$/i);

/**
 * A real Uint8Array (what structured clone delivers for one) of at most `max` bytes. isView
 * first: an object whose prototype is a Uint8Array passes instanceof, then throws on byteLength.
 */
const Bytes = (max: number) =>
  /* @__PURE__ */ z.custom<Uint8Array>(
    (b) => ArrayBuffer.isView(b) && b instanceof Uint8Array && b.byteLength <= max,
    'expected at most that many bytes',
  );

export const ExportFile = /* @__PURE__ */ z.strictObject({
  suggestedName: ExportFileName,
  mimeType: MimeType,
  bytes: /* @__PURE__ */ Bytes(MAX_EXPORT_BYTES),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const PrintDocument = /* @__PURE__ */ z.strictObject({
  suggestedName: /* @__PURE__ */ ExportFileName.refine(
    (name) => extensionOf(name) === 'pdf',
    'expected a .pdf name',
  ),
  html: /* @__PURE__ */ z.string().min(1).max(MAX_PRINT_HTML_CHARS),
});
export type PrintDocument = z.infer<typeof PrintDocument>;

// ---- Desktop settings (kept by main in userData/settings.json) ---------------------------

export const MAX_AUTO_LOCK_MINUTES = 240;

export const ShellSettings = /* @__PURE__ */ z.strictObject({
  /** Run the LAN signaling server while the app runs. */
  embeddedSignaling: /* @__PURE__ */ z.boolean(),
  /** Signaling servers the user added (wss://signal.example.org), used for new circles. */
  signalingUrls: /* @__PURE__ */ z.array(SignalingUrl).max(16),
  /** Show a notification for new messages while the window is not focused. */
  notifications: /* @__PURE__ */ z.boolean(),
  /** Put the circle name and message text in those notifications. */
  notificationPreviews: /* @__PURE__ */ z.boolean(),
  /** Lock after this many minutes of no input anywhere on the computer; 0 = never. */
  autoLockMinutes: /* @__PURE__ */ z.number().int().min(0).max(MAX_AUTO_LOCK_MINUTES),
  /** A tray (menu bar) icon to show, hide and lock Hearth. */
  trayIcon: /* @__PURE__ */ z.boolean(),
});
export type ShellSettings = z.infer<typeof ShellSettings>;

/** A change to some settings; every field present is validated like the whole. */
export const ShellSettingsPatch = /* @__PURE__ */ ShellSettings.partial();
export type ShellSettingsPatch = z.infer<typeof ShellSettingsPatch>;

export const ShellState = /* @__PURE__ */ z.strictObject({
  settings: ShellSettings,
  /** Where others on the LAN reach the embedded server (put these in share codes); [] when off. */
  lanSignalingUrls: /* @__PURE__ */ z.array(SignalingUrl).max(32),
});
export type ShellState = z.infer<typeof ShellState>;

// ---- OS keychain (safeStorage) ---------------------------------------------------------

/** Why keychain unlock can or cannot be offered. */
export const KeychainStatus = /* @__PURE__ */ z.strictObject({
  usable: /* @__PURE__ */ z.boolean(),
  /** safeStorage's backend name on Linux ('gnome_libsecret', 'kwallet6', ...), else the platform's. */
  backend: /* @__PURE__ */ z.string().min(1).max(40),
  reason: /* @__PURE__ */ z.enum(['ok', 'unavailable', 'plaintext-backend']),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

/** Vault keys are 32 bytes; a little room for other key sizes, nothing more. */
export const MAX_KEY_BYTES = 64;
/** safeStorage output adds a header, IV and tag to the key: a few hundred bytes at most. */
export const MAX_WRAPPED_BYTES = 1024;

export const KeychainWrapped = /* @__PURE__ */ z.strictObject({
  wrapped: /* @__PURE__ */ Bytes(MAX_WRAPPED_BYTES).refine((b) => b.byteLength > 0, 'empty'),
  /** The backend that wrapped it: unwrapping under another one is refused. */
  backend: /* @__PURE__ */ z.string().min(1).max(40),
});
export type KeychainWrapped = z.infer<typeof KeychainWrapped>;

/** Keychain errors the renderer turns into messages. */
export const KeychainError = {
  changed: 'keychain-changed',
  unavailable: 'keychain-unavailable',
} as const;

// ---- The rest ------------------------------------------------------------------------

/** Join codes as they appear after hearth://join/: "hearth1" then base64url. */
export const JoinCode = /* @__PURE__ */ z
  .string()
  .min(8)
  .max(4096)
  .regex(/^hearth1[A-Za-z0-9_-]+$/);

/**
 * Signaling servers the unlocked page's circles and joins use. Main keeps them in memory only,
 * until the page locks (forgetSignalingUrls) or reloads, and admits WebSockets to them meanwhile.
 */
export const AllowSignalingRequest = /* @__PURE__ */ z.strictObject({
  urls: /* @__PURE__ */ z.array(SignalingUrl).min(1).max(32),
  /**
   * Reload the window now if its policy must widen. Main's gate widens at once, so it never
   * needs to; kept so a page asks the same way whatever main it runs under.
   */
  reload: /* @__PURE__ */ z.boolean(),
});
export type AllowSignalingRequest = z.infer<typeof AllowSignalingRequest>;

export const MessageNotice = /* @__PURE__ */ z.strictObject({
  circleName: /* @__PURE__ */ z.string().max(200),
  text: /* @__PURE__ */ z.string().max(4000),
});
export type MessageNotice = z.infer<typeof MessageNotice>;

/** The most unread messages the dock, taskbar or tray is told of. */
export const MAX_UNREAD_COUNT = 99_999;

/** How many messages wait unread in all circles: a whole number, never content. */
export const UnreadCount = /* @__PURE__ */ z.number().int().min(0).max(MAX_UNREAD_COUNT);

/**
 * Refuses byte arrays where an object is expected before zod looks at keys: zod walks every key
 * of an object input, so a 2 MB Uint8Array in place of an object would hold main for seconds
 * (found by fuzzing, tests/unit/main-ipc-guard.test.ts).
 */
const objectArg = <T extends z.ZodType>(schema: T) =>
  /* @__PURE__ */ z.preprocess((value) => (ArrayBuffer.isView(value) ? undefined : value), schema);

/**
 * Argument tuples per channel, checked by main on every call (`ipcMain.handle` receives
 * `...args`). An empty tuple rejects any smuggled argument.
 */
export const IpcArgs = {
  getHostInfo: /* @__PURE__ */ z.tuple([]),
  saveExport: /* @__PURE__ */ z.tuple([/* @__PURE__ */ objectArg(ExportFile)]),
  printToPdf: /* @__PURE__ */ z.tuple([/* @__PURE__ */ objectArg(PrintDocument)]),
  getShellState: /* @__PURE__ */ z.tuple([]),
  updateShellSettings: /* @__PURE__ */ z.tuple([/* @__PURE__ */ objectArg(ShellSettingsPatch)]),
  getKeychainStatus: /* @__PURE__ */ z.tuple([]),
  wrapWithKeychain: /* @__PURE__ */ z.tuple([
    /* @__PURE__ */ Bytes(MAX_KEY_BYTES).refine((b) => b.byteLength >= 16, 'too short'),
  ]),
  unwrapWithKeychain: /* @__PURE__ */ z.tuple([/* @__PURE__ */ objectArg(KeychainWrapped)]),
  /** Only http(s) is ever opened; main re-checks the parsed URL and asks the user first. */
  openExternal: /* @__PURE__ */ z.tuple([/* @__PURE__ */ z.string().min(1).max(MAX_URL_CHARS)]),
  allowSignalingUrls: /* @__PURE__ */ z.tuple([/* @__PURE__ */ objectArg(AllowSignalingRequest)]),
  forgetSignalingUrls: /* @__PURE__ */ z.tuple([]),
  takeJoinLink: /* @__PURE__ */ z.tuple([]),
  notifyNewMessage: /* @__PURE__ */ z.tuple([/* @__PURE__ */ objectArg(MessageNotice)]),
  notifyCheckIn: /* @__PURE__ */ z.tuple([]),
  savedBeforeClose: /* @__PURE__ */ z.tuple([]),
  hideWindow: /* @__PURE__ */ z.tuple([]),
  showUnreadCount: /* @__PURE__ */ z.tuple([UnreadCount]),
  lockRequested: /* @__PURE__ */ z.tuple([]),
  saveRequested: /* @__PURE__ */ z.tuple([]),
  joinLinkOpened: /* @__PURE__ */ z.tuple([JoinCode]),
  settingsRequested: /* @__PURE__ */ z.tuple([]),
} as const;

/** Event channels: main sends, the renderer listens. */
export type EventName = 'lockRequested' | 'joinLinkOpened' | 'settingsRequested' | 'saveRequested';
/** Request channels: the renderer invokes, main answers. */
export type RequestName = Exclude<keyof typeof IpcArgs, EventName>;

/** Reply schema per request channel, used by the renderer to distrust a malformed reply. */
export const IpcReply = {
  getHostInfo: HostInfo,
  /** true = written, false = the user cancelled the dialog. */
  saveExport: /* @__PURE__ */ z.boolean(),
  printToPdf: /* @__PURE__ */ z.boolean(),
  getShellState: ShellState,
  updateShellSettings: ShellState,
  getKeychainStatus: KeychainStatus,
  wrapWithKeychain: KeychainWrapped,
  unwrapWithKeychain: /* @__PURE__ */ Bytes(MAX_KEY_BYTES),
  /** true = opened, false = the user said no. */
  openExternal: /* @__PURE__ */ z.boolean(),
  /**
   * covered: the loaded page may already reach them all. reloading: main is reloading the
   * window under the widened policy (only when asked to, and only when not covered).
   */
  allowSignalingUrls: /* @__PURE__ */ z.strictObject({
    covered: /* @__PURE__ */ z.boolean(),
    reloading: /* @__PURE__ */ z.boolean(),
  }),
  /** Always true: main holds none of the servers it was handed while unlocked. */
  forgetSignalingUrls: /* @__PURE__ */ z.literal(true),
  takeJoinLink: /* @__PURE__ */ JoinCode.nullable(),
  /** true = a notification was shown. */
  notifyNewMessage: /* @__PURE__ */ z.boolean(),
  /** true = a notification was shown. */
  notifyCheckIn: /* @__PURE__ */ z.boolean(),
  /** Always true: main has taken the answer (whether or not a close was waiting for it). */
  savedBeforeClose: /* @__PURE__ */ z.literal(true),
  /** Always true: the window is hidden (quick exit from the page, which locks itself). */
  hideWindow: /* @__PURE__ */ z.literal(true),
  /** Always true: the dock, taskbar or tray shows the count (where the platform can). */
  showUnreadCount: /* @__PURE__ */ z.literal(true),
} as const satisfies Record<RequestName, z.ZodType>;

export type Reply<K extends RequestName> = z.infer<(typeof IpcReply)[K]>;
type ArgsOf<K extends keyof typeof IpcArgs> = z.input<(typeof IpcArgs)[K]>;

/** The object the preload exposes as `window.hearth`: named methods only, no raw ipcRenderer. */
export type HearthBridge = {
  [K in RequestName]: (...args: ArgsOf<K>) => Promise<Result<Reply<K>>>;
} & {
  /** Calls `cb` whenever main asks the app to lock (menu, quick exit, idle); returns unsubscribe. */
  onLockRequested(cb: () => void): () => void;
  /** Calls `cb` with the code of each hearth://join/ link opened while the app runs; returns unsubscribe. */
  onJoinLinkOpened(cb: (code: string) => void): () => void;
  /** Calls `cb` when the app menu's Settings item is chosen; returns unsubscribe. */
  onSettingsRequested(cb: () => void): () => void;
  /** Calls `cb` when the window is about to close (savedBeforeClose lets it); returns unsubscribe. */
  onSaveRequested(cb: () => void): () => void;
};
