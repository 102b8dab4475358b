// The HostBridge over the preload's `window.hearth`. Replies are re-validated: the renderer
// does not trust any process boundary to hand it well-formed data.
import {
  IpcReply,
  JoinCode,
  type HearthBridge,
  type Reply,
  type RequestName,
  type Result,
} from '../../src-shared/ipc/contract';
import type { DesktopHost, HostBridge } from './host-bridge';

declare global {
  interface Window {
    /** Present only inside Electron, put there by src-main/preload.ts. */
    readonly hearth?: HearthBridge;
  }
}

/** A refused call: `message` is main's error (a user-facing sentence or a KeychainError code). */
export class HostError extends Error {}

const FALLBACK = 'Hearth could not do that. Please try again.';

export function createElectronHost(bridge: HearthBridge): HostBridge {
  /** Calls one bridge method and checks its reply against the contract. */
  async function settle<K extends RequestName>(
    name: K,
    result: Promise<Result<unknown>>,
  ): Promise<Result<Reply<K>>> {
    const reply = await result;
    if (!reply.ok)
      return {
        ok: false,
        error: typeof reply.error === 'string' && reply.error ? reply.error : FALLBACK,
      };
    const parsed = (
      IpcReply[name] as { safeParse(v: unknown): { success: boolean; data?: unknown } }
    ).safeParse(reply.value);
    if (!parsed.success) return { ok: false, error: FALLBACK };
    return { ok: true, value: parsed.data as Reply<K> };
  }
  async function call<K extends RequestName>(
    name: K,
    result: Promise<Result<unknown>>,
  ): Promise<Reply<K>> {
    const reply = await settle(name, result);
    if (!reply.ok) throw new HostError(reply.error === 'failed' ? FALLBACK : reply.error);
    return reply.value;
  }

  const desktop: DesktopHost = {
    shellState: () => call('getShellState', bridge.getShellState()),
    updateSettings: (patch) => call('updateShellSettings', bridge.updateShellSettings(patch)),
    keychainStatus: () => call('getKeychainStatus', bridge.getKeychainStatus()),
    wrapKey: (key) => call('wrapWithKeychain', bridge.wrapWithKeychain(key)),
    unwrapKey: (stored) => settle('unwrapWithKeychain', bridge.unwrapWithKeychain(stored)),
    openExternal: (url) => call('openExternal', bridge.openExternal(url)),
    allowSignalingUrls: (urls, reload) =>
      call('allowSignalingUrls', bridge.allowSignalingUrls({ urls, reload })),
    forgetSignalingUrls: async () => {
      await call('forgetSignalingUrls', bridge.forgetSignalingUrls());
    },
    notifyNewMessage: (notice) => call('notifyNewMessage', bridge.notifyNewMessage(notice)),
    notifyCheckIn: () => call('notifyCheckIn', bridge.notifyCheckIn()),
    hideWindow: async () => {
      await call('hideWindow', bridge.hideWindow());
    },
    showUnreadCount: async (count) => {
      await call('showUnreadCount', bridge.showUnreadCount(count));
    },
  };

  return {
    kind: 'electron',
    getHostInfo: () => call('getHostInfo', bridge.getHostInfo()),
    onLockRequested: (cb) => bridge.onLockRequested(cb),
    onSettingsRequested: (cb) => bridge.onSettingsRequested(cb),
    onSaveRequested: (save) =>
      bridge.onSaveRequested(() => {
        // The window is let go whatever happens: a failed save must not keep it from closing.
        void save()
          .catch(() => {})
          .finally(() => void settle('savedBeforeClose', bridge.savedBeforeClose()));
      }),
    saveExport: (file) => call('saveExport', bridge.saveExport(file)),
    printToPdf: (doc) => call('printToPdf', bridge.printToPdf(doc)),
    onJoinLink(cb) {
      const deliver = (code: unknown): void => {
        if (JoinCode.safeParse(code).success) cb(code as string);
      };
      const unsubscribe = bridge.onJoinLinkOpened(deliver);
      // A link that started the app (or survived a reload) waits in main until asked for.
      void settle('takeJoinLink', bridge.takeJoinLink()).then((r) => {
        if (r.ok && r.value !== null) deliver(r.value);
      });
      return unsubscribe;
    },
    desktop,
  };
}
