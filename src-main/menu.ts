// The application menu as plain data, so "no devtools in production" is a tested fact.
// Shaped like Electron's MenuItemConstructorOptions; main.ts hands it to Menu.buildFromTemplate.

export type MenuRole =
  | 'appMenu'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'windowMenu';

export interface MenuItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

export interface MenuOptions {
  readonly platform: string;
  /** Only the dev build gets reload and devtools. */
  readonly isDev: boolean;
  readonly onLock: () => void;
  /** Hide the window and lock at once (docs/ARCHITECTURE.md "Safety"). */
  readonly onQuickExit: () => void;
  /** Open the settings page in the app. */
  readonly onSettings: () => void;
}

/** Hides Hearth and locks it. Not Cmd+Shift+Q: macOS uses that to log out. */
export const QUICK_EXIT_ACCELERATOR = 'CmdOrCtrl+Shift+X';

/**
 * The menu template: Lock (CmdOrCtrl+L), Quick exit, Settings (CmdOrCtrl+,), the usual Edit and
 * View roles, devtools only when isDev.
 */
export function buildMenuTemplate({
  platform,
  isDev,
  onLock,
  onQuickExit,
  onSettings,
}: MenuOptions): MenuItem[] {
  const isMac = platform === 'darwin';
  const sep: MenuItem = { type: 'separator' };
  const file: MenuItem = {
    label: 'File',
    submenu: [
      { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: onSettings },
      sep,
      { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: onLock },
      { label: 'Quick exit', accelerator: QUICK_EXIT_ACCELERATOR, click: onQuickExit },
      ...(isMac ? [] : [sep, { role: 'quit' as const }]),
    ],
  };
  const edit: MenuItem = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  };
  const devItems: MenuItem[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, sep]
    : [];
  const view: MenuItem = {
    label: 'View',
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    file,
    edit,
    view,
    { role: 'windowMenu' },
  ];
}

export interface TrayOptions {
  readonly onShow: () => void;
  readonly onLock: () => void;
  readonly onQuit: () => void;
}

/** The tray icon's menu: the three things worth doing without opening the window. */
export function buildTrayTemplate({ onShow, onLock, onQuit }: TrayOptions): MenuItem[] {
  return [
    { label: 'Show Hearth', click: onShow },
    { label: 'Lock', click: onLock },
    { type: 'separator' },
    { label: 'Quit Hearth', click: onQuit },
  ];
}
