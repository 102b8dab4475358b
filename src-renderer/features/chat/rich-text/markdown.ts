// The one Markdown parser for what peers write: a small subset (bold, italic, lists, code,
// quotes, links) with raw HTML, images and headings off. It only makes tokens; render-tokens.tsx
// turns them into React elements through an allow-list, so no HTML string ever reaches the DOM.
import MarkdownIt, { type Token } from 'markdown-it';

/** The link schemes a message may carry; anything else stays plain text. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The href a message link may have: a parsed http(s) or mailto URL, normalised; otherwise null. */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!LINK_SCHEMES.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && (url.username !== '' || url.password !== '')) return null;
  return url.href;
}

// 'zero' turns every rule off (and caps nesting at 20); only the subset is switched back on.
// Not enabled: html_block, html_inline, image, heading, lheading, table, hr, reference.
const parser = new MarkdownIt('zero', { html: false, linkify: true, typographer: false })
  .enable(['linkify'])
  .enable(['blockquote', 'code', 'fence', 'list', 'paragraph'])
  .enable(['emphasis', 'backticks', 'link', 'autolink', 'escape', 'entity', 'newline', 'linkify']);

parser.validateLink = (url) => safeHref(url) !== null;

/** Tokens for a message's text; never contains html or image tokens, and links are http(s)/mailto. */
export function parseMessage(text: string): Token[] {
  return parser.parse(text, {});
}
