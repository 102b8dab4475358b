import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/static-server';

/** GET with the path sent as written (fetch would resolve the dots first). */
function get(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });
}

describe('the static server (npm run web, e2e tests, benchmarks)', () => {
  const parent = mkdtempSync(join(tmpdir(), 'hearth-static-'));
  const root = join(parent, 'renderer');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<p>hello</p>');
  // A folder beside the served one whose name starts the same (as dist/renderer-e2e does).
  mkdirSync(join(parent, 'renderer-private'));
  writeFileSync(join(parent, 'renderer-private', 'secret.txt'), 'not for the web');
  let servers: StaticServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('serves its files and the config, and nothing outside its folder', async () => {
    const server = await serveStatic(root, { signalingUrls: ['ws://127.0.0.1:4444'] });
    servers.push(server);
    expect(await get(server.url, '/')).toEqual({ status: 200, body: '<p>hello</p>' });
    expect(JSON.parse((await get(server.url, '/hearth-config.json')).body)).toEqual({
      signalingUrls: ['ws://127.0.0.1:4444'],
    });
    expect((await get(server.url, '/..%2frenderer-private%2fsecret.txt')).status).toBe(404);
    expect((await get(server.url, '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
  });

  it('rejects when its port is taken, so the caller can choose another', async () => {
    const first = await serveStatic(root, { signalingUrls: [] });
    servers.push(first);
    const port = Number(new URL(first.url).port);
    await expect(serveStatic(root, { signalingUrls: [] }, port)).rejects.toThrow(/EADDRINUSE/);
  });
});
