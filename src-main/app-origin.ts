// The one origin the renderer is trusted at. Every navigation, permission and IPC decision
// compares against it, so it is defined once here. Pure: no Electron import.
import { parseUntrustedUrl } from './url';

/** A scheme plus host[:port], compared exactly (no suffix or case-folding games). */
export interface AppOrigin {
  /** With the trailing colon, as `URL.protocol` reports it: 'app:' or 'http:'. */
  readonly protocol: string;
  /** As `URL.host` reports it: 'hearth' or 'localhost:5173'. */
  readonly host: string;
}

export const APP_SCHEME = 'app';
export const APP_HOST = 'hearth';

/** The packaged app's origin: pages are served by our own privileged `app://` handler. */
export const PACKAGED_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

/** The page main loads first. */
export function entryUrl(origin: AppOrigin): string {
  return `${origin.protocol}//${origin.host}/index.html`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Returns the dev-server URL to load, or null. Only an unpackaged app honours it, and only a
 * loopback http(s) URL: a stray HEARTH_DEV_URL must never point a user's app at a remote page
 * that would then be trusted with the IPC bridge.
 */
export function parseDevUrl(value: unknown, isPackaged: boolean): URL | null {
  const url = isPackaged ? null : parseUntrustedUrl(value);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  return LOOPBACK_HOSTS.has(url.hostname) ? url : null;
}

/** The origin of a dev URL accepted by parseDevUrl. */
export function originOf(url: URL): AppOrigin {
  return { protocol: url.protocol, host: url.host };
}

/**
 * True only when `candidate` is a URL string on exactly `origin`: same scheme, same host and
 * port, no credentials. Anything else (undefined frames, file:, look-alike hosts) is false.
 */
export function isAppUrl(candidate: unknown, origin: AppOrigin): boolean {
  const url = parseUntrustedUrl(candidate);
  return url !== null && url.protocol === origin.protocol && url.host === origin.host;
}
