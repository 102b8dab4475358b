// Private reports (issue 17), between real Chromium peers: Ben reports Cal's message; the report
// reaches Cal's app like every record, but only Ann, the facilitator, can read it; Cal's page shows
// nothing of it. Ann marks it acted on, and Ben is told so, in the app, without learning who
// answered. After a lock and unlock, Ben's report and its answer are still there. (On the way, Cal
// sees her message delivered: the others' presence claims say they hold it.)
import { afterAll, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';
import { openCircleTool } from './circle-tools';

const pool = peerPool(inject('webUrl'));
let ann: Peer;
let ben: Peer;
let cal: Peer;

const DETAILS = 'It made me feel small, and it is the third time this week';
const HURTFUL = 'Nobody here wants to hear about your day';

const inPage = (p: Peer, text: string) =>
  p.page.evaluate((t) => document.documentElement.outerHTML.includes(t), text);

/** How many private notes this peer's open circle took in, and how many reports it can see. */
const notesSeen = (p: Peer) =>
  p.page.evaluate(() => {
    type Session = {
      notes: { tried: Set<string> };
      view(): { reports: { inbox: unknown[]; mine: unknown[] } };
    };
    const app = (
      window as unknown as { hearthTestApi: { circleSet: { sessions: Map<string, Session> } } }
    ).hearthTestApi;
    const [session] = [...app.circleSet.sessions.values()];
    if (!session?.notes?.tried) throw new Error("no open circle: the app's internals changed");
    const { inbox, mine } = session.view().reports;
    return { taken: session.notes.tried.size, readable: inbox.length + mine.length };
  });

let ready: Promise<void> | undefined;
const setUp = () => (ready ??= launchPeers());

async function launchPeers(): Promise<void> {
  [ann, ben, cal] = await Promise.all([pool.launch('ann'), pool.launch('ben'), pool.launch('cal')]);
  await Promise.all([ann.createVault(), ben.createVault(), cal.createVault()]);
  await ann.createCircle('Thursday circle', 'Ann');
  await ben.join(await ann.invite({ approval: 'auto' }), 'Ben');
  await cal.join(await ann.invite({ approval: 'auto' }), 'Cal');
}

afterAll(() => pool.disposeAll());

describe('reports', () => {
  it('reach the facilitator and no one else, and the reporter is told the outcome', async () => {
    await setUp();
    await cal.send(HURTFUL);
    await ben.waitForMessage(HURTFUL);
    // Cal's app learns from the others' signed claims that the message reached them.
    await expect
      .poll(() => cal.page.getByTestId('message-delivery').last().getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('delivered');

    // Ben reports the message, by keyboard from its Report button.
    const report = ben.page.getByTestId('report-message').last();
    await report.focus();
    await ben.page.keyboard.press('Enter');
    await ben.page.getByTestId('report-send').click();
    expect(await ben.page.getByRole('alert').first().textContent()).toContain('choose');
    await ben.page.getByTestId('report-concern-unkind').check();
    await ben.page.getByTestId('report-details').fill(DETAILS);
    await ben.expectAccessible('the report dialog');
    await ben.page.getByTestId('report-send').click();
    await expect.poll(() => ben.page.getByTestId('report-sent').isVisible()).toBe(true);
    await ben.page.getByRole('button', { name: 'Done' }).click();

    // Ann, the facilitator, is told, and reads it with the message it is about.
    await expect
      .poll(() => ann.page.getByTestId('report-notice').getAttribute('data-count'), {
        timeout: 20_000,
      })
      .toBe('1');

    // Her tools are in one menu whose button keeps the count in sight; it works by keyboard.
    const tools = ann.page.getByTestId('circle-tools-button');
    expect(await tools.getByTestId('reports-count').textContent()).toBe('1');
    const focused = () =>
      ann.page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await tools.focus();
    await ann.page.keyboard.press('Enter');
    await expect.poll(focused).toBe('reports-button');
    await ann.page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('resources-button');
    await ann.page.keyboard.press('ArrowUp');
    await ann.page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('facilitator-log-button');
    await ann.expectAccessible('the circle tools menu');
    await ann.page.keyboard.press('Escape');
    expect(await focused()).toBe('circle-tools-button');
    expect(await ann.page.getByRole('menu').isVisible()).toBe(false);

    await ann.page.getByTestId('report-review').click();
    const inbox = ann.page.getByTestId('inbox-report');
    expect(await inbox.textContent()).toContain('From Ben');
    expect(await ann.page.getByTestId('inbox-report-details').textContent()).toBe(DETAILS);
    expect(await ann.page.getByTestId('inbox-report-message').textContent()).toBe(HURTFUL);
    await ann.expectAccessible('the reports dialog');

    // Cal's app took the note in (it travels like any record) and can read none of it.
    await expect.poll(() => notesSeen(cal), { timeout: 20_000 }).toEqual({ taken: 1, readable: 0 });
    expect(await inPage(cal, DETAILS)).toBe(false);
    expect(await cal.page.getByTestId('reports-button').count()).toBe(0);
    expect(await cal.page.getByTestId('report-notice').count()).toBe(0);

    // Ann marks it acted on; Ben is told, and learns nothing of who answered.
    await ann.page.getByTestId('report-acted').click();
    await expect
      .poll(() => ann.page.getByTestId('inbox-report-status').textContent())
      .toContain('Acted on, by Ann');
    await ann.page.keyboard.press('Escape');
    await expect
      .poll(() => ben.page.getByTestId('report-answer-notice').getAttribute('data-count'), {
        timeout: 20_000,
      })
      .toBe('1');
    await ben.page.getByTestId('report-answer-open').click();
    const status = await ben.page.getByTestId('my-report-status').textContent();
    expect(status).toBe('A facilitator acted on it.');
    await ben.expectAccessible('the reporter’s reports');
    await ben.page.keyboard.press('Escape');
    // Cal takes the answer in over his own connection, in his own time.
    await expect.poll(() => notesSeen(cal), { timeout: 20_000 }).toEqual({ taken: 2, readable: 0 });

    // The report and its answer are kept, sealed, on Ben's device.
    await ben.lock();
    await ben.unlock();
    await ben.page.getByTestId('circle-item').first().click();
    await openCircleTool(ben, 'reports-button');
    await expect
      .poll(() => ben.page.getByTestId('my-report-status').textContent())
      .toBe('A facilitator acted on it.');
  });
});
