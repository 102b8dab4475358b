// The "Test" button of a STUN or TURN server: gather ICE candidates with that server alone and
// say in plain words whether it answered. Nothing is sent to any peer; the connection made for
// the test never leaves this page and is closed at the end.
import { iceServerKind, type IceServerEntry } from '../../../src-shared/sync/ice-servers';

/** How long a test waits for the server before saying it did not answer. */
export const PROBE_TIMEOUT_MS = 5_000;

export interface ProbeResult {
  ok: boolean;
  /** One calm sentence for the screen. */
  message: string;
}

/** What a test saw: candidate types gathered, and the server's errors (icecandidateerror). */
export interface ProbeObservation {
  kind: 'stun' | 'turn';
  types: readonly string[];
  errors: readonly { errorCode: number; errorText: string }[];
  timedOut: boolean;
}

/** The words for what a test saw (kept apart from WebRTC so every case is checked). */
export function probeMessage(seen: ProbeObservation): ProbeResult {
  if (seen.kind === 'turn' && seen.types.includes('relay'))
    return { ok: true, message: 'The server answered and can relay your connections.' };
  if (seen.kind === 'stun' && seen.types.includes('srflx'))
    return { ok: true, message: 'The server answered and told Hearth your public address.' };
  const error = seen.errors[0];
  if (error?.errorCode === 401)
    return { ok: false, message: 'The server refused the username or password.' };
  if (error !== undefined && error.errorCode >= 300 && error.errorCode < 700)
    return {
      ok: false,
      message: `The server refused: ${error.errorCode} ${error.errorText}`.trim() + '.',
    };
  if (error !== undefined)
    return {
      ok: false,
      message: `The server could not be reached (${error.errorText || `code ${error.errorCode}`}).`,
    };
  if (seen.timedOut)
    return {
      ok: false,
      message: `No answer within ${PROBE_TIMEOUT_MS / 1000} seconds. Check the address and port, and that the server is running.`,
    };
  // STUN: gathering finished without an error, but the server saw the same address this
  // computer has (no network address translation in between), so there is nothing to add.
  if (seen.kind === 'stun')
    return { ok: true, message: 'The server answered. This computer needs no public address.' };
  return { ok: false, message: 'The server answered but offered no relay.' };
}

/** Asks `server` alone for candidates, within PROBE_TIMEOUT_MS. */
export function probeIceServer(
  server: IceServerEntry,
  Pc: typeof RTCPeerConnection | undefined = globalThis.RTCPeerConnection,
): Promise<ProbeResult> {
  if (Pc === undefined)
    return Promise.resolve({
      ok: false,
      message: 'This browser has WebRTC turned off, so no server can be used.',
    });
  const kind = iceServerKind(server.url);
  const pc = new Pc({
    iceServers: [{ urls: server.url, username: server.username, credential: server.credential }],
    // TURN is tested as "Hide my IP" uses it: relay candidates only.
    iceTransportPolicy: kind === 'turn' ? 'relay' : 'all',
  });
  const types: string[] = [];
  const errors: { errorCode: number; errorText: string }[] = [];
  return new Promise<ProbeResult>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const finish = (timedOut: boolean) => {
      clearTimeout(timer);
      pc.close();
      resolve(probeMessage({ kind, types, errors, timedOut }));
    };
    timer = setTimeout(() => finish(true), PROBE_TIMEOUT_MS);
    pc.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate === null) return finish(false);
      if (candidate.type) types.push(candidate.type);
      if ((kind === 'turn' && candidate.type === 'relay') || candidate.type === 'srflx')
        finish(false);
    });
    pc.addEventListener('icecandidateerror', (event) => {
      const { errorCode, errorText } = event;
      errors.push({ errorCode, errorText });
      // Wrong credentials will not get better by waiting.
      if (errorCode === 401) finish(false);
    });
    // A data channel gives the offer something to gather candidates for.
    pc.createDataChannel('probe');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch((error: unknown) => {
        errors.push({ errorCode: 0, errorText: error instanceof Error ? error.message : '' });
        finish(false);
      });
  });
}
