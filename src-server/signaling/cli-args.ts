// Argument parsing for `npm run signal`, kept pure (argv in, result out) so it is
// tested without spawning processes; cli.ts only does the I/O. The defaults are for a public host.

import { PUBLIC_ADDRESS_LIMITS } from './address-limits';
import { SIGNALING_DEFAULTS, type SignalingServerOptions } from './server-options';

export type CliServerOptions = Required<
  Pick<
    SignalingServerOptions,
    | 'host'
    | 'port'
    | 'maxConnections'
    | 'maxConnectionsPerAddress'
    | 'addressRateLimit'
    | 'maxTopicsPerConnection'
    | 'health'
    | 'trustProxy'
  >
> &
  Pick<SignalingServerOptions, 'maxMessageBytes' | 'allowedOrigins' | 'redis'>;

export type CliParseResult =
  | { kind: 'run'; options: CliServerOptions; redisSecretFile?: string }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** y-webrtc's default signaling port, so `npm run signal` matches its docs. */
export const CLI_DEFAULT_PORT = 4444;
export const CLI_DEFAULT_HOST = '127.0.0.1';
/** Upper bound for --max-message-bytes: catches typos that would disable the limit. */
export const CLI_MAX_MESSAGE_BYTES_LIMIT = 64 * 1024 * 1024;
/**
 * One server held 10,000 loopback clients in 177 MB in bench/signaling.ts (figures in
 * docs/signaling-server.md). Each connection also takes a file handle, so the service needs a
 * higher open-files limit than a shell's usual 1,024 (the systemd unit there sets it).
 */
export const CLI_DEFAULT_MAX_CONNECTIONS = 10_000;

export const USAGE = `Usage: npm run signal -- [options]

Runs Hearth's y-webrtc compatible signaling server. Logs are JSON, one object per line, on stdout.

Options:
  --host HOST                      interface to bind (default ${CLI_DEFAULT_HOST})
  --port PORT                      port, 0 for a random free one (default ${CLI_DEFAULT_PORT})
  --allowed-origin ORIGIN          accept WebSocket upgrades only from this Origin, e.g.
                                   https://hearth.example (repeatable; default: any origin)
  --max-connections N              connections in all (default ${CLI_DEFAULT_MAX_CONNECTIONS})
  --max-connections-per-ip N       connections from one address (default ${PUBLIC_ADDRESS_LIMITS.maxConnections})
  --max-messages-per-ip N          messages per second from one address, all its connections
                                   together, with bursts of ten times that (default ${PUBLIC_ADDRESS_LIMITS.framesPerSecond})
  --max-topics-per-connection N    rooms one connection may join (default ${SIGNALING_DEFAULTS.maxTopicsPerConnection})
  --max-message-bytes N            largest accepted message in bytes (default ${SIGNALING_DEFAULTS.maxMessageBytes})
  --trust-proxy                    behind a reverse proxy on this machine: take the client's
                                   address from the last X-Forwarded-For entry
  --no-health                      do not answer GET /health
  --redis URL                      share rooms with other servers through Redis pub/sub,
                                   e.g. redis://127.0.0.1:6379 (default: off)
  --redis-secret-file PATH         a secret shared by the servers, to name Redis channels
  -h, --help                       show this help
`;

// Browser Origin header values: scheme://host[:port] with no path, or the opaque "null".
const ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/\s?#]+$/i;
const FLAGS = new Set(['--trust-proxy', '--no-health']);

/** A whole number in [min, max], or an error naming the option. */
function integer(name: string, value: string, min: number, max: number): number | string {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return n >= min && n <= max
    ? n
    : `${name} must be an integer from ${min} to ${max}, got "${value}"`;
}

