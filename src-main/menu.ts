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
}

/** The menu template: Lock (CmdOrCtrl+L), Edit and View roles, devtools only when isDev. */
export function buildMenuTemplate({ platform, isDev, onLock }: MenuOptions): MenuItem[] {
  const isMac = platform === 'darwin';
  const sep: MenuItem = { type: 'separator' };
  const file: MenuItem = {
    label: 'File',
    submenu: [
      { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: onLock },
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
  return [...(isMac ? [{ role: 'appMenu' as const }] : []), file, edit, view, { role: 'windowMenu' }];
}
