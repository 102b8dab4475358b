// The HostBridge when the renderer runs as a plain web page (e2e tests, "try it in a browser").
// Signaling servers come from the page URL (`?signal=ws://...`, repeatable), else from a
// `hearth-config.json` served next to the page, else none.
import { HostInfo, SignalingUrl, type ExportFile } from '../../src-shared/ipc/contract';
import type { HostBridge } from './host-bridge';

/** Kept in step with package.json by hand; the web build has no other source of it. */
export const WEB_APP_VERSION = '0.1.0';
export const CONFIG_FILE = 'hearth-config.json';

const isSignalingUrl = (value: unknown): value is string => SignalingUrl.safeParse(value).success;

/** Valid `signal` query parameters in order, deduplicated; invalid ones are ignored. */
export function signalingUrlsFromQuery(search: string): string[] {
  return [...new Set(new URLSearchParams(search).getAll('signal').filter(isSignalingUrl))];
}

/** The valid `signalingUrls` of a parsed hearth-config.json; anything malformed yields []. */
export function signalingUrlsFromConfig(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const urls = (config as { signalingUrls?: unknown }).signalingUrls;
  return Array.isArray(urls) ? [...new Set(urls.filter(isSignalingUrl))] : [];
}

export interface BrowserHostEnv {
  /** The page URL, e.g. `location.href`. */
  readonly pageUrl: string;
  readonly fetch: typeof fetch;
}

/** Resolves the signaling URLs: query first, then the config file, then none. */
export async function loadBrowserSignalingUrls(env: BrowserHostEnv): Promise<string[]> {
  const fromQuery = signalingUrlsFromQuery(new URL(env.pageUrl).search);
  if (fromQuery.length > 0) return fromQuery;
  try {
    const response = await env.fetch(new URL(CONFIG_FILE, env.pageUrl), { cache: 'no-store' });
    if (!response.ok) return [];
    return signalingUrlsFromConfig(await response.json());
  } catch {
    return []; // no config served, or not JSON: run without signaling hints
  }
}

export function createBrowserHost(env: BrowserHostEnv): HostBridge {
  // Read once: the page URL and the config file do not change while the page lives.
  let info: Promise<HostInfo> | undefined;
  return {
    kind: 'browser',
    getHostInfo() {
      info ??= loadBrowserSignalingUrls(env).then((signalingUrls) =>
        HostInfo.parse({
          platform: 'web',
          appVersion: WEB_APP_VERSION,
          signalingUrls: signalingUrls.slice(0, 32),
        }),
      );
      return info;
    },
    // A web page has no app menu or global shortcut: nothing ever asks it to lock.
    onLockRequested: () => () => {},
    // No app menu either: the sidebar's Settings button is the way in.
    onSettingsRequested: () => () => {},
    // A tab closes without asking anyone: pagehide starts the writes instead (app/create-hearth.ts).
    onSaveRequested: () => () => {},
    saveExport: async (file) => {
      downloadFile(file);
      return true; // the browser's own download UI takes it from here
    },
    printToPdf: null,
    // hearth:// links open the desktop app, never a web page.
    onJoinLink: () => () => {},
    desktop: null,
  };
}

/** Hands the bytes to the browser as a download through a short-lived object URL. */
function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.suggestedName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
