// Builds the Content-Security-Policy the renderer runs under. Pure so the exact string is
// tested; security.ts and the app:// handler attach it to responses.
import { parseUntrustedUrl } from './url';

export const CSP_HEADER = 'Content-Security-Policy';

export interface CspOptions {
  /**
   * WebSocket URLs the renderer may dial (signaling servers); only their origins are kept.
   * Nothing else: there is no blanket ws:/wss: (see signaling-policy.ts for where they come from).
   */
  readonly connectUrls: readonly string[];
  /**
   * Allow any ws:/wss: URL instead (the main window): main's gate, signaling-gate.ts, then admits
   * only the allowed origins, which change while the page runs (its circles' servers are known
   * only after unlock, and a page's CSP is fixed when it loads).
   */
  readonly gatedWebSockets?: boolean;
  // TURN/STUN servers need no entry: CSP does not govern WebRTC's ICE connections (there is
  // no webrtc directive in Chromium), so connect-src lists only signaling servers.
  /**
   * Set only when loading the Vite dev server: its React-refresh preamble is an inline script,
   * and its HMR socket must be reachable. Never set in a packaged app.
   */
  readonly devServerUrl?: string;
}

// Hostnames (or bracketed IPv6) only: anything else could smuggle `;` or quotes into the header
// and add directives of its own.
const SAFE_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The ws:/wss: origin of `value`, or null if it is not a safe WebSocket URL. */
export function webSocketOrigin(value: unknown): string | null {
  const url = parseUntrustedUrl(value);
  if (
    url === null ||
    (url.protocol !== 'ws:' && url.protocol !== 'wss:') ||
    !SAFE_HOST.test(url.host)
  )
    return null;
  return `${url.protocol}//${url.host}`;
}

function devSources(devServerUrl: string | undefined): { script: string[]; connect: string[] } {
  if (devServerUrl === undefined) return { script: [], connect: [] };
  const url = new URL(devServerUrl);
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const origin = webSocketOrigin(`${ws}//${url.host}`);
  return { script: ["'unsafe-inline'"], connect: origin === null ? [] : [origin] };
}

/** The policy string; signaling origins are deduplicated and unsafe ones dropped. */
export function buildCsp(options: CspOptions): string {
  const dev = devSources(options.devServerUrl);
  const wsOrigins = options.connectUrls
    .map(webSocketOrigin)
    .filter((origin): origin is string => origin !== null);
  const ws = options.gatedWebSockets === true ? ['ws:', 'wss:'] : wsOrigins;
  const connect = [...new Set(["'self'", ...ws, ...dev.connect])];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    // libsodium runs as WebAssembly; compiling it needs wasm-unsafe-eval, not unsafe-eval.
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...dev.script]],
    // The workers are files of the app; a blob: worker would be code the page made from text.
    ['worker-src', ["'self'"]],
    // React sets style attributes; inline styles cannot run code.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    // blob: as in index.html's own policy (object URLs the page itself made).
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
