// Chromium for tests and benchmarks. findChromium looks at $HEARTH_CHROMIUM, then Playwright's own
// download, then Debian's /usr/bin/chromium. Says how to get one when there is none.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export function findChromium(): string {
  const candidates = [
    process.env.HEARTH_CHROMIUM,
    safe(() => chromium.executablePath()),
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one with `sudo apt-get install chromium` (Debian/Ubuntu) ' +
      'or `npx playwright install chromium`, or point HEARTH_CHROMIUM at a Chromium binary.',
  );
}

function safe(f: () => string): string | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The flags from shared/CHROMIUM.md that make WebRTC work between separate browser processes. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection',
  // Background peers must keep their timers running at full speed.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
