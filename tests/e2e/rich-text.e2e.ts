// Rich text between two real Chromium peers: what one writes in Markdown the other sees drawn,
// a hostile message stays inert (no script runs, no request leaves the page), a link opens only
// after the reader says yes, and the composer's emoji picker works from the keyboard alone.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);

afterEach(() => pool.disposeAll());

/** Alice's circle with Bob in it, both able to write. */
async function twoPeers(): Promise<{ alice: Peer; bob: Peer }> {
  const alice = await pool.launch('alice');
  await alice.createVault();
  await alice.createCircle('Rich text circle', 'Alice');
  const code = await alice.invite({ maxUses: 1, approval: 'auto' });
  const bob = await pool.launch('bob');
  await bob.createVault();
  await bob.join(code, 'Bob');
  return { alice, bob };
}

/** Every request the page makes from now on that is not to the app itself or its signaling. */
function watchRequestsLeaving(peer: Peer): string[] {
  const leaving: string[] = [];
  const app = new URL(webUrl).origin;
  peer.page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(app) || url.startsWith('ws:') || url.startsWith('data:')) return;
    leaving.push(url);
  });
  return leaving;
}

const HOSTILE = [
  '**Hello** from *Alice*',
  '<script>window.hearthPwned = "script"</script>',
  '<img src="http://evil.example/pixel.png" onerror="window.hearthPwned = \'img\'">',
  '![tracker](http://evil.example/tracker.png)',
  "[press me](javascript:window.hearthPwned='link')",
  '<!-- <img src="http://evil.example/comment.png"> -->',
  '[data](data:text/html,<script>alert(1)</script>)',
  '<iframe src="http://evil.example/frame"></iframe>',
  '[our page](https://example.org/page)',
].join('\n\n');

describe('rich text in messages', () => {
  it('a hostile message renders inert, and a link opens only after asking', async () => {
    const { alice, bob } = await twoPeers();
    const leaving = watchRequestsLeaving(bob);
    const popups: string[] = [];
    await bob.context.route('https://example.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/plain', body: 'outside page' }),
    );
    bob.context.on('page', (page) => popups.push(page.url()));

    await alice.send(HOSTILE);
    await bob.waitForMessage('Hello');
    const text = bob.page.getByTestId('message-text').filter({ hasText: 'Hello' });
    await expect.poll(() => text.locator('strong').textContent()).toBe('Hello');
    await expect.poll(() => text.locator('em').textContent()).toBe('Alice');
    expect(await text.locator('script, img, iframe, style, object, embed').count()).toBe(0);
    // The raw HTML is shown as the text it is.
    expect(await text.textContent()).toContain('<script>window.hearthPwned');
    // Only http(s) links (addresses inside the shown HTML become links too, that ask first);
    // the javascript: and data: ones stay text.
    const hrefs = await text
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('https://example.org/page');
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    await bob.page.getByText('press me').click();
    await new Promise((r) => setTimeout(r, 500));
    expect(await bob.page.evaluate(() => (window as { hearthPwned?: string }).hearthPwned)).toBe(
      undefined,
    );
    expect(leaving).toEqual([]);
    await bob.expectAccessible('a message with Markdown and hostile HTML');

    // The link asks first; staying here opens nothing.
    const link = text.getByRole('link', { name: 'our page' });
    await link.click();
    const question = bob.page.getByRole('dialog', { name: 'Open this link?' });
    await expect.poll(() => question.isVisible()).toBe(true);
    expect(await question.textContent()).toContain('example.org');
    await bob.expectAccessible('the question before opening a link');
    await question.getByRole('button', { name: 'Stay here' }).click();
    await expect.poll(() => question.isVisible()).toBe(false);
    expect(popups).toEqual([]);

    // Saying yes opens it, in a new page that is not told where it came from.
    await link.focus();
    await bob.page.keyboard.press('Enter');
    await question.getByRole('button', { name: 'Open link' }).click();
    await expect.poll(() => popups.length).toBe(1);
    const outside = bob.context.pages().find((p) => p !== bob.page)!;
    await outside.waitForLoadState();
    expect(outside.url()).toBe('https://example.org/page');
    expect(await outside.evaluate(() => [window.opener === null, document.referrer])).toEqual([
      true,
      '',
    ]);
    expect(leaving).toEqual([]);
  });

  it('the emoji picker opens, searches and inserts at the cursor by keyboard alone', async () => {
    const alice = await pool.launch('alice');
    await alice.createVault();
    await alice.createCircle('Emoji circle', 'Alice');
    const leaving = watchRequestsLeaving(alice);
    const page = alice.page;
    const composer = page.getByTestId('composer');
    await composer.fill('Thank you all');
    // Cursor after "Thank you", before " all".
    await composer.evaluate((box: HTMLTextAreaElement) => box.setSelectionRange(9, 9));
    await page.keyboard.press('Tab');
    const button = page.getByRole('button', { name: 'Add an emoji' });
    await expect.poll(() => button.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const search = page.getByRole('combobox', { name: /search/i });
    await expect
      .poll(() => search.evaluate((s) => s === (s.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    await page.keyboard.type('red heart');
    const first = page.getByRole('option', { name: /red heart/i }).first();
    await expect.poll(() => first.isVisible(), { timeout: 20_000 }).toBe(true);
    await alice.expectAccessible('the emoji picker, searching');
    await page.keyboard.press('ArrowDown');
    // The picker applies typing later and each new query clears the highlight: Enter only once
    // red heart is the one highlighted.
    await expect
      .poll(() => page.locator('[role="option"][aria-selected="true"][title="red heart"]').count())
      .toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('Thank you❤️ all');
    await expect.poll(() => composer.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await composer.evaluate((box: HTMLTextAreaElement) => box.selectionStart)).toBe(11);
    expect(await page.getByTestId('emoji-panel').count()).toBe(0);

    // Escape closes it and gives the button its focus back.
    await button.click();
    await expect.poll(() => search.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('emoji-panel').count()).toBe(0);
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(leaving).toEqual([]);
  });
});
