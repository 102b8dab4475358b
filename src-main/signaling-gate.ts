// main's gate on every WebSocket the page opens. The page's CSP lets it try any ws:/wss: URL,
// because a page's policy is fixed when it loads and the servers of the user's circles are known
// only after unlock (they are kept in the vault, not in plain text on disk); this gate, in the
// network layer where the page cannot reach, admits only the origins allowed at that moment.
// Electron runs webRequest for WebSockets since electron/electron#22134.
import { webSocketOrigin } from './csp';

/**
 * False for a ws:/wss: URL whose origin (scheme, host, port) is not one of `allowed`'s, or that
 * cannot be parsed safely; true for anything else (other requests are not this gate's business).
 */
export function webSocketAllowed(url: string, allowed: readonly string[]): boolean {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme !== 'ws:' && scheme !== 'wss:') return true;
  const origin = webSocketOrigin(url);
  if (origin === null) return false;
  return allowed.some((a) => webSocketOrigin(a) === origin);
}

/** The part of an Electron session the gate needs. */
export interface GateSession {
  readonly webRequest: {
    onBeforeRequest(
      listener: (
        details: { url: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void,
    ): void;
  };
}

/** Cancels every WebSocket that `allowed()` (asked at each request) does not name. */
export function installSignalingGate(session: GateSession, allowed: () => readonly string[]): void {
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !webSocketAllowed(details.url, allowed()) }),
  );
}
