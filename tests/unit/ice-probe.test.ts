// The "Test" button's words for what it saw, and its handling of a server that answers, refuses
// or stays silent (a stand-in RTCPeerConnection: the real one is exercised in hide-ip.e2e.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  PROBE_TIMEOUT_MS,
  probeIceServer,
  probeMessage,
} from '../../src-renderer/services/network/ice-probe';

const turn = { url: 'turn:127.0.0.1:3478', username: 'ana', credential: 'wrong' };
const stun = { url: 'stun:127.0.0.1:3478' };

describe('probe messages', () => {
  it.each([
    [{ kind: 'turn', types: ['relay'], errors: [], timedOut: false }, true, /can relay/],
    [{ kind: 'turn', types: ['host'], errors: [], timedOut: false }, false, /no relay/],
    [{ kind: 'stun', types: ['host', 'srflx'], errors: [], timedOut: false }, true, /public/],
    [{ kind: 'stun', types: ['host'], errors: [], timedOut: false }, true, /answered/],
    [
      { kind: 'turn', types: [], errors: [{ errorCode: 401, errorText: 'Unauthorized' }] },
      false,
      /refused the username or password/,
    ],
    [
      { kind: 'turn', types: [], errors: [{ errorCode: 437, errorText: 'Allocation Mismatch' }] },
      false,
      /refused: 437 Allocation Mismatch\./,
    ],
    [
      { kind: 'stun', types: [], errors: [{ errorCode: 701, errorText: 'STUN host lookup' }] },
      false,
      /could not be reached \(STUN host lookup\)/,
    ],
    [{ kind: 'turn', types: [], errors: [], timedOut: true }, false, /No answer within 5 seconds/],
  ] as const)('%o', (seen, ok, words) => {
    const result = probeMessage({ timedOut: false, ...seen });
    expect(result.ok).toBe(ok);
    expect(result.message).toMatch(words);
  });
});

/** A stand-in RTCPeerConnection that plays `script` once an offer is set. */
function fakePc(script: (pc: EventTarget) => void) {
  const made: { config: RTCConfiguration; closed: boolean }[] = [];
  class Fake extends EventTarget {
    private readonly record: { config: RTCConfiguration; closed: boolean };
    constructor(config: RTCConfiguration) {
      super();
      this.record = { config, closed: false };
      made.push(this.record);
    }
    createDataChannel() {}
    createOffer() {
      return Promise.resolve({ type: 'offer', sdp: '' });
    }
    setLocalDescription() {
      queueMicrotask(() => script(this));
      return Promise.resolve();
    }
    close() {
      this.record.closed = true;
    }
  }
  return { Pc: Fake as unknown as typeof RTCPeerConnection, made };
}

const candidate = (type: string | null) =>
  Object.assign(new Event('icecandidate'), { candidate: type === null ? null : { type } });

afterEach(() => vi.useRealTimers());

describe('probeIceServer', () => {
  it('tests a TURN server relay-only, alone, and closes the connection', async () => {
    const { Pc, made } = fakePc((pc) => pc.dispatchEvent(candidate('relay')));
    await expect(probeIceServer({ ...turn, credential: 'right' }, Pc)).resolves.toMatchObject({
      ok: true,
    });
    expect(made[0]!.config).toEqual({
      iceServers: [{ urls: turn.url, username: 'ana', credential: 'right' }],
      iceTransportPolicy: 'relay',
    });
    expect(made[0]!.closed).toBe(true);
  });

  it('says at once when the password is wrong', async () => {
    const { Pc } = fakePc((pc) =>
      pc.dispatchEvent(
        Object.assign(new Event('icecandidateerror'), {
          errorCode: 401,
          errorText: 'Unauthorized',
        }),
      ),
    );
    await expect(probeIceServer(turn, Pc)).resolves.toEqual({
      ok: false,
      message: 'The server refused the username or password.',
    });
  });

  it('gives up on a silent server after the timeout', async () => {
    vi.useFakeTimers();
    const { Pc, made } = fakePc(() => {});
    const result = probeIceServer(stun, Pc);
    await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
    await expect(result).resolves.toMatchObject({ ok: false, message: /No answer/ });
    expect(made[0]!.config.iceTransportPolicy).toBe('all');
    expect(made[0]!.closed).toBe(true);
  });

  it('says so when the browser has no WebRTC', async () => {
    await expect(probeIceServer(stun, undefined)).resolves.toMatchObject({
      ok: false,
      message: /WebRTC turned off/,
    });
  });
});
