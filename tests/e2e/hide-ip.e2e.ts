// "Hide my IP address from members" (issue 17) between two real Chromium peers, through Debian's
// coturn started by the test on 127.0.0.1: both set the TURN server in Settings (its Test says
// it answered, and says it failed with a wrong password) and turn hiding on; the chat then goes
// both ways, and every ICE candidate either page produced, in events and in its SDP, is a relay.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCoturn, type Coturn } from './coturn';
import { peerPool, type Peer } from './harness';

const pool = peerPool(inject('webUrl'));
let turn: Coturn;
let ana: Peer;
let bo: Peer;

/** Keeps, before the app loads, every RTCPeerConnection the page makes (to read their SDP). */
function recordPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const seen = {
    pcs: [] as RTCPeerConnection[],
    candidates: [] as string[],
    policies: [] as string[],
  };
  (window as unknown as { iceSeen: typeof seen }).iceSeen = seen;
  class Recorded extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      seen.pcs.push(this);
      seen.policies.push(config?.iceTransportPolicy ?? 'all');
      this.addEventListener('icecandidate', ({ candidate }) => {
        if (candidate?.candidate) seen.candidates.push(candidate.candidate);
      });
    }
  }
  window.RTCPeerConnection = Recorded;
}

/** Every candidate the page produced: from icecandidate events and from each local SDP. */
const candidatesOf = (p: Peer) =>
  p.page.evaluate(() => {
    const { iceSeen } = window as unknown as {
      iceSeen: { pcs: RTCPeerConnection[]; candidates: string[]; policies: string[] };
    };
    const inSdp = iceSeen.pcs.flatMap((pc) =>
      (pc.localDescription?.sdp ?? '').split(/\r?\n/).filter((l) => l.startsWith('a=candidate:')),
    );
    return {
      events: iceSeen.candidates,
      inSdp,
      policies: iceSeen.policies,
      pcs: iceSeen.pcs.length,
    };
  });

async function openSettings(p: Peer): Promise<void> {
  await p.page.getByTestId('open-settings').click();
  await expect.poll(() => p.page.getByTestId('settings-network').isVisible()).toBe(true);
}

async function addTurn(p: Peer, credential: string): Promise<void> {
  await p.page.getByTestId('ice-add-url').fill(turn.url);
  await p.page.getByTestId('ice-add-username').fill(turn.username);
  await p.page.getByTestId('ice-add-credential').fill(credential);
  await p.page.getByTestId('ice-add-submit').click();
  await expect.poll(() => p.page.getByTestId('ice-server').count()).toBe(1);
}

/** Clicks Test on the one listed server and returns what it says. */
async function testServer(p: Peer): Promise<string> {
  const result = p.page.getByTestId('ice-test-result');
  await p.page.getByTestId('ice-test').click();
  await expect
    .poll(async () => (await result.textContent()) ?? '', { timeout: 10_000 })
    .not.toBe('');
  return (await result.textContent()) ?? '';
}

/** Adds the TURN server (checked with Test) and turns hiding on, as a person does. */
async function hideIp(p: Peer): Promise<void> {
  await openSettings(p);
  await addTurn(p, turn.credential);
  expect(await testServer(p)).toMatch(/^Working: The server answered and can relay/);
  // A click, not check(): the box shows the stored setting, so it ticks once that is saved.
  await p.page.getByTestId('setting-hide-ip').click();
  await expect.poll(() => p.page.getByTestId('setting-hide-ip').isChecked()).toBe(true);
  await p.page.getByTestId('settings-done').click();
}

beforeAll(async () => {
  turn = await startCoturn();
  [ana, bo] = await Promise.all([pool.launch('ana'), pool.launch('bo')]);
  for (const p of [ana, bo]) {
    await p.page.context().addInitScript(recordPeerConnections);
    await p.page.reload();
  }
}, 90_000);

afterAll(async () => {
  await pool.disposeAll();
  await turn?.stop();
});

describe('hide my IP address from members', () => {
  it('cannot be turned on without a TURN server, and Test tells a wrong password', async () => {
    // In a test: expect.poll, which creating a vault waits with, works only inside one.
    await Promise.all([ana.createVault(), bo.createVault()]);
    await openSettings(ana);
    await ana.page.getByTestId('setting-hide-ip').click();
    await expect
      .poll(() => ana.page.getByTestId('ice-error').textContent())
      .toBe('Hiding your IP address needs a TURN server to carry your connections.');
    expect(await ana.page.getByTestId('setting-hide-ip').isChecked()).toBe(false);
    await ana.expectAccessible('settings, network, refused');

    await addTurn(ana, 'not-the-password');
    expect(await testServer(ana)).toBe('Not working: The server refused the username or password.');
    await ana.expectAccessible('settings, network, a failed test');
    await ana.page.getByRole('button', { name: `Remove ${turn.url}` }).click();
    await expect.poll(() => ana.page.getByTestId('ice-server').count()).toBe(0);
    await ana.page.getByTestId('settings-done').click();
  });

  it('with hiding on, the chat goes both ways through TURN and every candidate is a relay', async () => {
    await hideIp(ana);
    await hideIp(bo);
    // The credential is in the vault only: not in the page's own storage.
    for (const p of [ana, bo])
      expect(await p.page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(
        turn.credential,
      );
    await ana.createCircle('Quiet harbour', 'Ana');
    await bo.join(await ana.invite({ approval: 'auto' }), 'Bo', 60_000);
    await ana.send('Hello Bo, through the relay');
    await bo.waitForMessage('Hello Bo, through the relay', 30_000);
    await bo.send('Hello Ana, the same way back');
    await ana.waitForMessage('Hello Ana, the same way back', 30_000);

    for (const p of [ana, bo]) {
      const { events, inSdp, policies, pcs } = await candidatesOf(p);
      // Rooms, lobbies and the Test: each connection asked for relay-only ICE.
      expect(pcs).toBeGreaterThan(1);
      expect(new Set(policies), p.name).toEqual(new Set(['relay']));
      expect(events.length).toBeGreaterThan(0);
      expect(inSdp.length).toBeGreaterThan(0);
      for (const line of [...events, ...inSdp]) expect(line, p.name).toMatch(/ typ relay( |$)/);
    }
    // coturn carried it: it allocated relays for them.
    expect(turn.log()).toMatch(/ALLOCATE processed, success/);
  });
});
