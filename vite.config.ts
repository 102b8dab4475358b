import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { chunkLimits, PDF_CHUNK_LIMIT } from './scripts/chunk-limits.ts';

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

/**
 * One chunk per package (cut further where a package is large), so that what every start needs
 * is not one 1.6 MB chunk and the passphrase estimator's dictionaries (zxcvbn) stay behind their
 * dynamic import in chunks under Vite's 500 kB warning. App code stays in the chunks Rolldown
 * makes by itself.
 *
 * The journal's PDF code (pdf-lib, fontkit, pako) is left whole in its lazy chunk, loaded only
 * for a PDF export: split by package, the PDF worker stopped producing a PDF. That chunk still
 * passes 500 kB, as fontkit alone is one 711 kB module that no chunking can cut: it has a size
 * limit of its own (scripts/chunk-limits.ts), and every other chunk is held to 500 kB there.
 */
const PACKAGE_OF = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/;
const PDF_PACKAGES = new Set(['pdf-lib', '@pdf-lib/fontkit', 'pako']);
const splitByPackage = {
  groups: [
    {
      debugName: 'one chunk per package',
      name: (id: string) => {
        const name = PACKAGE_OF.exec(id)?.[1]?.replace(/\\/g, '/');
        if (!name || PDF_PACKAGES.has(name)) return null;
        return `lib-${name.replace(/^@/, '').replace('/', '-')}`;
      },
      // A package bigger than this is cut in pieces of about this size. Single modules are not
      // cut: libsodium's WebAssembly (413 kB) and the largest dictionary (473 kB) stay under 500.
      maxSize: 400_000,
    },
  ],
};

/**
 * In the workers only libsodium's WebAssembly module gets a chunk of its own, which keeps the
 * Argon2id and record-opening workers under 500 kB; the PDF worker is left as it was.
 */
const sodiumApart = {
  groups: [
    {
      debugName: 'libsodium apart',
      name: 'lib-libsodium',
      test: /node_modules[\\/]libsodium-sumo[\\/]/,
    },
  ],
};

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [noCrossTabChannel(), react(), chunkLimits()],
  build: {
    // Vite's check has one limit for every chunk; chunkLimits() holds each chunk to its own
    // (500 kB for all but the lazy PDF export's) and fails the build instead of warning.
    chunkSizeWarningLimit: PDF_CHUNK_LIMIT / 1000,
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: splitByPackage } },
  },
  worker: {
    format: 'es',
    plugins: () => [chunkLimits()],
    rolldownOptions: { output: { codeSplitting: sodiumApart } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
