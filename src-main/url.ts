// The one way src-main turns untrusted input into a URL. Pure.

const MAX_URL_CHARS = 8192;

/**
 * A parsed URL without credentials, or null for anything else: non-strings, over-long or
 * unparsable text, and `user:pass@` URLs (whose host part readers and dialogs misjudge).
 */
export function parseUntrustedUrl(value: unknown, maxChars: number = MAX_URL_CHARS): URL | null {
  if (typeof value !== 'string' || value === '' || value.length > maxChars) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.username === '' && url.password === '' ? url : null;
}
