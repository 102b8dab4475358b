// The watchdog that gives up on y-webrtc connections stuck while opening (after offer glare, each
// side can hold a connection that waits for the other forever and ignores its announcements).
import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  NEGOTIATION_TIMEOUT_MS,
  NEGOTIATION_JITTER_MS,
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
function conn(state: SignalingState, remoteDescription: object | null = null) {
  const pc: WebrtcConnLike['peer']['_pc'] = { signalingState: state, remoteDescription };
  const dataListeners: (() => void)[] = [];
  const c = {
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
/** No random extra wait: the tests below time the fixed limits. */
const NO_JITTER = () => 0;

describe('StalledConnections', () => {
  it('gives up on an offer nobody answers, and on a connection waiting for an offer that never comes', () => {
    const watchdog = new StalledConnections(NO_JITTER);
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
    // offer that never comes. Each side that gives up announces itself again at once. Looked at
    // in step (two processes started together), both gave up at the same look, every time.
    const one = new StalledConnections(() => 0.1);
    const other = new StalledConnections(() => 0.9);
    const offered = conn('have-local-offer');
    const waiting = conn('stable');
    const gaveUp: Record<string, number> = {};
    for (
      let now = 0;
      now <= NEGOTIATION_TIMEOUT_MS + NEGOTIATION_JITTER_MS;
      now += CHECK_EVERY_MS
    ) {
      if (one.check([offered], now) > 0) gaveUp.one = now;
      if (other.check([waiting], now) > 0) gaveUp.other = now;
    }
    expect(gaveUp.one).toBeGreaterThanOrEqual(NEGOTIATION_TIMEOUT_MS);
    // Looks apart: the first one's announcement reaches a side that still holds its connection
    // (y-webrtc ignores it); the second one's, later, reaches a side that holds none.
    expect(gaveUp.other! - gaveUp.one!).toBeGreaterThanOrEqual(3 * CHECK_EVERY_MS);
    expect(gaveUp.other).toBeLessThanOrEqual(NEGOTIATION_TIMEOUT_MS + NEGOTIATION_JITTER_MS);
  });

  it('draws each connection its own extra wait, within the jitter', () => {
    const watchdog = new StalledConnections();
    const conns = Array.from({ length: 40 }, () => conn('have-local-offer'));
    watchdog.check(conns, 0);
    const times = conns.map((c) => {
      for (let now = 0; ; now += CHECK_EVERY_MS) if (watchdog.check([c], now) > 0) return now;
    });
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NEGOTIATION_TIMEOUT_MS);
    expect(Math.max(...times)).toBeLessThanOrEqual(
      NEGOTIATION_TIMEOUT_MS + NEGOTIATION_JITTER_MS + CHECK_EVERY_MS,
    );
    // Spread over the jitter, not all at one look (40 draws: all in one 250 ms slot is ~1e-30).
    expect(new Set(times).size).toBeGreaterThan(2);
  });

  it('counts from when it first saw a connection, not from when it started', () => {
    const watchdog = new StalledConnections(NO_JITTER);
    watchdog.check([], 0);
    const late = conn('have-local-offer');
    watchdog.check([late], 10 * NEGOTIATION_TIMEOUT_MS);
    watchdog.check([late], 11 * NEGOTIATION_TIMEOUT_MS - 1);
    expect(late.destroyed).toBe(0);
    watchdog.check([late], 11 * NEGOTIATION_TIMEOUT_MS);
    expect(late.destroyed).toBe(1);
  });

  it('leaves a negotiated connection time to open, but not forever', () => {
    const watchdog = new StalledConnections(NO_JITTER);
    const checking = conn('stable', OFFER);
    watchdog.check([checking], 0);
    watchdog.check([checking], OPEN_TIMEOUT_MS - 1);
    expect(checking.destroyed).toBe(0);
    watchdog.check([checking], OPEN_TIMEOUT_MS);
    expect(checking.destroyed).toBe(1);
  });

  it('never touches an open connection the peer has spoken on, however old', () => {
    const watchdog = new StalledConnections(NO_JITTER);
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
    const watchdog = new StalledConnections(NO_JITTER);
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
    const watchdog = new StalledConnections(NO_JITTER);
    const quick = conn('have-local-offer');
    watchdog.watch([quick]);
    quick.connected = true;
    quick.receive();
    watchdog.check([quick], 0);
    expect(watchdog.check([quick], SILENT_TIMEOUT_MS * 10)).toBe(0);
  });

  it('gives up on a connection whose peer connection is already gone', () => {
    const watchdog = new StalledConnections(NO_JITTER);
    const gone = conn('stable');
    gone.peer._pc = null;
    watchdog.check([gone], 0);
    watchdog.check([gone], NEGOTIATION_TIMEOUT_MS);
    expect(gone.destroyed).toBe(1);
  });
});
