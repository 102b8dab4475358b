// Editing and deleting one's own messages between real Chromium peers (issue 19): Ann edits by
// keyboard and deletes after a calm question; Ben sees "edited" and "Message deleted"; Cal, who
// joins afterwards, sees the same; the deleted text and its sealed record are in no page's DOM and
// in no page's IndexedDB (every table, every value, and the sealed rows opened with the vault key), also after
// a reload, nor in the reply line of a member who was answering it. Axe finds nothing with the editor
// and the question open.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);

afterEach(() => pool.disposeAll());

const SECRET = 'I-SHOULD-NOT-HAVE-SHARED-THIS-5c1e';

/** The sealed records in the open circle's log, as base64 (read from the test build's internals). */
async function logItems(peer: Peer): Promise<string[]> {
  return peer.page.evaluate(() => {
    type Internals = { circleSet: { sessions: Map<string, { log: { all(): unknown[] } }> } };
    const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
    const [session] = [...app.circleSet.sessions.values()];
    return session!.log
      .all()
      .filter((i): i is Uint8Array => i instanceof Uint8Array)
      .map((i) => btoa(String.fromCharCode(...i)));
  });
}

/** Checks that neither the text nor the sealed record is in the page's DOM or IndexedDB. */
async function goneFrom(peer: Peer, sealed: string): Promise<void> {
  // The ciphertext's middle: nothing another record shares (header, epoch, nonce).
  const bytes = [...Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0)).subarray(40, 100)];
  const look = () => peer.rawDatabaseContains([SECRET], [{ name: 'sealed record', bytes }], true);
  await expect.poll(async () => (await look()).found, { timeout: 20_000 }).toEqual([]);
  expect((await look()).rows.records).toBeGreaterThan(0);
  expect(await peer.page.content()).not.toContain(SECRET);
  expect(await logItems(peer)).not.toContain(sealed);
}

async function expectShownAsChanged(peer: Peer): Promise<void> {
  await peer.waitForMessage('first words, said better');
  const edited = peer.page.getByTestId('message').filter({ hasText: 'first words, said better' });
  await expect.poll(() => edited.getByText('edited', { exact: true }).count()).toBe(1);
  await expect
    .poll(() => peer.page.getByTestId('message-deleted').count(), {
      timeout: 20_000,
      message: `${peer.name} shows “Message deleted”`,
    })
    .toBe(1);
  expect(await peer.page.getByTestId('message-deleted').textContent()).toBe('Message deleted');
}

describe('editing and deleting one’s own messages', () => {
  it('every member and a newcomer see the edit and the delete; the deleted text is gone everywhere', async () => {
    const ann = await pool.launch('ann');
    await ann.createVault();
    await ann.createCircle('Edit and delete circle', 'Ann');
    const code = await ann.invite({ maxUses: 5, approval: 'auto' });
    const ben = await pool.launch('ben');
    await ben.createVault();
    await ben.join(code, 'Ben');

    await ann.send('first words');
    const before = await logItems(ann);
    await ann.send(SECRET);
    await expect.poll(async () => (await logItems(ann)).length).toBe(before.length + 1);
    const sealed = (await logItems(ann)).find((i) => !before.includes(i))!;
    await ben.waitForMessage(SECRET);
    // Ben's store holds it before the delete: the search below can find it.
    await expect
      .poll(async () => (await ben.rawDatabaseContains([SECRET], [], true)).found, {
        timeout: 20_000,
      })
      .toEqual([SECRET]);

    // Ann edits by keyboard: Escape cancels, Enter saves.
    const first = ann.page.getByTestId('message').filter({ hasText: 'first words' });
    await first.getByRole('button', { name: 'Edit your message' }).focus();
    await ann.page.keyboard.press('Enter');
    const editor = ann.page.getByTestId('edit-input');
    await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
    await ann.expectAccessible('the inline editor of one’s own message');
    await ann.page.keyboard.press('Escape');
    expect(await ann.page.getByTestId('message-editor').count()).toBe(0);
    const editButton = first.getByRole('button', { name: 'Edit your message' });
    await expect.poll(() => editButton.evaluate((b) => b === document.activeElement)).toBe(true);
    await editButton.click();
    await editor.fill('first words, said better');
    await editor.press('Enter');
    await expect.poll(() => ann.page.getByTestId('message-editor').count()).toBe(0);

    // Ben starts a reply to it: the reply line quotes it, for now.
    const toAnswer = ben.page.getByTestId('message').filter({ hasText: SECRET });
    await toAnswer.getByTestId('reply-button').focus();
    await ben.page.keyboard.press('Enter');
    const replyLine = ben.page.getByTestId('composer-reply');
    await expect.poll(() => replyLine.textContent()).toContain(`Replying to Ann: ${SECRET}`);

    // Ann deletes, after a calm question.
    const mine = ann.page.getByTestId('message').filter({ hasText: SECRET });
    await mine.getByRole('button', { name: /^Delete your message/ }).click();
    const question = ann.page.getByRole('dialog', { name: 'Delete this message?' });
    await expect.poll(() => question.isVisible()).toBe(true);
    expect(await question.textContent()).toContain(
      'Delete this message for everyone? People who already read it may remember it.',
    );
    await ann.expectAccessible('the question before deleting a message');
    await question.getByRole('button', { name: 'Delete for everyone' }).click();
    await expect.poll(() => question.isVisible()).toBe(false);

    for (const peer of [ann, ben]) await expectShownAsChanged(peer);
    // Ben's reply line keeps none of the text (goneFrom looks through his whole page too).
    await expect
      .poll(() => replyLine.textContent())
      .toContain('Replying to Ann: a message that is no longer shown');
    await ben.expectAccessible('an edited and a deleted message');
    for (const peer of [ann, ben]) await goneFrom(peer, sealed);

    // Cal joins afterwards and sees the same, without the text ever reaching his page.
    const cal = await pool.launch('cal');
    await cal.createVault();
    await cal.join(code, 'Cal');
    await expectShownAsChanged(cal);
    await goneFrom(cal, sealed);

    // After a reload and unlock, Ben still shows the delete, and nothing came back.
    await ben.page.reload();
    await ben.unlock();
    await ben.page.getByTestId('circle-item').first().click();
    await expectShownAsChanged(ben);
    await goneFrom(ben, sealed);
  });
});
