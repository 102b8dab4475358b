// Installs the hardening in guards.ts on every webContents the app ever creates (the main
// window, the PDF window, anything a future feature adds), so none can be missed.
import { app } from 'electron';
import type { AppOrigin } from './app-origin';
import { hardenWebContents } from './guards';

export { hardenSession } from './guards';

export function installSecurityGuards(
  origin: AppOrigin,
  offerExternal: (url: string) => void,
): void {
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, origin, offerExternal),
  );
}
