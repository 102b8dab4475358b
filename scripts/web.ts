// `npm run web`: Hearth in a browser. Builds the renderer, serves it on 127.0.0.1 and starts a
// signaling server beside it; the page learns the signaling address from /hearth-config.json.
// Open the printed URL in two browser profiles (or two browsers) to try two peers.
// (A production build, not Vite's dev server: the app's strict CSP refuses the dev server's
// inline scripts, and it should run here exactly as it ships.)
import { resolve } from 'node:path';
import { build } from 'vite';
import { startSignalingServer } from '../src-server/signaling/server';
import { serveStatic } from './static-server';

const host = '127.0.0.1';
const outDir = resolve('dist/renderer');
await build({
  configFile: resolve('vite.config.ts'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true },
});
// The usual ports when they are free, else any free port (the addresses are printed below).
const signal = await startSignalingServer({
  host,
  port: Number(process.env.HEARTH_SIGNAL_PORT ?? 4444),
}).catch(() => startSignalingServer({ host, port: 0 }));
const config = { signalingUrls: [signal.url] };
const web = await serveStatic(outDir, config, Number(process.env.HEARTH_WEB_PORT ?? 5173)).catch(
  () => serveStatic(outDir, config, 0),
);

console.log(`\nHearth is running at ${web.url}/`);
console.log(`Signaling server: ${signal.url}`);
console.log('Open the address in two browser profiles to try two peers. Press Ctrl+C to stop.\n');

const stop = async () => {
  await web.close();
  await signal.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
