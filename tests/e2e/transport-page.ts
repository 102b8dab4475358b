// A blank page on 127.0.0.1 (a secure context, so crypto.subtle exists) in its own Chromium
// process, holding src-shared's transport bundled by esbuild: no Vite, no plugin. What the page
// gets is on `window.hearthTransport`.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';

export interface TransportPage {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Bundles the given module source (resolved from the repository root) as a page script. */
async function bundle(entry: string): Promise<string> {
  const out = await build({
    stdin: { contents: entry, resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** Serves one HTML page with the script inline on 127.0.0.1; resolves with its URL. */
async function servePage(script: string): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><meta charset="utf-8"><title>transport</title><script>${script.replaceAll('</script', '<\\/script')}</script>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

/**
 * Opens a page whose `window.hearthTransport` holds what `entry` assigns to it, in a browser
 * process of its own (so nothing can pass between peers except over WebRTC).
 */
export async function openTransportPage(entry: string): Promise<TransportPage> {
  const { url, server } = await servePage(await bundle(entry));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'hearthTransport' in window);
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}
