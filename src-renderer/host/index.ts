// Picks the host once, at start-up: the preload's bridge if Electron put one there, else the
// browser host. Callers hold on to the returned object; it never changes for the page's life.
import { createBrowserHost } from './browser-host';
import { createElectronHost } from './electron-host';
import type { HostBridge } from './host-bridge';

export type { HostBridge, HostInfo } from './host-bridge';

let chosen: HostBridge | undefined;

export function detectHost(): HostBridge {
  chosen ??=
    window.hearth !== undefined
      ? createElectronHost(window.hearth)
      : createBrowserHost({ pageUrl: window.location.href, fetch: window.fetch.bind(window) });
  return chosen;
}
