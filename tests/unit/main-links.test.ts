// Links that reach the desktop shell from outside, written as attacks: hearth://join/ deep
// links (only the canonical form opens the join form) and external links (only parsed http(s),
// shown in their real spelling before the browser opens them).
import { describe, expect, it } from 'vitest';
import { JoinLinkInbox, joinLinkFromArgv, parseJoinLink } from '../../src-main/deep-link';
import { externalLinkPrompt, parseExternalUrl } from '../../src-main/external-links';
import { CODE } from '../support/fake-main-ipc';

describe('deep links: hearth://join/<code>', () => {
  it('accepts the link the invite panel makes', () => {
    expect(parseJoinLink(`hearth://join/${CODE}`)).toBe(CODE);
    expect(parseJoinLink(`hearth://join/${CODE}/`)).toBe(CODE);
    expect(parseJoinLink(`HEARTH://JOIN/${CODE}`)).toBe(CODE);
  });

  it.each([
    ['another scheme', `https://join/${CODE}`],
    ['javascript', `javascript://join/${CODE}`],
    ['file', `file:///join/${CODE}`],
    ['another action', `hearth://admin/${CODE}`],
    ['look-alike action', `hearth://join.evil/${CODE}`],
    ['credentials', `hearth://x@join/${CODE}`],
    ['port', `hearth://join:80/${CODE}`],
    ['query', `hearth://join/${CODE}?then=file:///x`],
    ['fragment', `hearth://join/${CODE}#x`],
    ['traversal', `hearth://join/../${CODE}`],
    ['extra segment', `hearth://join/${CODE}/extra`],
    ['encoded slash', `hearth://join/${CODE}%2Fx`],
    ['not a code', 'hearth://join/hello'],
    ['script in code', 'hearth://join/hearth1<script>'],
    ['empty', 'hearth://join/'],
    ['huge', `hearth://join/hearth1${'A'.repeat(5000)}`],
    ['not a string', 42],
  ])('refuses %s', (_name, link) => {
    expect(parseJoinLink(link)).toBeNull();
  });

  it('finds the link in argv, ignoring switches and junk, last link wins', () => {
    expect(joinLinkFromArgv(['/opt/Hearth/hearth', '--no-sandbox', `hearth://join/${CODE}`])).toBe(
      CODE,
    );
    expect(joinLinkFromArgv(['hearth', `--x=hearth://join/${CODE}`])).toBeNull();
    expect(joinLinkFromArgv(['hearth', `hearth://join/${CODE}`, 'hearth://join/bad'])).toBe(CODE);
    expect(joinLinkFromArgv('hearth://join/x')).toBeNull();
    expect(joinLinkFromArgv([null, 3, {}])).toBeNull();
  });

  it('the inbox keeps a link until the page takes it, then sends later ones directly', () => {
    const inbox = new JoinLinkInbox();
    const sent: string[] = [];
    inbox.deliver('first', (c) => sent.push(c));
    expect(sent).toEqual([]);
    expect(inbox.take()).toBe('first');
    expect(inbox.take()).toBeNull();
    inbox.deliver('second', (c) => sent.push(c));
    expect(sent).toEqual(['second']);
    inbox.pageGone();
    inbox.deliver('third', (c) => sent.push(c));
    expect(sent).toEqual(['second']);
    expect(inbox.take()).toBe('third');
  });
});

describe('external links', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'vbscript:x',
    'ms-settings:',
    'hearth://join/x',
    'https://user:pw@bank.example/',
    'https://bank.example@evil.example/',
    'http://exa mple.com/',
    'http://',
    'x'.repeat(3000),
    42,
  ])('refuses %s', (url) => {
    expect(parseExternalUrl(url)).toBeNull();
  });

  it('look-alike hosts are shown in their real (punycode) spelling before opening', () => {
    const href = parseExternalUrl('https://раураl.com/login');
    expect(href).toBe('https://xn--l-7sba6dbr.com/login');
    expect(externalLinkPrompt(href!).message).toBe('Open xn--l-7sba6dbr.com in your browser?');
  });
});
