// Which signaling servers the renderer may connect to. Those origins go into the CSP's
// connect-src; nothing else (no blanket ws:/wss:) is allowed. Pure.
import { webSocketOrigin } from './csp';

export interface SignalingSources {
  /** The embedded server's URLs while it runs. */
  readonly lan: readonly string[];
  /** The user's own servers from settings. */
  readonly configured: readonly string[];
  /** Servers learned from share codes and circles (allowSignalingUrls). */
  readonly known: readonly string[];
}

/** Every URL the CSP allows, in order, deduplicated. */
export function allowedSignalingUrls(sources: SignalingSources): string[] {
  return [...new Set([...sources.lan, ...sources.configured, ...sources.known])];
}

/** Signaling URLs offered to new circles: the LAN server first, then the user's own. */
export function signalingUrlsForNewCircles(
  sources: Pick<SignalingSources, 'lan' | 'configured'>,
): string[] {
  return [...new Set([...sources.lan, ...sources.configured])].slice(0, 32);
}

/**
 * The URLs whose origin the page's policy (built from `allowedAtLoad`) does not cover. A page's
 * CSP cannot be widened after it loaded, so any of these means the window must reload.
 */
export function uncoveredUrls(
  requested: readonly string[],
  allowedAtLoad: readonly string[],
): string[] {
  const origins = new Set(
    allowedAtLoad.map(webSocketOrigin).filter((o): o is string => o !== null),
  );
  return requested.filter((url) => {
    const origin = webSocketOrigin(url);
    return origin !== null && !origins.has(origin);
  });
}
