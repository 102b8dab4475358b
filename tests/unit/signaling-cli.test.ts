// The `npm run signal` command line: its arguments parsed (cli-args.ts), then the CLI run as a
// process that prints where it listens, serves, and exits cleanly.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CLI_DEFAULT_HOST,
  CLI_DEFAULT_PORT,
  parseCliArgs,
} from '../../src-server/signaling/cli-args';
import { waitFor } from '../support/signaling-clients';

describe('parseCliArgs', () => {
  it('uses loopback and the y-webrtc port by default', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: { host: CLI_DEFAULT_HOST, port: CLI_DEFAULT_PORT },
    });
    expect(CLI_DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('parses every option in both --flag value and --flag=value form', () => {
    expect(
      parseCliArgs([
        '--host',
        '0.0.0.0',
        '--port=0',
        '--max-message-bytes',
        '1024',
        '--allowed-origin',
        'https://hearth.example',
        '--allowed-origin=http://localhost:5173',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        host: '0.0.0.0',
        port: 0,
        maxMessageBytes: 1024,
        allowedOrigins: ['https://hearth.example', 'http://localhost:5173'],
      },
    });
  });

  it('returns help for --help or -h, even next to other arguments', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--port', 'x', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '65536'], /--port must be an integer/],
    [['--port', '-1'], /--port must be an integer/],
    [['--port', '80.5'], /--port must be an integer/],
    [['--port'], /--port needs a value/],
    [['--port', '--host', 'x'], /--port needs a value/],
    [['--host='], /--host must be/],
    [['--max-message-bytes', '0'], /--max-message-bytes/],
    [['--max-message-bytes', '1e6'], /--max-message-bytes/],
    [['--max-message-bytes', String(65 * 1024 * 1024)], /--max-message-bytes/],
    [['--allowed-origin', 'https://hearth.example/'], /--allowed-origin/],
    [['--allowed-origin', 'hearth.example'], /--allowed-origin/],
    [['--verbose'], /unknown option --verbose/],
    [['4444'], /unexpected argument/],
  ])('rejects %j', (argv, message) => {
    const result = parseCliArgs(argv);
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.message).toMatch(message);
  });
});

// Each spawn pays tsx start-up (~1 s), so the two run side by side.
describe.concurrent('signal CLI', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // `node --import tsx` rather than the tsx CLI: one process, so killing it cannot leave
  // an orphaned server behind (the tsx CLI runs the script in a child process).
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'src-server/signaling/cli.ts', ...args], {
      cwd: root,
      stdio: 'pipe',
    });

  it('prints the listening line, serves, and exits 0 on SIGTERM', async ({ expect }) => {
    const child = run(['--host', '127.0.0.1', '--port', '0']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      await waitFor(() => stdout.includes('\n'), 20_000);
      const match = /^Hearth signaling server listening on ws:\/\/127\.0\.0\.1:(\d+)\n$/.exec(
        stdout,
      );
      expect(match, stdout).not.toBeNull();
      const health = await fetch(`http://127.0.0.1:${match![1]}/health`);
      expect(await health.text()).toBe('ok');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits 2 with a clear message on invalid arguments', async ({ expect }) => {
    const child = run(['--port', 'seventy']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be an integer from 0 to 65535, got "seventy"/);
  }, 30_000);
});
