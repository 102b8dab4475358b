// Safety tools every person has (issue 17), in real Chromium: "Get help now" on every screen,
// the lock screen included, offline and for the region the person chose; quick exit by button and
// by shortcut, leaving a neutral screen with no message text anywhere in the page and needing the
// passphrase to come back.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { resourcesFor } from '../../src-shared/safety/crisis-resources';
import { peerPool, type Peer } from './harness';

const pool = peerPool(inject('webUrl'));

afterEach(() => pool.disposeAll());

/** Opens "Get help now", chooses `region` and returns what the dialog shows for it. */
async function helpFor(
  p: Peer,
  region: string,
): Promise<{ emergency: string; services: string[] }> {
  await p.page.getByTestId('get-help-button').click();
  await expect.poll(() => p.page.getByTestId('get-help').isVisible()).toBe(true);
  await p.page.getByTestId('help-region').selectOption(region);
  const emergency = (await p.page.getByTestId('help-emergency').textContent()) ?? '';
  const services = await p.page
    .getByTestId('help-region-resources')
    .getByTestId('help-resource')
    .allTextContents();
  return { emergency, services };
}

/** Whether any of `texts` is anywhere in the page: text, attributes, title. */
const pageHolds = (p: Peer, texts: readonly string[]) =>
  p.page.evaluate(
    (texts) => {
      const everything = document.documentElement.outerHTML + document.title;
      return texts.filter((t) => everything.includes(t));
    },
    [...texts],
  );

describe('safety tools', () => {
  it('Get help now is on the set-up, main and lock screens, works offline and keeps the chosen region', async () => {
    const ann = await launch('ann');
    const gb = resourcesFor('gb')!;
    // Before any vault exists, with the network gone.
    await ann.context.setOffline(true);
    const shown = await helpFor(ann, 'gb');
    expect(shown.emergency).toContain(gb.emergency[0]!.number);
    expect(shown.services).toHaveLength(gb.services.length);
    for (const [i, service] of gb.services.entries())
      expect(shown.services[i]).toContain(service.phone ?? service.text ?? service.name);
    expect(await ann.page.getByText(/not a crisis service/).isVisible()).toBe(true);
    await ann.expectAccessible('get help dialog');
    await ann.page.keyboard.press('Escape');
    await ann.context.setOffline(false);

    await ann.createVault();
    expect(await ann.page.getByTestId('get-help-button').isVisible()).toBe(true);
    await ann.lock();
    // On the lock screen, by keyboard; the region chosen before is still chosen.
    await ann.page.getByTestId('get-help-button').focus();
    await ann.page.keyboard.press('Enter');
    await expect.poll(() => ann.page.getByTestId('help-region').inputValue()).toBe('gb');
    await ann.expectAccessible('get help on the lock screen');
  });

  it('quick exit, by shortcut and by button: a neutral screen, no message text in the page, the passphrase to come back', async () => {
    const ben = await launch('ben');
    await ben.createVault();
    await ben.createCircle('Evening circle', 'Ben');
    const said = ['I had a really hard day today', 'Thank you for listening'];
    for (const text of said) await ben.send(text);
    for (const text of said) await ben.waitForMessage(text);

    await ben.page.getByTestId('composer').focus();
    await ben.page.keyboard.type('a draft nobody should see');
    await ben.page.keyboard.press('Control+Shift+X');
    await expect.poll(() => ben.page.getByTestId('neutral-screen').isVisible()).toBe(true);
    expect(await pageHolds(ben, [...said, 'a draft nobody should see', 'Evening circle'])).toEqual(
      [],
    );
    expect(await ben.page.title()).toBe('Notes');
    await ben.expectAccessible('neutral screen');

    // Coming back needs the passphrase.
    await ben.page.getByTestId('neutral-continue').click();
    await expect.poll(() => ben.page.getByTestId('passphrase').isVisible()).toBe(true);
    await ben.unlock();
    await ben.page.getByTestId('circle-item').first().click();
    for (const text of said) await ben.waitForMessage(text);

    // The button does the same.
    await ben.page.getByTestId('quick-exit').click();
    await expect.poll(() => ben.page.getByTestId('neutral-screen').isVisible()).toBe(true);
    expect(await pageHolds(ben, said)).toEqual([]);
  });
});

const launch = (name: string): Promise<Peer> => pool.launch(name);
