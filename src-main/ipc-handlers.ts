// Every IPC request main answers, as plain functions of (sender frame URL, args). This is the
// seam between Electron and the decisions: main.ts registers each handler with ipcMain.handle
// and supplies MainPorts (dialogs, files, safeStorage, windows); tests supply fakes and attack
// every channel with hostile senders and junk payloads.
import type { z } from 'zod';
import {
  err,
  extensionOf,
  IpcArgs,
  IpcChannel,
  KeychainError,
  ok,
  type HostInfo,
  type Reply,
  type RequestName,
  type Result,
  type ShellSettings,
  type ShellState,
} from '../src-shared/ipc/contract';
import type { AppOrigin } from './app-origin';
import type { JoinLinkInbox } from './deep-link';
import { externalLinkPrompt, parseExternalUrl } from './external-links';
import { checkIpcCall } from './ipc-guard';
import {
  checkUnwrap,
  keychainStatus,
  keyFromKeychainText,
  keyToKeychainText,
  type KeychainFacts,
} from './keychain';
import {
  checkInNotificationFor,
  notificationFor,
  type NotificationText,
} from '../src-shared/notification-text';
import type { SettingsStore } from './settings';
import { signalingUrlsForNewCircles, type UnlockedSignaling } from './signaling-policy';
import { UnreadBadge, type UnreadBadgePorts } from './unread-badge';

/** What main.ts provides: each one a single Electron call or two, no decisions. */
export interface MainPorts extends Omit<UnreadBadgePorts, 'platform'> {
  readonly platform: string;
  readonly appVersion: string;
  /** The embedded server's ws:// URLs while it runs, else []. */
  lanSignalingUrls(): string[];
  /** Starts/stops the embedded server, shows/hides the tray: whatever changed. */
  applySettings(next: ShellSettings, previous: ShellSettings): Promise<void>;
  keychainFacts(): KeychainFacts;
  keychainEncrypt(text: string): Uint8Array;
  keychainDecrypt(bytes: Uint8Array): string;
  /** The path the user chose in a save dialog, or null when cancelled. */
  chooseSavePath(suggestedName: string, extension: string): Promise<string | null>;
  writeFile(filePath: string, bytes: Uint8Array): Promise<void>;
  /** Renders self-contained HTML to PDF in a window with no scripts and no network. */
  renderPdf(html: string): Promise<Uint8Array>;
  /** Asks the user (a native dialog) whether to open a link; true = yes. */
  confirm(prompt: { message: string; detail: string }): Promise<boolean>;
  openExternal(url: string): Promise<void>;
  windowFocused(): boolean;
  showNotification(text: NotificationText): void;
  /** The page has written out what was waiting: the window may close now (close-gate.ts). */
  savedBeforeClose(): void;
  /** Hides the window at once (quick exit from the page; the page locks itself). */
  hideWindow(): void;
}

export interface HandlerDeps {
  readonly origin: AppOrigin;
  readonly ports: MainPorts;
  readonly settings: SettingsStore;
  readonly joinLinks: JoinLinkInbox;
  /** The servers of the unlocked page's circles and joins: memory only, none while locked. */
  readonly unlockedSignaling: UnlockedSignaling;
}

type Args<K extends RequestName> = z.output<(typeof IpcArgs)[K]>;
type Handler<K extends RequestName> = (
  frameUrl: unknown,
  args: unknown,
) => Promise<Result<Reply<K>>>;
export type IpcHandlers = { [K in RequestName]: Handler<K> };

/** One user-facing message per failure; details go to main's log, not to the page. */
const FAILED = {
  save: 'The file could not be saved. Please try another folder.',
  pdf: 'The PDF could not be made. Please try again.',
  settings: 'The setting could not be saved.',
} as const;

/**
 * Opens a link in the user's browser after asking, and only a parsed http(s) one. Used by the
 * openExternal channel and by the window guards (clicked links, window.open).
 */
export async function offerExternalLink(
  raw: unknown,
  ports: Pick<MainPorts, 'confirm' | 'openExternal'>,
): Promise<Result<boolean>> {
  const href = parseExternalUrl(raw);
  if (href === null) return err('not an http(s) link');
  if (!(await ports.confirm(externalLinkPrompt(href)))) return ok(false);
  await ports.openExternal(href);
  return ok(true);
}

