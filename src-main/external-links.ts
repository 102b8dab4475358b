// Which links may leave the app for the system browser. Pure, tested as attacks.
import { parseUntrustedUrl } from './url';

const MAX_URL_CHARS = 2048;

/**
 * The normalised http(s) URL to hand to the OS, or null. Refused: other schemes (javascript:,
 * file:, data:, custom app handlers), credentials (`https://bank.example@evil.example`), and
 * hosts that are not plain names (no host, or odd characters a dialog could misrepresent).
 */
export function parseExternalUrl(value: unknown): string | null {
  const url = parseUntrustedUrl(value, MAX_URL_CHARS);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (!/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i.test(url.hostname)) return null;
  return url.href;
}

/** The question shown before opening: the host spelled out, since that is what matters. */
export function externalLinkPrompt(href: string): { message: string; detail: string } {
  const url = new URL(href);
  return {
    message: `Open ${url.hostname} in your browser?`,
    detail: `${href}\n\nThe page opens outside Hearth. Hearth does not tell the site anything about your circles.`,
  };
}
