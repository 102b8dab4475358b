// A circle's own support resources (issue 17), between real Chromium peers: a facilitator adds a
// support line from the chat header (a javascript: link is refused next to its field); a member
// and a newcomer who joins afterwards find it in "Get help now", under the circle's name and a
// note that Hearth did not check it, after the checked lists; a member has no editor. axe finds
// nothing on the editor or the dialog.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';
import { openCircleTool } from './circle-tools';

const pool = peerPool(inject('webUrl'));
let ann: Peer;
let ben: Peer;
let cal: Peer;

afterAll(() => pool.disposeAll());

/** Opens "Get help now" and returns the circle sections' text, once one shows `expected`. */
async function circleHelp(p: Peer, expected: string): Promise<string> {
  await p.page.getByTestId('get-help-button').click();
  await expect.poll(() => p.page.getByTestId('get-help').isVisible()).toBe(true);
  const section = p.page.getByTestId('help-circle-resources');
  await expect
    .poll(async () => ((await section.count()) > 0 ? await section.textContent() : ''), {
      timeout: 30_000,
    })
    .toContain(expected);
  return (await section.textContent()) ?? '';
}

describe('circle resources', () => {
  it('a facilitator adds a resource; a member and a newcomer see it in Get help; a member has no editor', async () => {
    [ann, ben, cal] = await Promise.all([
      pool.launch('ann'),
      pool.launch('ben'),
      pool.launch('cal'),
    ]);
    await Promise.all([ann.createVault(), ben.createVault(), cal.createVault()]);
    await ann.createCircle('Tuesday circle', 'Ann');
    await ben.join(await ann.invite({ approval: 'auto' }), 'Ben');

    // The editor, by keyboard where it matters, with an error on the field it is about.
    await openCircleTool(ann, 'resources-button');
    const editor = ann.page.getByTestId('resources-editor');
    await expect.poll(() => editor.isVisible()).toBe(true);
    await ann.page.getByTestId('resource-name-0').fill('Riverside peer line');
    await ann.page.getByTestId('resource-web-0').fill('javascript:alert(1)');
    await ann.page.getByTestId('resources-save').click();
    const web = ann.page.getByTestId('resource-web-0');
    await expect.poll(() => web.getAttribute('aria-invalid')).toBe('true');
    // The field to change has the focus, and its message is read with it.
    expect(await ann.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'resource-web-0',
    );
    expect(await editor.textContent()).toContain('starts with https://');
    await ann.expectAccessible('the resources editor with an error');
    await web.fill('riverside.example.org/evenings');
    await ann.page.getByTestId('resource-phone-0').fill('0800 123 4567');
    await ann.page.getByTestId('resource-hours-0').fill('Evenings, 6pm to midnight');
    await ann.page.getByTestId('resource-add').focus();
    await ann.page.keyboard.press('Enter');
    // The new entry's name field has the focus; an empty entry is left out on saving.
    await expect
      .poll(() => ann.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('resource-name-1');
    await ann.page.getByTestId('resources-save').click();
    await expect.poll(() => ann.page.getByTestId('resources-saved').isVisible()).toBe(true);
    await ann.expectAccessible('the resources editor');
    await ann.page.keyboard.press('Escape');

    // Ben, a member: no editor; the line is in Get help, after the checked lists, marked unchecked.
    expect(await ben.page.getByTestId('resources-button').count()).toBe(0);
    const shown = await circleHelp(ben, 'Riverside peer line');
    expect(shown).toContain('From Tuesday circle’s facilitators');
    expect(shown).toContain('0800 123 4567');
    expect(shown).toContain('Hearth has not checked them');
    const link = ben.page.getByTestId('help-circle-resources').getByRole('link');
    expect(await link.getAttribute('href')).toBe('https://riverside.example.org/evenings');
    expect(await link.getAttribute('target')).toBe('_blank');
    const order = await ben.page
      .getByTestId('get-help')
      .evaluate((el) =>
        [...el.querySelectorAll('section')].map((s) => s.getAttribute('data-testid') ?? 'other'),
      );
    expect(order.at(-1)).toBe('help-circle-resources');
    await ben.expectAccessible('get help with a circle’s resources');
    await ben.page.keyboard.press('Escape');

    // Cal joins afterwards: the list comes with the circle.
    await cal.join(await ann.invite({ approval: 'auto' }), 'Cal');
    expect(await circleHelp(cal, 'Riverside peer line')).toContain('Evenings, 6pm to midnight');
    expect(await cal.page.getByTestId('resources-button').count()).toBe(0);
  });
});
