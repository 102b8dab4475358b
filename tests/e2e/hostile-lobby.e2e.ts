// Hostile peers for real in a lobby: anyone holding a share code reaches the lobby room that the
// facilitator's app answers knocks in, over the same kind of peer connection as a circle's room.
// Node peers (@roamhq/wrtc) holding only the code attack the facilitator (Alice, her own Chromium
// process) while she and Bob (a member, his own process) talk in their circle. For every attack:
// a message from each reaches the other within 2 s while it goes on, neither renderer's heap (JS
// heap plus ArrayBuffers, CDP Runtime.getHeapUsage) passes 150 MB, and nothing stored before is
// lost or joined by junk. Last, a real newcomer still gets in with the attacked code.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../src-shared/sync/framing';
import { writeBigItem, writeJunkKnocks, writeLobbyJunk } from '../support/hostile-doc';
import { HostileCrew, sleep, type HostileRoom } from '../support/hostile-peer';
import { peerPool, type Peer } from './harness';
import { answerKnock } from './membership-steps';
import {
  census,
  circleSecrets,
  duringAttack,
  expectHeld,
  expectMessages,
  framesAttack,
  lobbyOf,
  NO_JUNK,
  sentDuring,
  storedDoc,
  type CircleSecretsView,
} from './hostile-steps';

const MiB = 1024 * 1024;
const pool = peerPool(inject('webUrl'));
let alice: Peer;
let bob: Peer;
let aliceSecrets: CircleSecretsView;
let bobSecrets: CircleSecretsView;
/** The share code the attackers hold: a default invite (one use, Alice approves). */
let code: string;
let lobby: HostileRoom;
const crew = new HostileCrew(() => lobby);
/** Every message written so far by the members; all must survive every attack. */
const written: string[] = Array.from({ length: 12 }, (_, i) => `Before the knocks, note ${i + 1}`);

let ready: Promise<void> | undefined;
const setUp = () => (ready ??= launchPeers());

async function launchPeers(): Promise<void> {
  [alice, bob] = await Promise.all([pool.launch('alice'), pool.launch('bob')]);
  await Promise.all([alice.createVault(), bob.createVault()]);
  await alice.createCircle('Thursday circle', 'Alice');
  await bob.join(await alice.invite({ approval: 'auto' }), 'Bob');
  for (const [i, text] of written.entries()) await (i % 2 === 0 ? alice : bob).send(text);
  await Promise.all([expectMessages(alice, written), expectMessages(bob, written)]);
  [aliceSecrets, bobSecrets] = await Promise.all([circleSecrets(alice), circleSecrets(bob)]);
  code = await alice.invite();
  lobby = await lobbyOf(code, new URL(alice.page.url()).searchParams.get('signal')!);
}

const members = () => [aliceSecrets.memberKey, bobSecrets.memberKey];

/** After an attack: every message kept, and Alice's stored circle holds no junk and lost nothing. */
async function expectNothingLost(): Promise<void> {
  await Promise.all([expectMessages(alice, written), expectMessages(bob, written)]);
  const stored = await census(await storedDoc(alice), aliceSecrets, members());
  expect(stored.junk, "junk in Alice's stored circle").toEqual(NO_JUNK);
  expect(stored.memberRecords).toBeGreaterThanOrEqual(written.length);
}

afterAll(async () => {
  crew.leave();
  await pool.disposeAll();
});

describe('hostile peers in a lobby, holding a share code', () => {
  it('frames that claim 65,535 parts and never finish, on many message ids, from four connections', async () => {
    await setUp();
    // Only Alice answers this lobby (members may not invite in this circle).
    const label = 'Lobby: unfinished frames';
    const outcome = await framesAttack(
      [alice, bob],
      label,
      lobby,
      { shape: 'lobby', targets: 1, frames: { kind: 'unfinished' } },
      4,
    );
    written.push(...sentDuring(label));
    expectHeld(outcome);
    await expectNothingLost();
  });

  it('whole junk messages one byte under the message size cap, from two connections', async () => {
    await setUp();
    const label = 'Lobby: messages near the cap';
    const outcome = await framesAttack(
      [alice, bob],
      label,
      lobby,
      { shape: 'lobby', targets: 1, frames: { kind: 'whole', bytes: MAX_MESSAGE_BYTES - 1 } },
      2,
    );
    written.push(...sentDuring(label));
    expectHeld(outcome);
    await expectNothingLost();
  });

  it('junk beside the lobby: a knock that is a number, an answer that is a string, other roots, 1 MiB items', async () => {
    await setUp();
    const peer = await crew.join(1);
    const label = 'Lobby: junk updates';
    const outcome = await duringAttack([alice, bob], label, async (until) => {
      let round = 0;
      for (; Date.now() < until; round++) {
        writeLobbyJunk(peer.doc, round);
        if (round % 4 === 0) writeBigItem(peer.doc, MiB - 4096, round);
        await sleep(250);
      }
      return `${round} rounds of junk`;
    });
    crew.leave();
    written.push(...sentDuring(label));
    expectHeld(outcome);
    await expectNothingLost();
  });

  it('junk in the lobby: knocks of random bytes, 900 KiB at a time, as fast as they go', async () => {
    await setUp();
    const peer = await crew.join(1);
    const label = 'Lobby: junk knocks';
    // Longer than the others: the knocks are in the lobby's shape, so only a budget stops them.
    const outcome = await duringAttack(
      [alice, bob],
      label,
      async (until) => {
        let round = 0;
        for (; Date.now() < until; round++) {
          writeJunkKnocks(peer.doc, 5, 180 * 1024, round);
          await sleep(10);
        }
        return `${round} updates of junk knocks, ${peer.channelsSeen} connections`;
      },
      16_000,
    );
    crew.leave();
    written.push(...sentDuring(label));
    expectHeld(outcome);
    await expectNothingLost();
  });

  it('a real newcomer still gets in with the attacked code afterwards', async () => {
    await setUp();
    const carol = await pool.launch('carol');
    await carol.createVault();
    await carol.startJoin(code, 'Carol');
    await answerKnock(alice, 'Approve', 'Carol');
    await carol.waitUntilWriting(30_000);
    await carol.waitForMessage(written.at(-1)!, 30_000);
  });
});
