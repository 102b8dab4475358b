// Runs sandboxed, before the page, in an isolated world. Exposes exactly the named methods of
// HearthBridge as `window.hearth`; the page never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import {
  IpcChannel,
  type HearthBridge,
  type Reply,
  type RequestName,
  type Result,
} from '../src-shared/ipc/contract';

/**
 * One named method per request channel. Arguments pass through untouched: main validates them
 * (and the sender); the renderer's host adapter re-validates the reply.
 */
function request<K extends RequestName>(name: K) {
  const channel = IpcChannel[name];
  return (...args: unknown[]) => ipcRenderer.invoke(channel, ...args) as Promise<Result<Reply<K>>>;
}

/** Subscribes to one event channel, handing `cb` only the payload, never the IPC event. */
function subscribe(channel: string, cb: (...payload: unknown[]) => void): () => void {
  if (typeof cb !== 'function') throw new TypeError('expected a function');
  // Dropping the event argument matters: it carries `sender` (the ipcRenderer) into the page.
  const listener = (_event: unknown, ...payload: unknown[]): void => cb(...payload);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

const bridge = {
  getHostInfo: request('getHostInfo'),
  saveExport: request('saveExport'),
  printToPdf: request('printToPdf'),
  getShellState: request('getShellState'),
  updateShellSettings: request('updateShellSettings'),
  getKeychainStatus: request('getKeychainStatus'),
  wrapWithKeychain: request('wrapWithKeychain'),
  unwrapWithKeychain: request('unwrapWithKeychain'),
  openExternal: request('openExternal'),
  allowSignalingUrls: request('allowSignalingUrls'),
  forgetSignalingUrls: request('forgetSignalingUrls'),
  takeJoinLink: request('takeJoinLink'),
  notifyNewMessage: request('notifyNewMessage'),
  notifyCheckIn: request('notifyCheckIn'),
  savedBeforeClose: request('savedBeforeClose'),
  hideWindow: request('hideWindow'),
  showUnreadCount: request('showUnreadCount'),
  onLockRequested: (cb: () => void) => subscribe(IpcChannel.lockRequested, () => cb()),
  onSettingsRequested: (cb: () => void) => subscribe(IpcChannel.settingsRequested, () => cb()),
  onSaveRequested: (cb: () => void) => subscribe(IpcChannel.saveRequested, () => cb()),
  // The renderer re-validates the code (JoinCode) before using it.
  onJoinLinkOpened: (cb: (code: string) => void) =>
    subscribe(IpcChannel.joinLinkOpened, (code) => {
      if (typeof code === 'string') cb(code);
    }),
} satisfies HearthBridge;

contextBridge.exposeInMainWorld('hearth', bridge);
