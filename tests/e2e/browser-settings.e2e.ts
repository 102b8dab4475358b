// The browser build's Settings (issue 19): the theme applies at once and is remembered on this
// device; notifications ask the browser's permission only when turned on, and say nothing but
// "You have a new message." unless previews are on. And the join page names the circle, and
// validation errors go as soon as the field is fixed.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PASSPHRASE, peerPool, type Peer } from './harness';
import { answerKnock, expectJoinPhase } from './membership-steps';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);

afterEach(() => pool.disposeAll());

/**
 * Records what the page asks of the Notification API and shows, and lets the test say whether
 * the page is out of sight (headless Chromium always reports a visible page).
 */
function watchNotifications(): void {
  type Watched = {
    shown: { title: string; body: string }[];
    asks: number;
    hidden: boolean;
    Notification: typeof Notification;
  };
  const w = window as unknown as Watched;
  const Real = w.Notification;
  w.shown = [];
  w.asks = 0;
  w.hidden = false;
  w.Notification = new Proxy(Real, {
    construct(target, args: [string, NotificationOptions?]) {
      w.shown.push({ title: args[0], body: args[1]?.body ?? '' });
      return Reflect.construct(target, args);
    },
    get(target, prop) {
      if (prop === 'requestPermission')
        return () => {
          w.asks += 1;
          return target.requestPermission();
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (w.hidden ? 'hidden' : 'visible'),
  });
}

type Watch = { shown: { title: string; body: string }[]; asks: number; hidden: boolean };
const watched = (peer: Peer) =>
  peer.page.evaluate(() => {
    const w = window as unknown as Watch;
    return { shown: w.shown, asks: w.asks };
  });
const setHidden = (peer: Peer, hidden: boolean) =>
  peer.page.evaluate((h) => void ((window as unknown as Watch).hidden = h), hidden);

async function openSettings(peer: Peer): Promise<void> {
  await peer.page.getByTestId('open-settings').click();
  await expect.poll(() => peer.page.getByTestId('settings').isVisible()).toBe(true);
}

const rootTheme = (peer: Peer) =>
  peer.page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
const pageBackground = (peer: Peer) =>
  peer.page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('the browser build’s Settings', () => {
  it('the theme applies at once, is remembered across a reload, and stays accessible', async () => {
    const ann = await pool.launch('ann');
    await ann.page.emulateMedia({ colorScheme: 'light' });
    await ann.createVault();
    await openSettings(ann);
    const light = await pageBackground(ann);
    expect(light).toBe('rgb(248, 244, 238)');
    await ann.page.getByTestId('setting-theme').selectOption('dark');
    expect(await rootTheme(ann)).toBe('dark');
    expect(await pageBackground(ann)).toBe('rgb(28, 24, 21)');
    await ann.expectAccessible('settings (browser, dark)');

    // The locked page after a reload already wears the theme: nothing to unlock for it.
    await ann.page.reload();
    await expect.poll(() => ann.page.getByTestId('passphrase').isVisible()).toBe(true);
    expect(await rootTheme(ann)).toBe('dark');
    expect(await pageBackground(ann)).toBe('rgb(28, 24, 21)');
    await ann.unlock();
    await openSettings(ann);
    expect(await ann.page.getByTestId('setting-theme').inputValue()).toBe('dark');
    expect(await ann.page.getByTestId('quick-exit-keys').textContent()).toBe('Ctrl+Shift+X');

    await ann.page.getByTestId('setting-theme').selectOption('system');
    expect(await rootTheme(ann)).toBe('system');
    expect(await pageBackground(ann)).toBe(light);
  });

  it('the join page names the circle; notifications ask permission when turned on and carry no text unless previews are on', async () => {
    const ann = await pool.launch('ann');
    const ben = await pool.launch('ben');
    await ann.createVault();
    await ben.createVault();
    await ann.createCircle('Evening circle', 'Ann');
    const code = await ann.invite();

    // Before any member answers, the page says calmly that the name will come.
    await ben.startJoin(code, 'Ben');
    const title = ben.page.getByTestId('join-title');
    expect(await title.textContent()).toBe('Joining a circle');
    await expectJoinPhase(ben, 'awaiting-approval');
    expect(await title.textContent()).toBe('Joining “Evening circle”');
    await ben.expectAccessible('join page, circle named');
    await answerKnock(ann, 'Approve', 'Ben');
    await ben.waitUntilWriting();

    await ben.context.grantPermissions(['notifications'], {
      origin: new URL(ben.page.url()).origin,
    });
    await ben.page.evaluate(watchNotifications);
    await openSettings(ben);
    expect((await watched(ben)).asks).toBe(0);
    const toggle = ben.page.getByTestId('setting-notifications');
    // Checked once the browser has answered (the permission is asked first), so click and wait.
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    expect((await watched(ben)).asks).toBe(1);
    expect(await ben.page.getByTestId('setting-previews').isChecked()).toBe(false);
    await ben.expectAccessible('settings (browser, notifications on)');

    // A message while the page is out of sight: a notification without the circle or the words.
    await setHidden(ben, true);
    await ann.send('Something I would rather keep off the lock screen');
    await expect
      .poll(async () => (await watched(ben)).shown)
      .toEqual([{ title: 'Hearth', body: 'You have a new message.' }]);

    // With previews on, the next one (after the quiet gap between notifications) shows them.
    await setHidden(ben, false);
    await ben.page.getByTestId('setting-previews').check();
    await setHidden(ben, true);
    await ann.page.waitForTimeout(5_000);
    await ann.send('Thinking of you all');
    await expect
      .poll(async () => (await watched(ben)).shown.at(-1), { timeout: 15_000 })
      .toEqual({ title: 'Evening circle', body: 'Thinking of you all' });
  });
});

describe('validation errors', () => {
  it('go as soon as the field is fixed, not at the next submit: set-up, new circle, join', async () => {
    const cai = await pool.launch('cai');
    const { page } = cai;
    const invalid = (testId: string) => page.getByTestId(testId).getAttribute('aria-invalid');

    // Set-up: a passphrase too short, then one that is fine (scored once typing pauses).
    await page.getByTestId('passphrase').fill('short');
    await page.getByTestId('vault-submit').click();
    await expect.poll(() => page.getByTestId('vault-error').count()).toBe(1);
    expect(await invalid('passphrase')).toBe('true');
    await page.getByTestId('passphrase').fill(PASSPHRASE);
    await expect.poll(() => page.getByTestId('vault-error').count()).toBe(0);
    expect(await invalid('passphrase')).toBeNull();
    await page.getByTestId('passphrase-confirm').fill('something else');
    await page.getByTestId('vault-submit').click();
    await expect.poll(() => invalid('passphrase-confirm')).toBe('true');
    await page.getByTestId('passphrase-confirm').fill(PASSPHRASE);
    await expect.poll(() => invalid('passphrase-confirm')).toBeNull();
    await page.getByTestId('vault-submit').click();
    await expect
      .poll(() => page.getByTestId('new-circle').isVisible(), { timeout: 20_000 })
      .toBe(true);

    // New circle: both names missing; each error goes with its own field.
    await page.getByTestId('new-circle').click();
    await page.getByTestId('create-circle').click();
    await expect.poll(() => invalid('circle-name')).toBe('true');
    expect(await invalid('display-name')).toBe('true');
    await page.getByTestId('circle-name').fill('Morning circle');
    await expect.poll(() => invalid('circle-name')).toBeNull();
    expect(await invalid('display-name')).toBe('true');
    await page.getByTestId('display-name').fill('Cai');
    await expect.poll(() => invalid('display-name')).toBeNull();
    await cai.expectAccessible('new circle form, errors fixed');
    await page.keyboard.press('Escape');

    // Join: a name missing, then a code that cannot be read; each goes once fixed.
    await page.getByTestId('join-circle').click();
    await page.getByTestId('join-submit').click();
    await expect.poll(() => invalid('join-name')).toBe('true');
    await page.getByTestId('join-name').fill('Cai');
    await expect.poll(() => invalid('join-name')).toBeNull();
    await page.getByTestId('join-code').fill('not a code');
    await page.getByTestId('join-submit').click();
    await expect.poll(() => page.getByTestId('join-error').count()).toBe(1);
    await page.getByTestId('join-code').fill('still not a code');
    expect(await page.getByTestId('join-error').count()).toBe(1);
  });
});
