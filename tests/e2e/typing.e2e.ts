// People in a circle (issue 19), between real Chromium peers: "Ben is typing…" shows in Ann's
// page while Ben writes, and clears when he sends, leaves the box or empties it; with the
// setting off, nothing shows. Ben changes his own name from the member list by keyboard: an
// empty name is explained, the explanation goes once fixed, and Ann sees the new name. Avatars
// are drawn from the key alone (the same in both pages), hidden from screen readers, and axe
// finds nothing in the light or the dark theme.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';
import { openMembers } from './membership-steps';

const pool = peerPool(inject('webUrl'));
let ann: Peer;
let ben: Peer;

// Claims travel through the signaling server and WebRTC on a busy host: generous, yet far
// below "never".
const SEEN_MS = 15_000;

const typingLine = (p: Peer) => p.page.getByTestId('typing-line');
const annReads = () =>
  typingLine(ann)
    .textContent()
    .then((t) => t?.trim() ?? '');

afterAll(() => pool.disposeAll());

describe('typing', () => {
  it('shows while a member writes and clears on send, on leaving the box and on emptying it', async () => {
    [ann, ben] = await Promise.all([pool.launch('ann'), pool.launch('ben')]);
    await Promise.all([ann.createVault(), ben.createVault()]);
    await ann.createCircle('Evening circle', 'Ann');
    const code = await ann.invite({ approval: 'auto', maxUses: 5 });
    await ben.join(code, 'Ben');
    await ben.send('Hello, I am here');
    await ann.waitForMessage('Hello, I am here');
    const box = ben.page.getByTestId('composer');
    expect(await annReads()).toBe('');

    await box.pressSequentially('Today was');
    await expect.poll(annReads, { timeout: SEEN_MS }).toBe('Ben is typing…');
    expect(await typingLine(ann).getAttribute('role')).toBe('status');
    await ann.expectAccessible('chat with someone typing');
    await box.press('Enter');
    await ann.waitForMessage('Today was');
    await expect.poll(annReads, { timeout: SEEN_MS }).toBe('');

    await box.pressSequentially('Still thinking');
    await expect.poll(annReads, { timeout: SEEN_MS }).toBe('Ben is typing…');
    await box.blur();
    await expect.poll(annReads, { timeout: SEEN_MS }).toBe('');

    await box.focus();
    await box.pressSequentially(' more');
    await expect.poll(annReads, { timeout: SEEN_MS }).toBe('Ben is typing…');
    await box.fill('');
    await expect.poll(annReads, { timeout: SEEN_MS }).toBe('');
  });

  it('sends nothing once turned off in Settings', async () => {
    await ben.page.getByTestId('open-settings').click();
    const setting = ben.page.getByTestId('setting-send-typing');
    expect(await setting.isChecked()).toBe(true);
    await setting.uncheck();
    await ben.page.getByTestId('settings-done').click();
    await ben.page.getByTestId('circle-item').first().click();
    await ben.page.getByTestId('composer').pressSequentially('Quietly writing this');
    // Long enough for several renewals had any been sent; then a message proves the way is open.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await annReads()).toBe('');
    await ben.page.getByTestId('composer').press('Enter');
    await ann.waitForMessage('Quietly writing this');
    expect(await annReads()).toBe('');
  });
});

describe('changing one’s own name', () => {
  it('works by keyboard from the member list, explains an empty name, and reaches the others', async () => {
    const members = await openMembers(ben);
    const change = members.getByRole('button', { name: 'Change my name…' });
    await change.focus();
    await ben.page.keyboard.press('Enter');
    const dialog = ben.page.getByRole('dialog', { name: 'Change your name' });
    const input = dialog.getByTestId('rename-input');
    await input.fill('');
    await ben.page.keyboard.press('Enter');
    const error = dialog.getByText('Please choose a name of 1 to');
    await expect.poll(() => error.isVisible()).toBe(true);
    await ben.expectAccessible('rename dialog with a message');
    await input.fill('Benjamin');
    await expect.poll(() => error.isVisible()).toBe(false);
    await ben.page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const annMembers = await openMembers(ann);
    await expect
      .poll(() => annMembers.getByTestId('member').filter({ hasText: 'Benjamin' }).count(), {
        timeout: SEEN_MS,
      })
      .toBe(1);
  });
});

describe('avatars', () => {
  it('are the same drawing on every device, decorative, and accessible in both themes', async () => {
    /** The avatar beside `name` in `p`'s member list. */
    const avatarOf = async (p: Peer, name: string) => {
      const list = await openMembers(p);
      return list.getByTestId('member').filter({ hasText: name }).getByTestId('avatar');
    };
    const annSeesBen = await avatarOf(ann, 'Benjamin');
    const benSeesBen = await avatarOf(ben, 'Benjamin');
    const drawing = (l: typeof annSeesBen) => l.evaluate((el) => el.outerHTML);
    expect(await drawing(annSeesBen)).toBe(await drawing(benSeesBen));
    expect(await drawing(annSeesBen)).not.toBe(await drawing(await avatarOf(ann, 'Ann')));
    expect(await annSeesBen.getAttribute('aria-hidden')).toBe('true');
    // The first message of Ben's run has his avatar; nothing anywhere is an image to load.
    expect(await ann.page.getByTestId('message').first().getByTestId('avatar').count()).toBe(1);
    expect(await ann.page.getByTestId('message').nth(1).getByTestId('avatar').count()).toBe(0);
    expect(await ann.page.locator('img').count()).toBe(0);
    await ann.expectAccessible('member list with avatars, light');
    await ann.page.emulateMedia({ colorScheme: 'dark' });
    await ann.expectAccessible('member list with avatars, dark');
  });
});
