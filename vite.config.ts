import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const noBroadcastChannel = fileURLToPath(
  new URL('./src-renderer/services/sync/no-broadcast-channel.ts', import.meta.url),
);

/**
 * y-webrtc's cross-tab channel is replaced by a no-op (see no-broadcast-channel.ts for why), and
 * the one place that would still do real work for it is cut: on connecting, y-webrtc encodes the
 * whole document for the channel (about 100 ms for a 10k-message circle). The build fails if
 * that code changes in a y-webrtc upgrade, so the cut is never silently lost or misapplied.
 *
 * This is the one part of the transport left to the bundler. y-webrtc has no option to leave
 * the channel out (its maintainer declined one, upstream yjs/y-webrtc#10), it subscribes and
 * encodes inside Room.connect before any caller can step in, and an ES module's imports cannot
 * be replaced at run time. It is a saving, not a fix: without it (a Node program built another
 * way) y-webrtc stays correct, and src-shared/sync/webrtc-provider.ts still stops it posting
 * each update to the channel.
 */
const CROSS_TAB_FULL_STATE = `    // broadcast local state
    const encoderState = encoding.createEncoder()
    encoding.writeVarUint(encoderState, messageSync)
    syncProtocol.writeSyncStep2(encoderState, this.doc)
    broadcastBcMessage(this, encoding.toUint8Array(encoderState))
`;

function noCrossTabChannel(): Plugin {
  return {
    name: 'hearth-no-cross-tab-channel',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'lib0/broadcastchannel' && importer?.includes('/y-webrtc/'))
        return noBroadcastChannel;
      return null;
    },
    transform(code, id) {
      if (!id.endsWith('/y-webrtc/src/y-webrtc.js')) return null;
      if (!code.includes(CROSS_TAB_FULL_STATE))
        throw new Error('y-webrtc changed: review the cross-tab cut in vite.config.ts');
      return code.replace(CROSS_TAB_FULL_STATE, '');
    },
  };
}

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [noCrossTabChannel(), react()],
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
