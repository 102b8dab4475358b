// The watchdog that gives up on y-webrtc connections stuck while opening (after offer glare, each
// side can hold a connection that waits for the other forever and ignores its announcements).
import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  NEGOTIATION_TIMEOUT_MS,
  NEGOTIATION_YIELD_MS,
  OPEN_TIMEOUT_MS,
  SILENT_TIMEOUT_MS,
  StalledConnections,
  type WebrtcConnLike,
} from '../../src-shared/sync/stalled-connections';

type SignalingState = 'stable' | 'have-local-offer' | 'have-remote-offer';

/**
 * A connection as y-webrtc holds it; `destroy` closes it, as simple-peer's close event does, and
 * `receive` delivers a message from the peer.
 */
function conn(state: SignalingState, remoteDescription: object | null = null, remotePeerId = 'z') {
  const pc: WebrtcConnLike['peer']['_pc'] = { signalingState: state, remoteDescription };
  const dataListeners: (() => void)[] = [];
  const c = {
    remotePeerId,
    connected: false,
    closed: false,
    synced: false,
    destroyed: 0,
    peer: {
      _pc: pc,
      once: (_event: 'data', listener: () => void) => void dataListeners.push(listener),
    } as WebrtcConnLike['peer'],
    destroy() {
      c.destroyed++;
      c.closed = true;
    },
    receive: () => dataListeners.splice(0).forEach((l) => l()),
  };
  return c;
}

const OFFER = { type: 'offer', sdp: 'v=0' };
/** This side's peer id: less than the peers' ids ('z') in most tests, so it waits no longer. */
const ME = 'm';

describe('StalledConnections', () => {
  it('gives up on an offer nobody answers, and on a connection waiting for an offer that never comes', () => {
    const watchdog = new StalledConnections(ME);
    const offered = conn('have-local-offer');
    const waiting = conn('stable');
    watchdog.check([offered, waiting], 0);
    watchdog.check([offered, waiting], NEGOTIATION_TIMEOUT_MS - 1);
    expect([offered.destroyed, waiting.destroyed]).toEqual([0, 0]);
    expect(watchdog.check([offered, waiting], NEGOTIATION_TIMEOUT_MS)).toBe(2);
    expect([offered.destroyed, waiting.destroyed]).toEqual([1, 1]);
    // Closed now: not destroyed again.
    expect(watchdog.check([offered, waiting], OPEN_TIMEOUT_MS * 2)).toBe(0);
  });

  it('has the two sides of a glared pair give up at different times, so that their next announcements cannot cross', () => {
    // After glare: one side holds an offer nobody answers, the other a connection waiting for an
    // offer that never comes. Each side that gives up announces itself again at once.
    const lesser = new StalledConnections('a');
    const greater = new StalledConnections('b');
    const offered = conn('have-local-offer', null, 'b');
    const waiting = conn('stable', null, 'a');
    lesser.check([offered], 0);
    greater.check([waiting], 0);
    lesser.check([offered], NEGOTIATION_TIMEOUT_MS);
    greater.check([waiting], NEGOTIATION_TIMEOUT_MS);
    // The lesser side gives up and announces; the greater still holds its connection, which makes
    // y-webrtc ignore that announcement.
    expect([offered.destroyed, waiting.destroyed]).toEqual([1, 0]);
    greater.check([waiting], NEGOTIATION_TIMEOUT_MS + NEGOTIATION_YIELD_MS - 1);
    expect(waiting.destroyed).toBe(0);
    // Its own announcement, later, reaches a side that holds no connection: one clean offer.
    greater.check([waiting], NEGOTIATION_TIMEOUT_MS + NEGOTIATION_YIELD_MS);
    expect(waiting.destroyed).toBe(1);
    // Long enough apart for an announcement to cross a busy signaling server.
    expect(NEGOTIATION_YIELD_MS).toBeGreaterThanOrEqual(2 * CHECK_EVERY_MS);
  });

  it('counts from when it first saw a connection, not from when it started', () => {
    const watchdog = new StalledConnections(ME);
    watchdog.check([], 0);
    const late = conn('have-local-offer');
    watchdog.check([late], 10 * NEGOTIATION_TIMEOUT_MS);
    watchdog.check([late], 11 * NEGOTIATION_TIMEOUT_MS - 1);
    expect(late.destroyed).toBe(0);
    watchdog.check([late], 11 * NEGOTIATION_TIMEOUT_MS);
    expect(late.destroyed).toBe(1);
  });

  it('leaves a negotiated connection time to open, but not forever', () => {
    const watchdog = new StalledConnections(ME);
    const checking = conn('stable', OFFER);
    watchdog.check([checking], 0);
    watchdog.check([checking], OPEN_TIMEOUT_MS - 1);
    expect(checking.destroyed).toBe(0);
    watchdog.check([checking], OPEN_TIMEOUT_MS);
    expect(checking.destroyed).toBe(1);
  });

  it('never touches an open connection the peer has spoken on, however old', () => {
    const watchdog = new StalledConnections(ME);
    const open = conn('stable', OFFER);
    const offered = conn('have-remote-offer');
    const synced = conn('stable', OFFER);
    watchdog.watch([open, offered, synced]);
    open.connected = offered.connected = synced.connected = true;
    open.receive();
    offered.receive(); // renegotiating after it opened
    synced.synced = true;
    watchdog.check([open, offered, synced], 0);
    expect(watchdog.check([open, offered, synced], OPEN_TIMEOUT_MS * 10)).toBe(0);
    expect([open.destroyed, offered.destroyed, synced.destroyed]).toEqual([0, 0, 0]);
  });

  it('gives up on an open connection on which the peer says nothing, counting from when it opened', () => {
    const watchdog = new StalledConnections(ME);
    const silent = conn('stable', OFFER);
    watchdog.check([silent], 0);
    silent.connected = true;
    watchdog.check([silent], 3_000);
    watchdog.check([silent], 3_000 + SILENT_TIMEOUT_MS - 1);
    expect(silent.destroyed).toBe(0);
    watchdog.check([silent], 3_000 + SILENT_TIMEOUT_MS);
    expect(silent.destroyed).toBe(1);
  });

  it('hears a first message that arrives between two looks', () => {
    const watchdog = new StalledConnections(ME);
    const quick = conn('have-local-offer');
    watchdog.watch([quick]);
    quick.connected = true;
    quick.receive();
    watchdog.check([quick], 0);
    expect(watchdog.check([quick], SILENT_TIMEOUT_MS * 10)).toBe(0);
  });

  it('gives up on a connection whose peer connection is already gone', () => {
    const watchdog = new StalledConnections(ME);
    const gone = conn('stable');
    gone.peer._pc = null;
    watchdog.check([gone], 0);
    watchdog.check([gone], NEGOTIATION_TIMEOUT_MS);
    expect(gone.destroyed).toBe(1);
  });
});
