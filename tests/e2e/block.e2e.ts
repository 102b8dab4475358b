// Blocking a member hides them for the blocker only (issue 17), between real Chromium peers: a
// facilitator (Fay) and two members (Amy, Ben). Amy blocks Ben: his old and new messages are one
// quiet line in her page, their text nowhere in it (nor in the title) until she chooses Show,
// while Fay still reads them; the block holds across a reload and unlock; unblocking shows them
// again; and Ben's page shows nothing of it, because nothing was sent.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';

const pool = peerPool(inject('webUrl'));
let fay: Peer;
let amy: Peer;
let ben: Peer;

const OLD = 'An older message from Ben, written first';
const NEW = 'A newer message from Ben, written later';

/** Whether `text` is anywhere in the page: text, attributes or title. */
const inPage = (p: Peer, text: string) =>
  p.page.evaluate((t) => (document.documentElement.outerHTML + document.title).includes(t), text);

/** What Ben's circle page says (but for delivery marks), and how many records his view holds. */
const benSees = () =>
  ben.page.evaluate(() => {
    type App = {
      circles(): { localId: string }[];
      circleView(id: string): { messages: { length: number }; membersVersion: number } | null;
    };
    const app = (window as unknown as { hearthTestApi: App }).hearthTestApi;
    const view = app.circleView(app.circles()[0]!.localId)!;
    // Whether his own messages were delivered yet changes by itself as claims arrive: left out.
    const chat = document.querySelector('.chat') as HTMLElement;
    const marks = [...chat.querySelectorAll<HTMLElement>('[data-testid="message-delivery"]')];
    for (const mark of marks) mark.style.display = 'none';
    const text = chat.innerText;
    for (const mark of marks) mark.style.display = '';
    return {
      text,
      messages: view.messages.length,
      members: view.membersVersion,
    };
  });

const benInAmysList = () => amy.page.getByTestId('member').filter({ hasText: 'Ben' });

afterAll(() => pool.disposeAll());

describe('block', () => {
  it('hides a member only for the blocker, across a reload, until unblocked', async () => {
    [fay, amy, ben] = await Promise.all([
      pool.launch('fay'),
      pool.launch('amy'),
      pool.launch('ben'),
    ]);
    await Promise.all([fay.createVault(), amy.createVault(), ben.createVault()]);
    await fay.createCircle('Thursday circle', 'Fay');
    const code = await fay.invite({ approval: 'auto', maxUses: 5 });
    await Promise.all([amy.join(code, 'Amy'), ben.join(code, 'Ben')]);
    await ben.send(OLD);
    await Promise.all([amy.waitForMessage(OLD), fay.waitForMessage(OLD)]);
    const benBefore = await benSees();

    // Amy blocks Ben from the member list; the dialog says what that means.
    await amy.page.getByTestId('online-count').click();
    await benInAmysList().getByTestId('block-member').click();
    const dialog = amy.page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain('on this device only');
    expect(said).toContain('Ben is not told, and neither are the facilitators');
    expect(said).toContain('Report');
    await amy.expectAccessible('the block dialog');
    await amy.page.getByTestId('block-confirm').click();
    await expect.poll(() => dialog.count()).toBe(0);

    // His old message is a quiet line; its text is nowhere in her page.
    await expect.poll(() => amy.page.getByTestId('blocked-message').count()).toBe(1);
    expect(await inPage(amy, OLD)).toBe(false);
    await amy.expectAccessible('a message from someone blocked');

    // Ben's page: nothing changed, because nothing was sent or written to the circle.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await benSees()).toEqual(benBefore);
    expect(benBefore.text).not.toMatch(/block/i);

    // A new one arrives covered too; Fay reads both.
    await ben.send(NEW);
    await fay.waitForMessage(NEW);
    await expect
      .poll(() => amy.page.getByTestId('blocked-message').count(), { timeout: 20_000 })
      .toBe(2);
    expect(await inPage(amy, NEW)).toBe(false);
    expect(await inPage(amy, OLD)).toBe(false);
    expect(await fay.visibleMessages()).toEqual(expect.arrayContaining([OLD, NEW]));

    // Show opens one, by Amy's choice.
    await amy.page.getByTestId('show-blocked').first().focus();
    await amy.page.keyboard.press('Enter');
    await amy.waitForMessage(OLD);
    expect(await inPage(amy, NEW)).toBe(false);

    // After a reload and unlock the block still holds, and what was shown is covered again.
    await amy.page.reload();
    await amy.unlock();
    await amy.page.getByTestId('circle-item').first().click();
    await expect
      .poll(() => amy.page.getByTestId('blocked-message').count(), { timeout: 20_000 })
      .toBe(2);
    expect(await inPage(amy, OLD)).toBe(false);
    expect(await inPage(amy, NEW)).toBe(false);

    // Unblocking, from the same place, shows his messages again.
    await amy.page.getByTestId('online-count').click();
    await benInAmysList().getByTestId('unblock-member').click();
    await expect.poll(() => benInAmysList().getByTestId('block-member').count()).toBe(1);
    await amy.expectAccessible('the member list with Unblock');
    await amy.page.keyboard.press('Escape');
    await Promise.all([amy.waitForMessage(OLD), amy.waitForMessage(NEW)]);
    expect(await amy.page.getByTestId('blocked-message').count()).toBe(0);
  });
});