/** Per option: how its value changes the result, or the error message. */
const SETTERS: Record<string, (o: CliServerOptions, v: string, extra: Extra) => string | void> = {
  '--host': (o, v) => {
    if (v === '' || /\s/.test(v)) return '--host must be a hostname or IP address';
    o.host = v;
  },
  '--port': (o, v) => {
    const n = integer('--port', v, 0, 65535);
    if (typeof n === 'string') return n;
    o.port = n;
  },
  '--max-message-bytes': (o, v) => {
    const n = integer('--max-message-bytes', v, 1, CLI_MAX_MESSAGE_BYTES_LIMIT);
    if (typeof n === 'string') return n;
    o.maxMessageBytes = n;
  },
  '--max-connections': (o, v) => {
    const n = integer('--max-connections', v, 1, 1_000_000);
    if (typeof n === 'string') return n;
    o.maxConnections = n;
  },
  '--max-connections-per-ip': (o, v) => {
    const n = integer('--max-connections-per-ip', v, 1, 1_000_000);
    if (typeof n === 'string') return n;
    o.maxConnectionsPerAddress = n;
  },
  '--max-messages-per-ip': (o, v) => {
    const n = integer('--max-messages-per-ip', v, 1, 1_000_000);
    if (typeof n === 'string') return n;
    o.addressRateLimit = { framesPerSecond: n, frameBurst: 10 * n };
  },
  '--max-topics-per-connection': (o, v) => {
    const n = integer('--max-topics-per-connection', v, 1, 10_000);
    if (typeof n === 'string') return n;
    o.maxTopicsPerConnection = n;
  },
  '--allowed-origin': (o, v) => {
    if (v !== 'null' && !ORIGIN_RE.test(v)) {
      return `--allowed-origin must look like scheme://host[:port] with no path or trailing slash, got "${v}"`;
    }
    o.allowedOrigins = [...(o.allowedOrigins ?? []), v];
  },
  '--redis': (o, v) => {
    let url: URL | null = null;
    try {
      url = new URL(v);
    } catch {
      // reported below
    }
    if (url === null || !['redis:', 'rediss:'].includes(url.protocol) || url.hostname === '') {
      return '--redis must be a redis:// or rediss:// URL with a host';
    }
    o.redis = { url: v };
  },
  '--redis-secret-file': (_o, v, extra) => {
    if (v === '') return '--redis-secret-file needs a path';
    extra.redisSecretFile = v;
  },
  '--trust-proxy': (o) => {
    o.trustProxy = true;
  },
  '--no-health': (o) => {
    o.health = false;
  },
};

interface Extra {
  redisSecretFile?: string;
}

export function parseCliArgs(argv: readonly string[]): CliParseResult {
  // Help wins over everything so `--help` always works even next to a typo.
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };

  const options: CliServerOptions = {
    host: CLI_DEFAULT_HOST,
    port: CLI_DEFAULT_PORT,
    maxConnections: CLI_DEFAULT_MAX_CONNECTIONS,
    maxConnectionsPerAddress: PUBLIC_ADDRESS_LIMITS.maxConnections,
    addressRateLimit: {
      framesPerSecond: PUBLIC_ADDRESS_LIMITS.framesPerSecond,
      frameBurst: PUBLIC_ADDRESS_LIMITS.frameBurst,
    },
    maxTopicsPerConnection: SIGNALING_DEFAULTS.maxTopicsPerConnection,
    health: true,
    trustProxy: false,
  };
  const extra: Extra = {};

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Accept both `--port 4444` and `--port=4444`.
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const setter = SETTERS[name];
    if (setter === undefined) {
      return {
        kind: 'error',
        message: arg.startsWith('-') ? `unknown option ${name}` : `unexpected argument "${arg}"`,
      };
    }
    let value = '';
    if (FLAGS.has(name)) {
      if (name !== arg) return { kind: 'error', message: `${name} takes no value` };
    } else if (name !== arg) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        return { kind: 'error', message: `${name} needs a value` };
      value = next;
      i++;
    }
    const error = setter(options, value, extra);
    if (typeof error === 'string') return { kind: 'error', message: error };
  }

  if (extra.redisSecretFile !== undefined && options.redis === undefined) {
    return { kind: 'error', message: '--redis-secret-file only makes sense with --redis' };
  }
  return { kind: 'run', options, ...extra };
}