/** Every request handler, each checking sender and payload before doing anything. */
export function createIpcHandlers({
  origin,
  ports,
  settings,
  joinLinks,
  unlockedSignaling,
}: HandlerDeps): IpcHandlers {
  const unreadBadge = new UnreadBadge(ports);
  const guarded =
    <K extends RequestName>(
      name: K,
      run: (args: Args<K>) => Promise<Result<Reply<K>>> | Result<Reply<K>>,
    ): Handler<K> =>
    async (frameUrl, args) => {
      const call = checkIpcCall(frameUrl, args, IpcArgs[name], origin);
      if (!call.ok) return call;
      try {
        return await run(call.value as Args<K>);
      } catch (error) {
        console.error(`[hearth] ${name} failed:`, error);
        return err('failed');
      }
    };

  const shellState = (): ShellState => ({
    settings: settings.settings,
    lanSignalingUrls: ports.lanSignalingUrls(),
  });

  const saveTo = async (
    name: string,
    bytes: () => Promise<Uint8Array>,
    failure: string,
  ): Promise<Result<boolean>> => {
    const target = await ports.chooseSavePath(name, extensionOf(name));
    if (target === null) return ok(false);
    try {
      await ports.writeFile(target, await bytes());
    } catch (error) {
      console.error('[hearth] export failed:', error);
      return err(failure);
    }
    return ok(true);
  };

  return {
    getHostInfo: guarded('getHostInfo', (): Result<HostInfo> =>
      ok({
        platform: ports.platform,
        appVersion: ports.appVersion,
        signalingUrls: signalingUrlsForNewCircles({
          lan: ports.lanSignalingUrls(),
          configured: settings.settings.signalingUrls,
        }),
      }),
    ),

    saveExport: guarded('saveExport', ([file]) =>
      saveTo(file.suggestedName, async () => file.bytes, FAILED.save),
    ),

    // Rendered before the dialog so a broken document fails before the user picks a place.
    printToPdf: guarded('printToPdf', async ([doc]) => {
      let pdf: Uint8Array;
      try {
        pdf = await ports.renderPdf(doc.html);
      } catch (error) {
        console.error('[hearth] printToPDF failed:', error);
        return err(FAILED.pdf);
      }
      return saveTo(doc.suggestedName, async () => pdf, FAILED.save);
    }),

    getShellState: guarded('getShellState', () => ok(shellState())),

    updateShellSettings: guarded('updateShellSettings', async ([patch]) => {
      const previous = settings.settings;
      try {
        await settings.update(patch);
      } catch (error) {
        console.error('[hearth] settings write failed:', error);
        return err(FAILED.settings);
      }
      await ports.applySettings(settings.settings, previous);
      return ok(shellState());
    }),

    getKeychainStatus: guarded('getKeychainStatus', () =>
      ok(keychainStatus(ports.keychainFacts())),
    ),

    wrapWithKeychain: guarded('wrapWithKeychain', ([key]) => {
      const status = keychainStatus(ports.keychainFacts());
      if (!status.usable) return err(KeychainError.unavailable);
      return ok({
        wrapped: ports.keychainEncrypt(keyToKeychainText(key)),
        backend: status.backend,
      });
    }),

    unwrapWithKeychain: guarded('unwrapWithKeychain', ([stored]) => {
      const allowed = checkUnwrap(stored.backend, ports.keychainFacts());
      if (!allowed.ok) return allowed;
      let key: Uint8Array | null;
      try {
        key = keyFromKeychainText(ports.keychainDecrypt(stored.wrapped));
      } catch {
        key = null; // the keychain's key changed (reinstalled OS, new login keyring)
      }
      return key === null ? err(KeychainError.changed) : ok(key);
    }),

    openExternal: guarded('openExternal', ([raw]) => offerExternalLink(raw, ports)),

    // Held in memory only, never in settings.json: they name the people's servers (often a
    // member's LAN address). The gate (signaling-gate.ts) admits them at once: no reload.
    allowSignalingUrls: guarded('allowSignalingUrls', ([request]) => {
      unlockedSignaling.add(request.urls);
      return ok({ covered: true, reloading: false });
    }),

    forgetSignalingUrls: guarded('forgetSignalingUrls', () => {
      unlockedSignaling.clear();
      return ok(true as const);
    }),

    takeJoinLink: guarded('takeJoinLink', () => ok(joinLinks.take())),

    notifyNewMessage: guarded('notifyNewMessage', ([notice]) => {
      const text = notificationFor(notice, ports.windowFocused(), settings.settings);
      if (text === null) return ok(false);
      ports.showNotification(text);
      return ok(true);
    }),

    notifyCheckIn: guarded('notifyCheckIn', () => {
      const text = checkInNotificationFor(ports.windowFocused(), settings.settings);
      if (text === null) return ok(false);
      ports.showNotification(text);
      return ok(true);
    }),

    savedBeforeClose: guarded('savedBeforeClose', () => {
      ports.savedBeforeClose();
      return ok(true as const);
    }),

    hideWindow: guarded('hideWindow', () => {
      ports.hideWindow();
      return ok(true as const);
    }),

    // The page sends 0 while locked or after a quick exit; the schema lets through a number only.
    showUnreadCount: guarded('showUnreadCount', ([count]) => {
      unreadBadge.show(count);
      return ok(true as const);
    }),
  };
}

/** The part of Electron's ipcMain that registration needs. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown,
  ): void;
}

/**
 * Registers every handler on its contract channel, handing it the calling frame's URL (null
 * when the frame is gone: untrusted) and the raw arguments.
 */
export function registerIpcHandlers(ipc: IpcMainLike, handlers: IpcHandlers): void {
  for (const name of Object.keys(handlers) as RequestName[]) {
    ipc.handle(IpcChannel[name], (event, ...args) => handlers[name](event.senderFrame?.url, args));
  }
}
