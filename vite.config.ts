import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const framedPeer = fileURLToPath(new URL('./src-renderer/services/sync/framed-peer.ts', import.meta.url));

/**
 * y-webrtc imports simple-peer directly, with no way to inject a peer class. Every import of
 * it except our own is pointed at FramedPeer, which splits data-channel messages into frames
 * under Chromium's 256 KiB limit (upstream yjs/y-webrtc#20).
 */
function framedSimplePeer(): Plugin {
  return {
    name: 'hearth-framed-simple-peer',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'simple-peer/simplepeer.min.js' && importer && !importer.startsWith(framedPeer)) return framedPeer;
      return null;
    },
  };
}

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [framedSimplePeer(), react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
