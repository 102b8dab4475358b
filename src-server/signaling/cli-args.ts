// Argument parsing for `npm run signal`, kept pure (argv in, result out) so it is
// tested without spawning processes; cli.ts only does the I/O.

import type { SignalingServerOptions } from './server';

export type CliServerOptions = Required<Pick<SignalingServerOptions, 'host' | 'port'>> &
  Pick<SignalingServerOptions, 'maxMessageBytes' | 'allowedOrigins'>;

export type CliParseResult =
  | { kind: 'run'; options: CliServerOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** y-webrtc's default signaling port, so `npm run signal` matches its docs. */
export const CLI_DEFAULT_PORT = 4444;
export const CLI_DEFAULT_HOST = '127.0.0.1';
/** Upper bound for --max-message-bytes: catches typos that would disable the limit. */
export const CLI_MAX_MESSAGE_BYTES_LIMIT = 64 * 1024 * 1024;

export const USAGE = `Usage: npm run signal -- [options]

Runs Hearth's y-webrtc compatible signaling server.

Options:
  --host HOST                interface to bind (default ${CLI_DEFAULT_HOST})
  --port PORT                port to listen on, 0 for a random free port (default ${CLI_DEFAULT_PORT})
  --max-message-bytes N      largest accepted message in bytes (default 262144)
  --allowed-origin ORIGIN    accept WebSocket upgrades only from this Origin, e.g.
                             https://hearth.example (repeatable; default: any origin)
  -h, --help                 show this help
`;

// Browser Origin header values: scheme://host[:port] with no path, or the opaque "null".
const ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/\s?#]+$/i;

const OPTIONS_WITH_VALUE = new Set(['--host', '--port', '--max-message-bytes', '--allowed-origin']);

export function parseCliArgs(argv: readonly string[]): CliParseResult {
  // Help wins over everything so `--help` always works even next to a typo.
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };

  let host: string = CLI_DEFAULT_HOST;
  let port: number = CLI_DEFAULT_PORT;
  let maxMessageBytes: number | undefined;
  const allowedOrigins: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Accept both `--port 4444` and `--port=4444`.
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!OPTIONS_WITH_VALUE.has(name)) {
      return {
        kind: 'error',
        message: arg.startsWith('-') ? `unknown option ${name}` : `unexpected argument "${arg}"`,
      };
    }
    let value: string | undefined;
    if (name !== arg) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        return { kind: 'error', message: `${name} needs a value` };
      i++;
    }

    switch (name) {
      case '--host':
        if (value === '' || /\s/.test(value))
          return { kind: 'error', message: `--host must be a hostname or IP address` };
        host = value;
        break;
      case '--port': {
        const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
        if (!(n >= 0 && n <= 65535)) {
          return {
            kind: 'error',
            message: `--port must be an integer from 0 to 65535, got "${value}"`,
          };
        }
        port = n;
        break;
      }
      case '--max-message-bytes': {
        const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
        if (!(n >= 1 && n <= CLI_MAX_MESSAGE_BYTES_LIMIT)) {
          return {
            kind: 'error',
            message: `--max-message-bytes must be an integer from 1 to ${CLI_MAX_MESSAGE_BYTES_LIMIT}, got "${value}"`,
          };
        }
        maxMessageBytes = n;
        break;
      }
      case '--allowed-origin':
        if (value !== 'null' && !ORIGIN_RE.test(value)) {
          return {
            kind: 'error',
            message: `--allowed-origin must look like scheme://host[:port] with no path or trailing slash, got "${value}"`,
          };
        }
        allowedOrigins.push(value);
        break;
    }
  }

  const options: CliServerOptions = { host, port };
  if (maxMessageBytes !== undefined) options.maxMessageBytes = maxMessageBytes;
  if (allowedOrigins.length > 0) options.allowedOrigins = allowedOrigins;
  return { kind: 'run', options };
}
