// The watchdog that gives up on y-webrtc connections stuck while opening (after offer glare, each
// side can hold a connection that waits for the other forever and ignores its announcements).
import { describe, expect, it } from 'vitest';
import {
  NEGOTIATION_TIMEOUT_MS,
  OPEN_TIMEOUT_MS,
  StalledConnections,
  type WebrtcConnLike,
} from '../../src-shared/sync/stalled-connections';

type SignalingState = 'stable' | 'have-local-offer' | 'have-remote-offer';

/** A connection as y-webrtc holds it; `destroy` closes it, as simple-peer's close event does. */
function conn(state: SignalingState, remoteDescription: object | null = null) {
  const pc: WebrtcConnLike['peer']['_pc'] = { signalingState: state, remoteDescription };
  const c = {
    connected: false,
    closed: false,
    destroyed: 0,
    peer: { _pc: pc } as WebrtcConnLike['peer'],
    destroy() {
      c.destroyed++;
      c.closed = true;
    },
  };
  return c;
}

const OFFER = { type: 'offer', sdp: 'v=0' };

describe('StalledConnections', () => {
  it('gives up on an offer nobody answers, and on a connection waiting for an offer that never comes', () => {
    const watchdog = new StalledConnections();
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

  it('counts from when it first saw a connection, not from when it started', () => {
    const watchdog = new StalledConnections();
    watchdog.check([], 0);
    const late = conn('have-local-offer');
    watchdog.check([late], 10 * NEGOTIATION_TIMEOUT_MS);
    watchdog.check([late], 11 * NEGOTIATION_TIMEOUT_MS - 1);
    expect(late.destroyed).toBe(0);
    watchdog.check([late], 11 * NEGOTIATION_TIMEOUT_MS);
    expect(late.destroyed).toBe(1);
  });

  it('leaves a negotiated connection time to open, but not forever', () => {
    const watchdog = new StalledConnections();
    const checking = conn('stable', OFFER);
    watchdog.check([checking], 0);
    watchdog.check([checking], OPEN_TIMEOUT_MS - 1);
    expect(checking.destroyed).toBe(0);
    watchdog.check([checking], OPEN_TIMEOUT_MS);
    expect(checking.destroyed).toBe(1);
  });

  it('never touches an open connection, however old', () => {
    const watchdog = new StalledConnections();
    const open = conn('stable', OFFER);
    open.connected = true;
    const offered = conn('have-remote-offer');
    offered.connected = true; // renegotiating after it opened
    watchdog.check([open, offered], 0);
    expect(watchdog.check([open, offered], OPEN_TIMEOUT_MS * 10)).toBe(0);
    expect([open.destroyed, offered.destroyed]).toEqual([0, 0]);
  });

  it('gives up on a connection whose peer connection is already gone', () => {
    const watchdog = new StalledConnections();
    const gone = conn('stable');
    gone.peer._pc = null;
    watchdog.check([gone], 0);
    watchdog.check([gone], NEGOTIATION_TIMEOUT_MS);
    expect(gone.destroyed).toBe(1);
  });
});
