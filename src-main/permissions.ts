// Which web permissions the renderer may have. Deny by default; every allowed entry says why.
import { isAppUrl, type AppOrigin } from './app-origin';

const ALLOWED = new Set<string>([
  // Copying a share code, an invite link or a message's text (Copy in its toolbar) to the
  // clipboard. Sanitized writes cannot read the clipboard back, so this leaks nothing to the page.
  'clipboard-sanitized-write',
  // Chromium's Local Network Access gate covers fetch and WebSockets to loopback and private
  // addresses. The embedded signaling server (ws://127.0.0.1 and ws://<LAN IP>) and other
  // members' LAN servers are exactly that, so without these the LAN circle cannot connect.
  // Electron 45 knows the combined name and the split loopback/local ones.
  'local-network-access',
  'local-network',
  'loopback-network',
]);

/** True only for an allowed permission asked for by our own page. */
export function isPermissionAllowed(
  permission: unknown,
  requestingUrl: unknown,
  origin: AppOrigin,
): boolean {
  return (
    typeof permission === 'string' && ALLOWED.has(permission) && isAppUrl(requestingUrl, origin)
  );
}
