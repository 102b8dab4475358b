// Letting a blind relay keep a circle reachable (issue 18): a facilitator makes a relay code (the
// room secret of the epoch we are in, the signaling servers, and a fresh seed that is the relay's
// identity: never a content key), and writes a signed `relay` record so every member believes what
// that relay says about itself. Stopping a relay writes the record again, taken back, and moves the
// circle to new keys, so the relay is left in a room nobody uses any more.
import { relayKeyOf } from '../../../src-shared/circle/relay-claim';
import { randomBytes } from '../../../src-shared/crypto/random';
import { encodeRelayCode } from '../../../src-shared/relay-code';
import { isSignalingUrl } from '../../../src-shared/code-parts';
import type { CircleSession } from './circle-session';
import { facilitatorOnly } from './circle-facilitation';

/**
 * Makes a relay code for the room we are in now and lets its relay in. After a key rotation the
 * relay stays behind until a facilitator makes it a new code: that is what following takes.
 */
export async function makeRelayCode(session: CircleSession): Promise<string> {
  facilitatorOnly(session);
  const signalingUrls = session.signalingUrls.filter(isSignalingUrl);
  if (signalingUrls.length === 0)
    throw new Error(
      'A relay needs a signaling server to find the circle. Add one in Settings › Connecting first.',
    );
  const relaySeed = randomBytes(32);
  const { epoch, roomSecret } = session.currentEpoch();
  const code = encodeRelayCode({ relaySeed, epoch, roomSecret, signalingUrls });
  session.append(session.draft('relay', { relay: relayKeyOf(relaySeed), epoch, attached: true }));
  await session.persist();
  return code;
}

/**
 * Stops using a relay: the record says so (members stop believing it), and the circle moves to new
 * keys at once, so what is written from now on never reaches the relay's room.
 */
export async function detachRelay(session: CircleSession, relay: string): Promise<void> {
  facilitatorOnly(session);
  const permit = session.ledger.folded.relays.get(relay);
  if (!permit?.attached) throw new Error('This relay is not in use.');
  session.append(session.draft('relay', { relay, epoch: permit.epoch, attached: false }));
  session.rekey();
  await session.persist();
}
