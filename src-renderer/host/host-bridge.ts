// What the renderer may ask of whatever hosts it: the Electron preload or a plain browser
// page. One interface, two implementations, chosen once at start-up (see index.ts).
import type {
  ExportFile,
  HostInfo,
  KeychainStatus,
  KeychainWrapped,
  MessageNotice,
  PrintDocument,
  Result,
  ShellSettingsPatch,
  ShellState,
} from '../../src-shared/ipc/contract';

// ExportFile and PrintDocument are data shapes of the IPC contract (src-shared), where both the
// services that make them and main, which validates them, can import them.
export type {
  ExportFile,
  HostInfo,
  KeychainStatus,
  KeychainWrapped,
  PrintDocument,
  ShellSettingsPatch,
  ShellState,
};

export interface HostBridge {
  readonly kind: 'electron' | 'browser';
  /** Platform, version and the signaling URLs this host suggests. Rejects only on a broken host. */
  getHostInfo(): Promise<HostInfo>;
  /** Calls `cb` when the host asks the app to lock now; returns unsubscribe. */
  onLockRequested(cb: () => void): () => void;
  /** Calls `cb` when the host's menu asks for the settings page; returns unsubscribe. */
  onSettingsRequested(cb: () => void): () => void;
  /**
   * Calls `save` when the window is about to close or the app to quit; the host lets it go once
   * `save` settles (or after a few seconds). Returns unsubscribe.
   */
  onSaveRequested(save: () => Promise<void>): () => void;
  /**
   * Saves an export where the user chooses: a save dialog in Electron, a download in a browser.
   * Resolves true when written, false when the user cancelled; rejects with a user-facing message.
   */
  saveExport(file: ExportFile): Promise<boolean>;
  /**
   * Prints HTML to PDF and saves it (Electron's printToPDF behind a save dialog), or null where
   * the host cannot (a browser): callers then build the PDF bytes themselves and use saveExport.
   */
  readonly printToPdf: ((doc: PrintDocument) => Promise<boolean>) | null;
  /**
   * Calls `cb` with the share code of each hearth://join/ link opened (including one that
   * started the app); returns unsubscribe. A browser has no such links and never calls it.
   */
  onJoinLink(cb: (code: string) => void): () => void;
  /** What only the desktop app can do (settings kept by main, keychain, notifications); null in a browser. */
  readonly desktop: DesktopHost | null;
}

/** Desktop-only capabilities. Methods reject with a user-facing message when main refuses. */
export interface DesktopHost {
  shellState(): Promise<ShellState>;
  updateSettings(patch: ShellSettingsPatch): Promise<ShellState>;
  keychainStatus(): Promise<KeychainStatus>;
  /** Wraps the vault key with the OS keychain. */
  wrapKey(key: Uint8Array): Promise<KeychainWrapped>;
  /** The vault key, or an error code from KeychainError (`keychain-changed`, ...). */
  unwrapKey(stored: KeychainWrapped): Promise<Result<Uint8Array>>;
  /** Asks the user, then opens an http(s) link in their browser; true when opened. */
  openExternal(url: string): Promise<boolean>;
  /**
   * Lets the page connect to these signaling servers while it is unlocked (main keeps them in
   * memory only); `covered` says the page may reach them now. With `reload`, main reloads the
   * window at once if its connection policy must widen, and says so.
   */
  allowSignalingUrls(
    urls: string[],
    reload: boolean,
  ): Promise<{ covered: boolean; reloading: boolean }>;
  /** The page locked: main forgets every server allowSignalingUrls handed it. */
  forgetSignalingUrls(): Promise<void>;
  /** Shows a new-message notification if the window is unfocused and the user wants them. */
  notifyNewMessage(notice: MessageNotice): Promise<boolean>;
  /** Shows the daily check-in reminder as a desktop notification if the window is unfocused. */
  notifyCheckIn(): Promise<boolean>;
  /** Hides the window at once (quick exit). */
  hideWindow(): Promise<void>;
  /** Shows how many messages wait unread on the dock, taskbar or tray (0: none shown). */
  showUnreadCount(count: number): Promise<void>;
}
