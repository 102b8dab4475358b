// Maps app://hearth/... requests onto files under the built renderer folder. Pure (path math
// only) so the traversal checks are tested as attacks; main.ts does the file read.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { parseUntrustedUrl } from './url';

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The absolute file under `rootDir` that `requestUrl` names, or null when the URL is not ours
 * or would escape the root (`..`, encoded separators, backslashes, NUL, drive letters or NTFS
 * streams). `pathApi` lets tests check Windows path rules on any OS.
 */
export function resolveAppPath(
  requestUrl: unknown,
  rootDir: string,
  pathApi: PathApi = path,
): string | null {
  const url = parseUntrustedUrl(requestUrl);
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // Backslash is a separator on Windows and ':' opens drive letters and NTFS streams there.
  if (/[\0\\:]/.test(relative)) return null;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = pathApi.resolve(rootDir);
  const full = pathApi.resolve(root, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
  const inside = pathApi.relative(root, full);
  if (inside === '' || inside === '..' || inside.startsWith(`..${pathApi.sep}`)) return null;
  if (pathApi.isAbsolute(inside)) return null; // another drive on Windows
  return full;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  // Module scripts are refused unless served with a JavaScript MIME type.
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming requires exactly this type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a served file; unknown types are opaque bytes, never sniffed as HTML. */
export function contentTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  const ext = dot === -1 ? '' : filePath.slice(dot).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
