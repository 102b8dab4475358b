// `npm run web`: Hearth in a browser. Starts a signaling server on 127.0.0.1 and Vite's dev
// server beside it; the page learns the signaling address from /hearth-config.json.
// Open the printed URL in two browser profiles (or two browsers) to try two peers.
import { createServer } from 'vite';
import { startSignalingServer } from '../src-main/signaling/server';

const host = process.env.HEARTH_HOST ?? '127.0.0.1';
const signal = await startSignalingServer({ host, port: Number(process.env.HEARTH_SIGNAL_PORT ?? 4444) }).catch(() =>
  startSignalingServer({ host, port: 0 }),
);
const config = JSON.stringify({ signalingUrls: [signal.url] });

const server = await createServer({
  configFile: 'vite.config.ts',
  server: { host, port: Number(process.env.HEARTH_WEB_PORT ?? 5173) },
  plugins: [
    {
      name: 'hearth-config',
      configureServer(dev) {
        dev.middlewares.use('/hearth-config.json', (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(config);
        });
      },
    },
  ],
});
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://${host}:5173/`;
console.log(`\nHearth is running at ${url}`);
console.log(`Signaling server: ${signal.url}`);
console.log('Open the address in two browser profiles to try two peers. Press Ctrl+C to stop.\n');

const stop = async () => {
  await server.close();
  await signal.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
