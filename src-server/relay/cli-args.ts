// Argument parsing for `npm run relay`, kept pure (argv and environment in, result out) so it is
// tested without spawning processes; cli.ts does the I/O.
import { roomFor } from '../../src-shared/crypto/keys';
import { isSignalingUrl, MAX_HINTS } from '../../src-shared/code-parts';
import {
  decodeRelayCode,
  relayCodeErrorMessage,
  type RelayCode,
} from '../../src-shared/relay-code';
import { IceServerEntry, iceServerKind, MAX_ICE_SERVERS } from '../../src-shared/sync/ice-servers';
import type { IceServer } from '../../src-shared/sync/webrtc-provider';
import { DEFAULT_MAX_ROOM_BYTES } from './relay-room';

/** A code as given on the command line: its token, and the room it lets the relay into. */
export interface GivenCode {
  token: string;
  room: string;
  code: RelayCode;
}

export type RelayCommand =
  | {
      kind: 'run';
      data: string;
      codes: GivenCode[];
      iceServers: IceServer[];
      /** Signaling servers used for every room, besides those its code names. */
      signalingUrls: string[];
      maxRoomBytes: number;
    }
  | { kind: 'add' | 'remove'; data: string; codes: GivenCode[] }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const RELAY_USAGE = `Usage:
  npm run relay -- --data DIR [--code CODE]... [--signal URL]... [--ice URL]... [--max-room-mib N]
  npm run relay -- add --data DIR --code CODE...
  npm run relay -- remove --data DIR --code CODE...

Runs Hearth's blind relay: it keeps the sealed records of every circle whose relay code it was
given, and hands them to members who come online. It cannot read them.

  --data DIR          where the relay keeps its codes and records (created, readable by you only)
  --code CODE         a relay code a facilitator made in the app; kept in DIR, so a restart
                      needs only --data. "add" and "remove" change the codes of a running relay.
  --signal URL        a signaling server (ws:// or wss://) for every circle, besides those its
                      code names
  --ice URL           a STUN or TURN server (stun:host:port, turn:host:port); a TURN server's
                      username and password come from HEARTH_TURN_USERNAME and
                      HEARTH_TURN_CREDENTIAL, never the command line
  --max-room-mib N    most a circle may take on disk, in MiB (default ${DEFAULT_MAX_ROOM_BYTES / 1024 / 1024})
  -h, --help          show this help
`;

const MIB = 1024 * 1024;

/** Parses the relay's arguments; a bad code yields its clear message and nothing to do. */
export function parseRelayArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): RelayCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const kind = argv[0] === 'add' || argv[0] === 'remove' ? argv[0] : 'run';
  const rest = kind === 'run' ? argv : argv.slice(1);
  let data: string | undefined;
  let maxRoomBytes = DEFAULT_MAX_ROOM_BYTES;
  const codes: GivenCode[] = [];
  const iceServers: IceServer[] = [];
  const signalingUrls: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i]!;
    const value = rest[i + 1];
    if (!['--data', '--code', '--signal', '--ice', '--max-room-mib'].includes(name))
      return { kind: 'error', message: `unknown argument "${name}"` };
    if (value === undefined || value.startsWith('--'))
      return { kind: 'error', message: `${name} needs a value` };
    i++;
    if (name === '--data') data = value;
    else if (name === '--code') {
      const decoded = decodeRelayCode(value);
      if (!decoded.ok) return { kind: 'error', message: relayCodeErrorMessage[decoded.error] };
      const room = roomFor(decoded.code.roomSecret).name;
      codes.push({ token: value.replace(/\s+/g, ''), room, code: decoded.code });
    } else if (name === '--signal') {
      if (!isSignalingUrl(value))
        return { kind: 'error', message: `--signal ${value}: give a ws:// or wss:// address` };
      signalingUrls.push(value);
    } else if (name === '--ice') {
      const server = iceServerOf(value, env);
      if (typeof server === 'string') return { kind: 'error', message: server };
      iceServers.push(server);
    } else {
      const mib = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
      if (!(mib >= 1))
        return {
          kind: 'error',
          message: '--max-room-mib must be a whole number of MiB, 1 or more',
        };
      maxRoomBytes = mib * MIB;
    }
  }
  if (data === undefined || data === '') return { kind: 'error', message: '--data DIR is needed' };
  if (kind !== 'run') {
    if (codes.length === 0) return { kind: 'error', message: `${kind} needs at least one --code` };
    return { kind, data, codes };
  }
  if (iceServers.length > MAX_ICE_SERVERS)
    return { kind: 'error', message: `at most ${MAX_ICE_SERVERS} --ice servers` };
  if (signalingUrls.length > MAX_HINTS)
    return { kind: 'error', message: `at most ${MAX_HINTS} --signal servers` };
  return { kind, data, codes, iceServers, signalingUrls, maxRoomBytes };
}

/** A STUN server, or a TURN server with its credentials from the environment; or what is wrong. */
function iceServerOf(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): IceServer | string {
  const turn = iceServerKind(url) === 'turn';
  const entry = IceServerEntry.safeParse({
    url,
    ...(turn ? { username: env.HEARTH_TURN_USERNAME, credential: env.HEARTH_TURN_CREDENTIAL } : {}),
  });
  if (!entry.success)
    return turn
      ? `--ice ${url}: give a turn: or turns: address with HEARTH_TURN_USERNAME and HEARTH_TURN_CREDENTIAL set`
      : `--ice ${url}: give an address like stun:stun.example.org:3478`;
  const { username, credential } = entry.data;
  return username === undefined ? { urls: url } : { urls: url, username, credential };
}
