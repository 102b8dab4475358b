// The options every Hearth window is created with, as plain data so each hardening flag is a
// tested fact. main.ts passes them to `new BrowserWindow`.

/** The webPreferences both windows share: isolated, sandboxed, no Node anywhere, no <webview>. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  navigateOnDragDrop: false,
  // Chromium fetches spellcheck dictionaries from Google's CDN; a private app stays quiet.
  spellcheck: false,
} as const;

export function mainWindowOptions(opts: { preloadPath: string; isDev: boolean; iconPath: string }) {
  return {
    width: 1100,
    height: 760,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'Hearth',
    icon: opts.iconPath,
    webPreferences: { ...LOCKED_DOWN, preload: opts.preloadPath, devTools: opts.isDev },
  };
}

/** The custom scheme the PDF window loads its one document from (never the app's own origin). */
export const PRINT_SCHEME = 'hearth-print';
export const PRINT_URL = `${PRINT_SCHEME}://document/`;

/**
 * The PDF document may draw (inline styles, data: images and fonts) and nothing else: no
 * scripts, no fetches, no frames, no forms, no base URL tricks.
 */
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; " +
  "script-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * A never-shown window in its own in-memory session (`partition` without `persist:`), with
 * JavaScript off: the exported HTML is the user's own journal, but it is still treated as
 * untrusted markup. (Not `offscreen`: printToPDF is best trodden with an ordinary hidden window.)
 */
export function printWindowOptions(partition: string) {
  return {
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      ...LOCKED_DOWN,
      partition,
      javascript: false,
      devTools: false,
      images: true,
    },
  };
}

/** The only request the print session lets through: the document itself. */
export function isPrintRequestAllowed(url: unknown): boolean {
  return url === PRINT_URL;
}

/**
 * printToPDF has been known to never settle (electron/electron#20634, pages with iframes); a
 * stuck export must fail with a message, not leave the user waiting forever.
 */
export const PRINT_TIMEOUT_MS = 30_000;

/** `promise`, or a rejection with `message` after `ms`. The timer never keeps the app alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
