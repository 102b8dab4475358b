// The one IPC contract between the Electron main process, the preload and the renderer.
// Runs anywhere (no DOM, Node or Electron imports): main validates with these schemas, the
// preload is typed against HearthBridge, the renderer's host adapter re-validates replies.
import { z } from 'zod';

// Every schema call below carries a /* @__PURE__ */ annotation, nested arguments included: the
// sandboxed preload imports only IpcChannel and types from here, and without the annotations
// esbuild keeps all of zod in it (~750 KB parsed on every window load instead of ~1 KB).

/**
 * Channel names. Requests are imperative (`getHostInfo`), events past tense (`lockRequested`:
 * the "lock now" signal from the app menu or its shortcut).
 */
export const IpcChannel = {
  getHostInfo: 'hearth:get-host-info',
  lockRequested: 'hearth:lock-requested',
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
  /** ws:// URLs of the embedded LAN signaling server while it runs, else empty. */
  signalingUrls: /* @__PURE__ */ z.array(SignalingUrl).max(32),
});
export type HostInfo = z.infer<typeof HostInfo>;

/**
 * Argument tuples per channel, checked by main on every call (`ipcMain.handle` receives
 * `...args`). An empty tuple rejects any smuggled argument.
 */
export const IpcArgs = {
  getHostInfo: /* @__PURE__ */ z.tuple([]),
  lockRequested: /* @__PURE__ */ z.tuple([]),
} as const;

/** Reply schema per request channel, used by the renderer to distrust a malformed reply. */
export const IpcReply = {
  getHostInfo: HostInfo,
} as const;

/** The object the preload exposes as `window.hearth`: named methods only, no raw ipcRenderer. */
export interface HearthBridge {
  getHostInfo(): Promise<Result<HostInfo>>;
  /** Calls `cb` whenever main asks the app to lock (menu "Lock" or its shortcut); returns unsubscribe. */
  onLockRequested(cb: () => void): () => void;
}
