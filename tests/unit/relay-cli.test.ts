// `npm run relay` arguments (src-server/relay/cli-args.ts), as attacks and mistakes: a damaged or
// foreign code gets the message a facilitator can act on and nothing is done; TURN credentials
// come only from the environment; extra signaling servers are only ws:// or wss:// addresses.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../src-shared/crypto/random';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { encodeRelayCode, relayCodeErrorMessage } from '../../src-shared/relay-code';
import { parseRelayArgs } from '../../src-server/relay/cli-args';
import { DEFAULT_MAX_ROOM_BYTES } from '../../src-server/relay/relay-room';

beforeAll(loadSodium);

const token = (signalingUrls = ['ws://127.0.0.1:4444']) =>
  encodeRelayCode({
    relaySeed: randomBytes(32),
    epoch: 2,
    roomSecret: randomBytes(32),
    signalingUrls,
  });

describe('relay arguments', () => {
  it('runs with codes and defaults, and adds or removes codes', () => {
    const t = token();
    const run = parseRelayArgs(['--data', '/srv/relay', '--code', t]);
    expect(run).toMatchObject({
      kind: 'run',
      data: '/srv/relay',
      maxRoomBytes: DEFAULT_MAX_ROOM_BYTES,
    });
    expect(run.kind === 'run' && run.codes[0]!.room).toMatch(/^[0-9a-f]{64}$/);
    expect(parseRelayArgs(['--data', 'd'])).toMatchObject({ kind: 'run', codes: [] });
    expect(parseRelayArgs(['add', '--data', 'd', '--code', t])).toMatchObject({ kind: 'add' });
    expect(parseRelayArgs(['remove', '--data', 'd', '--code', t])).toMatchObject({
      kind: 'remove',
    });
    expect(parseRelayArgs(['--data', 'd', '--max-room-mib', '32'])).toMatchObject({
      maxRoomBytes: 32 * 1024 * 1024,
    });
  });

  it('refuses a damaged or foreign code with a clear message', () => {
    const t = token();
    const cut = parseRelayArgs(['add', '--data', 'd', '--code', t.slice(0, -4)]);
    expect(cut).toEqual({ kind: 'error', message: relayCodeErrorMessage.damaged });
    const share = parseRelayArgs(['--data', 'd', '--code', 'hearth1AAAA']);
    expect(share).toEqual({ kind: 'error', message: relayCodeErrorMessage['not-a-code'] });
    // One bad code among good ones: nothing is done at all.
    expect(parseRelayArgs(['add', '--data', 'd', '--code', t, '--code', 'x']).kind).toBe('error');
  });

  it('takes extra signaling servers, only ws:// or wss://, for codes that name none too', () => {
    const bare = token([]);
    expect(
      parseRelayArgs(['--data', 'd', '--code', bare, '--signal', 'wss://signal.example']),
    ).toMatchObject({ kind: 'run', signalingUrls: ['wss://signal.example'] });
    expect(parseRelayArgs(['--data', 'd', '--signal', 'https://signal.example']).kind).toBe(
      'error',
    );
    expect(parseRelayArgs(['--data', 'd', '--signal', 'javascript:alert(1)']).kind).toBe('error');
  });

  it('takes TURN credentials from the environment only, and refuses odd addresses', () => {
    const turn = ['--data', 'd', '--ice', 'turn:turn.example.org:3478'];
    expect(parseRelayArgs(turn).kind).toBe('error');
    expect(
      parseRelayArgs(turn, { HEARTH_TURN_USERNAME: 'u', HEARTH_TURN_CREDENTIAL: 'p' }),
    ).toMatchObject({
      iceServers: [{ urls: 'turn:turn.example.org:3478', username: 'u', credential: 'p' }],
    });
    expect(parseRelayArgs(['--data', 'd', '--ice', 'stun:stun.example.org'])).toMatchObject({
      iceServers: [{ urls: 'stun:stun.example.org' }],
    });
    expect(parseRelayArgs(['--data', 'd', '--ice', 'turn:u:p@evil.example']).kind).toBe('error');
    expect(parseRelayArgs(['--data', 'd', '--ice', 'javascript:alert(1)']).kind).toBe('error');
  });

  it('needs --data, values for its options, and a code to add', () => {
    expect(parseRelayArgs([]).kind).toBe('error');
    expect(parseRelayArgs(['--data']).kind).toBe('error');
    expect(parseRelayArgs(['--data', 'd', '--verbose']).kind).toBe('error');
    expect(parseRelayArgs(['add', '--data', 'd']).kind).toBe('error');
    expect(parseRelayArgs(['--data', 'd', '--max-room-mib', '0']).kind).toBe('error');
    expect(parseRelayArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
