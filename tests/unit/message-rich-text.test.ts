// The Markdown subset in messages, and what a hostile peer could try through it: every attempt
// must come out as plain text or a checked link, never as markup, script or a remote load.
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment } from 'react';
import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../src-renderer/features/chat/rich-text/render-tokens';
import { messageTextElements } from '../../src-renderer/features/chat/rich-text/message-text-cache';
import { safeHref } from '../../src-renderer/features/chat/rich-text/markdown';

const html = (text: string) =>
  renderToStaticMarkup(createElement(Fragment, null, renderMessageText(text)));

/** The only elements and attributes the output may hold. */
const ALLOWED_TAGS = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'blockquote',
  'em',
  'strong',
  'code',
  'pre',
  'br',
  'a',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'target',
  'rel',
  'referrerpolicy',
  'data-testid',
  'start',
]);

/** Real tags only: text a peer wrote comes out escaped (&lt;), so it cannot match here. */
function expectInert(out: string): void {
  const tags = [...out.matchAll(/<\/?([a-z0-9-]+)([^>]*)>/gi)];
  expect(tags.map((t) => t[0]).join('')).not.toContain('<<');
  for (const [, tag, attributes] of tags) {
    expect(ALLOWED_TAGS).toContain(tag!.toLowerCase());
    for (const [, name, value] of attributes!.matchAll(/\s([a-z-]+)="([^"]*)"/gi)) {
      expect(ALLOWED_ATTRIBUTES).toContain(name!.toLowerCase());
      if (name === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/);
    }
  }
}

describe('message Markdown subset', () => {
  it('draws bold, italic, inline code and code blocks', () => {
    expect(html('**bold** and *italic* and _also_')).toBe(
      '<p><strong>bold</strong> and <em>italic</em> and <em>also</em></p>',
    );
    expect(html('use `npm test`')).toBe('<p>use <code>npm test</code></p>');
    expect(html('```\nline <b>1</b>\n```')).toBe(
      '<pre><code>line &lt;b&gt;1&lt;/b&gt;\n</code></pre>',
    );
  });

  it('draws lists and quotes', () => {
    expect(html('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(html('3. three\n4. four')).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
    expect(html('> held gently')).toBe('<blockquote><p>held gently</p></blockquote>');
  });

  it('keeps line breaks and leaves headings, rules and tables as text', () => {
    expect(html('first\nsecond')).toBe('<p>first\nsecond</p>');
    expect(html('first\\\nsecond')).toBe('<p>first<br/>second</p>');
    expect(html('# not a heading')).toBe('<p># not a heading</p>');
    expect(html('---')).toBe('<p>---</p>');
  });

  it('makes http(s) and mailto links, written or bare, that ask before opening', () => {
    const out = html(
      '[our page](https://example.org/a?b=1) or https://example.com/x. or me@example.net',
    );
    expect(out).toContain('href="https://example.org/a?b=1"');
    expect(out).toContain('href="https://example.com/x"');
    expect(out).toContain('>https://example.com/x</a>. or');
    expect(out).toContain('href="mailto:me@example.net"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
    expectInert(out);
  });
});

describe('hostile messages render inert', () => {
  const attacks: [string, string][] = [
    ['script', '<script>alert(1)</script>'],
    ['remote image (HTML)', '<img src="http://evil.example/x.png" onerror="alert(1)">'],
    ['remote image (Markdown)', '![x](http://evil.example/track.png)'],
    ['javascript: link', '[x](javascript:alert(1))'],
    ['javascript: autolink', '<javascript:alert(1)>'],
    ['encoded javascript: link', '[x](jav&#x61;script:alert(1)) [y](JaVaScRiPt:alert(1))'],
    ['HTML comment', '<!-- hidden --> visible'],
    [
      'data: URL',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <data:text/html,hi>',
    ],
    ['vbscript and file', '[a](vbscript:msgbox) [b](file:///etc/passwd)'],
    ['credentials in a link', '[bank](https://bank.example@evil.example/)'],
    [
      'style and iframe',
      '<style>body{background:url(http://evil.example/)}</style><iframe src="http://evil.example">',
    ],
    ['reference image', '![a][b]\n\n[b]: http://evil.example/i.png'],
  ];
  it.each(attacks)('%s', (_name, text) => {
    const out = html(text);
    expectInert(out);
    expect(out).not.toMatch(/href="[^"]*(javascript|data|vbscript|file):/i);
  });

  it('turns image syntax into at most a link that asks first, never an image', () => {
    expect(html('![x](http://evil.example/track.png)')).toMatch(
      /^<p>!<a href="http:\/\/evil.example\/track.png"[^>]*>x<\/a><\/p>$/,
    );
    expect(html('example.com is not linked')).toBe('<p>example.com is not linked</p>');
  });

  it('shows raw HTML as the text it is', () => {
    expect(html('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html('<!-- hidden --> visible')).toContain('&lt;!-- hidden --&gt; visible');
  });

  it('draws 4,000 characters of nested markup inert and quickly', () => {
    const nested = [
      '>'.repeat(1000) + ' deep',
      '*'.repeat(2000) + 'x' + '*'.repeat(2000),
      '- '.repeat(1000) + 'item',
      '['.repeat(1000) + 'x' + '](http://a.example)'.repeat(150),
      '`<img src=x>`'.repeat(300),
    ].map((s) => s.slice(0, 4000));
    for (const text of nested) {
      // CPU time, not wall time: on a busy host (CI runs unit and e2e tests side by side) the
      // wall clock also counts other processes' turns, and this is about our work only.
      const before = process.cpuUsage();
      const out = html(text);
      const used = process.cpuUsage(before);
      expect((used.user + used.system) / 1000).toBeLessThan(250);
      expectInert(out);
    }
  });
});

describe('safeHref', () => {
  it('keeps only parsed http(s) and mailto URLs without credentials', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org/');
    expect(safeHref('mailto:a@example.org')).toBe('mailto:a@example.org');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('https://user:pw@example.org')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});

describe('speed', () => {
  it('draws a thousand ordinary messages in well under a millisecond each', () => {
    const texts = (round: number) =>
      Array.from(
        { length: 1000 },
        (_, i) =>
          `Message ${round}.${i}: thanks **so much** for *listening*, https://example.org/${i}\n- one\n- two`,
      );
    for (const text of texts(0)) void renderMessageText(text); // warm up the JIT
    const started = performance.now();
    for (const text of texts(1)) void renderMessageText(text);
    // About 0.15 ms each alone; the bound leaves room for a test file on the sibling core.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('messageTextElements', () => {
  it('parses a text once and hands back the same elements while it is kept', () => {
    const text = `**kept** ${Math.random()}`;
    expect(messageTextElements(text)).toBe(messageTextElements(text));
  });
});
