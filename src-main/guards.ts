// All window and session hardening rules, attached to whatever Electron hands us. Only types
// come from Electron, so tests drive these with small fakes (see tests/unit/main-windows.test.ts);
// security.ts installs them on every webContents the app creates.
import type { Session, WebContents } from 'electron';
import { isAppUrl, type AppOrigin } from './app-origin';
import { CSP_HEADER } from './csp';
import { isPermissionAllowed } from './permissions';

export type GuardedSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

/**
 * Permission, device and CSP rules for a session. `csp` is read per response because the
 * signaling origins change (embedded server on/off, servers learned from share codes);
 * `isDocument` says the response is a page whose policy is then fixed until it reloads.
 */
export function hardenSession(
  session: GuardedSession,
  origin: AppOrigin,
  csp: (isDocument: boolean) => string,
): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(isPermissionAllowed(permission, contents.getURL(), origin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, origin),
  );
  // WebHID / WebSerial / WebUSB: the app never needs hardware.
  session.setDevicePermissionHandler(() => false);
  // Screen capture: no handler would also deny, but say it explicitly.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Only the dev server's http responses pass through here: webRequest header events do not
  // fire for custom protocols (electron/electron#6021), so the app:// handler sets the header
  // itself. Responses from other origins (none are expected) get the same policy.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === CSP_HEADER.toLowerCase()) delete headers[name];
    }
    headers[CSP_HEADER] = [csp(details.resourceType === 'mainFrame')];
    callback({ responseHeaders: headers });
  });
}

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Navigation, popup and <webview> rules for one webContents (every one, including future ones).
 * A link that would leave the app never loads inside it: if it is http(s), `offerExternal`
 * asks the user whether to open it in their browser (see external-links.ts).
 */
export function hardenWebContents(
  contents: GuardedContents,
  origin: AppOrigin,
  offerExternal: (url: string) => void,
): void {
  const blockForeign = (event: { preventDefault(): void }, url: string, offer: boolean): void => {
    if (isAppUrl(url, origin)) return;
    event.preventDefault();
    if (offer) offerExternal(url);
  };
  contents.on('will-navigate', (event) => blockForeign(event, event.url, true));
  contents.on('will-frame-navigate', (event) => blockForeign(event, event.url, false));
  contents.on('will-redirect', (event) => blockForeign(event, event.url, false));
  // No new windows at all: window.open and target=_blank links only ever reach the browser.
  contents.setWindowOpenHandler(({ url }) => {
    offerExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
