// The care check (issue 17) between two real Chromium peers: a crisis phrase in a draft brings a
// gentle offer of support and an everyday idiom does not; while it is checked nothing is written to
// the circle and nothing of the draft crosses a data channel; a received message that mentions
// suicide shows how to respond, only to the reader; the check can be turned off.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';

const pool = peerPool(inject('webUrl'));
let ann: Peer;
let ben: Peer;

/** Records every data-channel send in the page (the bytes as they leave), before the app loads. */
function recordDataChannelSends(): void {
  const sent: Uint8Array[] = [];
  (window as unknown as { dataChannelSends: Uint8Array[] }).dataChannelSends = sent;
  const send = RTCDataChannel.prototype.send as (this: RTCDataChannel, data: unknown) => void;
  const recording = function (this: RTCDataChannel, data: unknown) {
    if (data instanceof ArrayBuffer) sent.push(new Uint8Array(data.slice(0)));
    else if (ArrayBuffer.isView(data))
      sent.push(
        new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
      );
    else if (typeof data === 'string') sent.push(new TextEncoder().encode(data));
    send.call(this, data);
  };
  RTCDataChannel.prototype.send = recording;
}

/** How many Yjs updates the page's circle document has made since the call (a counter in the page). */
async function countDocUpdates(p: Peer): Promise<() => Promise<number>> {
  await p.page.evaluate(() => {
    type Session = { doc: { on(e: string, cb: () => void): void } };
    type Internals = { circleSet: { sessions: Map<string, Session> } };
    const w = window as unknown as { hearthTestApi: Internals; docUpdates: number };
    w.docUpdates = 0;
    for (const s of w.hearthTestApi.circleSet.sessions.values())
      s.doc.on('update', () => w.docUpdates++);
  });
  return () => p.page.evaluate(() => (window as unknown as { docUpdates: number }).docUpdates);
}

/** The peers, made once by the first test that needs them (expect.poll runs only inside tests). */
let ready: Promise<void> | undefined;
const setUp = () => (ready ??= launchPeers());

async function launchPeers(): Promise<void> {
  [ann, ben] = await Promise.all([pool.launch('ann'), pool.launch('ben')]);
  await ben.page.context().addInitScript(recordDataChannelSends);
  await ben.page.reload();
  await Promise.all([ann.createVault(), ben.createVault()]);
  await ann.createCircle('Night owls', 'Ann');
  await ben.join(await ann.invite({ approval: 'auto' }), 'Ben');
  await ann.send('Hello Ben, welcome');
  await ben.waitForMessage('Hello Ben, welcome');
}

afterAll(() => pool.disposeAll());

describe('the care check', () => {
  it('an everyday idiom in a draft brings nothing', async () => {
    await setUp();
    await ben.page
      .getByTestId('composer')
      .fill('this homework is killing me, I am dying to be done');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await ben.page.getByTestId('care-draft-note').count()).toBe(0);
  });

  it('a crisis phrase in a draft brings the offer; nothing is written or sent while it is checked', async () => {
    await setUp();
    const updates = await countDocUpdates(ben);
    const sentBefore = await ben.page.evaluate(
      () => (window as unknown as { dataChannelSends: unknown[] }).dataChannelSends.length,
    );
    const draft = 'honestly i just want to end it all tonight';
    await ben.page.getByTestId('composer').fill(draft);
    await expect.poll(() => ben.page.getByTestId('care-draft-note').isVisible()).toBe(true);
    await ben.expectAccessible('care offer in the composer');
    await ben.page.getByTestId('care-help').click();
    await expect.poll(() => ben.page.getByTestId('get-help').isVisible()).toBe(true);
    await ben.page.keyboard.press('Escape');
    expect(await updates()).toBe(0);
    const leaked = await ben.page.evaluate(
      ([from, text]) => {
        const needle = new TextEncoder().encode(text.slice(0, 16));
        const sends = (window as unknown as { dataChannelSends: Uint8Array[] }).dataChannelSends;
        return sends
          .slice(from)
          .filter((bytes) => bytes.some((_, i) => needle.every((b, j) => bytes[i + j] === b)))
          .length;
      },
      [sentBefore, draft] as const,
    );
    expect(leaked).toBe(0);
    // "Not now" puts it away for this draft.
    await ben.page.getByTestId('care-dismiss').click();
    expect(await ben.page.getByTestId('care-draft-note').count()).toBe(0);
    await ben.page.getByTestId('composer').fill('');
  });

  it('a message under a content warning arrives covered, topic shown, and opens with Enter', async () => {
    await setUp();
    const text = 'My grandmother died on Sunday and I keep replaying the hospital';
    await ben.page.getByTestId('composer').fill(text);
    await ben.page.getByTestId('warning-picker').selectOption('grief');
    await ben.page.getByTestId('send').click();
    // The writer sees it open, labelled; the picker is back to none for the next message.
    await ben.waitForMessage(text);
    expect(await ben.page.getByTestId('warning-picker').inputValue()).toBe('');
    const covered = ann.page.getByTestId('covered-message');
    await expect.poll(() => covered.count(), { timeout: 20_000 }).toBe(1);
    expect(await covered.textContent()).toContain('Grief and loss');
    expect(await ann.page.evaluate((t) => document.body.innerHTML.includes(t), text)).toBe(false);
    await ann.expectAccessible('a covered message');
    await covered.getByTestId('open-covered').focus();
    await ann.page.keyboard.press('Enter');
    await ann.waitForMessage(text);
    expect(await ann.page.getByTestId('message-warning').last().textContent()).toContain('Grief');
  });

  it('a received message about suicide shows the reader how to respond; the writer sees no note', async () => {
    await setUp();
    const text = "I keep thinking everyone would be better off if I wasn't here";
    await ben.send(text);
    await ann.waitForMessage(text);
    const note = ann.page.getByTestId('care-message-note');
    await expect.poll(() => note.count()).toBe(1);
    expect(await ben.page.getByTestId('care-message-note').count()).toBe(0);
    await note.getByTestId('care-respond').click();
    await expect.poll(() => ann.page.getByTestId('care-steps').isVisible()).toBe(true);
    await ann.expectAccessible('how to respond');
    await ann.page.keyboard.press('Escape');

    // Turned off in Settings, the note goes.
    await ann.page.getByTestId('open-settings').click();
    await ann.page.getByTestId('setting-care-check').uncheck();
    await ann.page.getByTestId('settings-done').click();
    await ann.page.getByTestId('circle-item').first().click();
    await ann.waitForMessage(text);
    expect(await ann.page.getByTestId('care-message-note').count()).toBe(0);
  });
});
