// Size limits for the renderer's chunks, one per kind of chunk, checked on every build. Vite's
// own check has one limit for all chunks; the journal's PDF export needs a larger one of its own
// (below), and every other chunk keeps Vite's 500 kB. A chunk over its limit fails the build,
// so every build (and with it every end-to-end run) is the test.
import type { Plugin } from 'vite';

/** Vite's default warning limit, kept for every chunk but the PDF export's (bytes). */
export const CHUNK_LIMIT = 500_000;

/**
 * The PDF export's chunk: pdf-lib and fontkit, loaded only when a person exports their journal as
 * a PDF in the browser build (src-renderer/services/journal/pdf-maker.ts), never at start. fontkit
 * is one pre-bundled 711 kB module that no chunking can cut, and the worker's copy also holds
 * pdf-lib whole (split by package, the worker stopped producing a PDF; see vite.config.ts).
 */
export const PDF_CHUNK_LIMIT = 1_400_000;
const FONTKIT = /[\\/]@pdf-lib[\\/]fontkit[\\/]/;

/** What the check needs of an output chunk. */
export interface ChunkFacts {
  fileName: string;
  bytes: number;
  /** Loaded only by a dynamic import (never at start). */
  lazy: boolean;
  moduleIds: readonly string[];
}

/** The limit a chunk is held to: the PDF export's own for the lazy chunk holding fontkit, else 500 kB. */
export function chunkLimit(chunk: ChunkFacts): number {
  return chunk.lazy && chunk.moduleIds.some((id) => FONTKIT.test(id))
    ? PDF_CHUNK_LIMIT
    : CHUNK_LIMIT;
}

/** One sentence per chunk over its limit; empty when all fit. */
export function chunksOverLimit(chunks: readonly ChunkFacts[]): string[] {
  return chunks
    .filter((chunk) => chunk.bytes > chunkLimit(chunk))
    .map(
      (chunk) =>
        `${chunk.fileName} is ${Math.round(chunk.bytes / 1000)} kB, over its limit of ` +
        `${chunkLimit(chunk) / 1000} kB: split it by package in vite.config.ts, or load it lazily.`,
    );
}

/** A build plugin that fails the build when a chunk passes its limit (see chunksOverLimit). */
export function chunkLimits(): Plugin {
  return {
    name: 'hearth-chunk-limits',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkFacts[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks.push({
          fileName: output.fileName,
          bytes: Buffer.byteLength(output.code),
          lazy: output.isDynamicEntry && !output.isEntry,
          moduleIds: output.moduleIds,
        });
      }
      const over = chunksOverLimit(chunks);
      if (over.length > 0) this.error(`Chunks over their size limit:\n${over.join('\n')}`);
    },
  };
}
