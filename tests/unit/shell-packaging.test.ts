// electron-builder.yml against the installed electron-builder's own schema and validator (the
// same check `electron-builder` runs before packaging), plus the promises it must keep:
// four targets, the hearth:// protocol, the fuses, and what the deb target needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
// Both come with electron-builder (a devDependency); no extra packages for this test.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(
    config: unknown,
    logger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  files: string[];
  protocols: Array<{ schemes: string[] }>;
  linux: { target: string[]; icon: string; mimeTypes: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  electronFuses: Record<string, boolean>;
}

const config = yaml.load(
  readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'),
) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  homepage?: string;
  author?: { email?: string };
};
const quiet = { isEnabled: false, add() {} };

describe('packaging', () => {
  // Compiling electron-builder's 10,000-line schema takes a few seconds on a busy machine.
  it('passes electron-builder’s own schema validation', { timeout: 60_000 }, async () => {
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
  });

  it('the validator is strict: an unknown key is refused', { timeout: 60_000 }, async () => {
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } },
        quiet,
      ),
    ).rejects.toThrow();
  });

  it('builds AppImage, deb, dmg and nsis, with an app id and icon', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(readFileSync(path.join(ROOT, config.linux.icon)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('registers hearth:// everywhere', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['hearth']);
    expect(config.linux.mimeTypes).toContain('x-scheme-handler/hearth');
  });

  it('sets the fuses: no RunAsNode, no NODE_OPTIONS, no --inspect, cookie encryption and ASAR integrity on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the built bundles and what deb needs from package.json', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/main/**', 'dist/renderer/**', 'package.json']),
    );
    expect(pkg.main).toBe('dist/main/main.cjs');
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
  });
});
