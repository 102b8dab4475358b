import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import viteConfig from '../../vite.config';
import {
  CHUNK_LIMIT,
  chunksOverLimit,
  PDF_CHUNK_LIMIT,
  type ChunkFacts,
} from '../../scripts/chunk-limits';

const FONTKIT_ID = '/app/node_modules/@pdf-lib/fontkit/dist/fontkit.es.js';
const chunk = (facts: Partial<ChunkFacts>): ChunkFacts => ({
  fileName: 'assets/some.js',
  bytes: 1_000,
  lazy: false,
  moduleIds: ['/app/src-renderer/main.tsx'],
  ...facts,
});

describe('chunk size limits', () => {
  it('holds every chunk but the lazy PDF export to 500 kB', () => {
    expect(chunksOverLimit([chunk({ bytes: CHUNK_LIMIT })])).toEqual([]);
    expect(chunksOverLimit([chunk({ bytes: CHUNK_LIMIT + 1 })])).toHaveLength(1);
    // Lazy is not enough: only the chunk holding fontkit has the larger limit.
    expect(chunksOverLimit([chunk({ bytes: CHUNK_LIMIT + 1, lazy: true })])).toHaveLength(1);
  });

  it('gives the lazy chunk holding fontkit its own limit, and only while it stays lazy', () => {
    const pdf = { bytes: 1_250_000, moduleIds: [FONTKIT_ID] };
    expect(chunksOverLimit([chunk({ ...pdf, lazy: true })])).toEqual([]);
    expect(chunksOverLimit([chunk({ ...pdf, lazy: false, fileName: 'assets/index.js' })])).toEqual([
      'assets/index.js is 1250 kB, over its limit of 500 kB: split it by package in vite.config.ts, or load it lazily.',
    ]);
    expect(
      chunksOverLimit([chunk({ ...pdf, bytes: PDF_CHUNK_LIMIT + 1, lazy: true })]),
    ).toHaveLength(1);
  });

  it('is checked in the page build and in the workers’ builds', () => {
    const names = (plugins: unknown) =>
      (plugins as (Plugin | false | null)[]).flat().map((p) => (p ? p.name : null));
    expect(names(viteConfig.plugins)).toContain('hearth-chunk-limits');
    const workerPlugins = viteConfig.worker?.plugins;
    expect(typeof workerPlugins).toBe('function');
    expect(names((workerPlugins as () => Plugin[])())).toContain('hearth-chunk-limits');
  });
});
