// The `npm run signal` command line: its arguments parsed (cli-args.ts), then the CLI run as a
// process that prints where it listens, serves, and exits cleanly.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  CLI_DEFAULT_HOST,
  CLI_DEFAULT_PORT,
  parseCliArgs,
} from '../../src-server/signaling/cli-args';
import { waitFor } from '../support/signaling-clients';

describe('parseCliArgs', () => {
  it('uses loopback, the y-webrtc port and public limits by default, with /health on', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: {
        host: CLI_DEFAULT_HOST,
        port: CLI_DEFAULT_PORT,
        maxConnections: 10_000,
        maxConnectionsPerAddress: 500,
        addressRateLimit: { framesPerSecond: 2_000, frameBurst: 20_000 },
        maxTopicsPerConnection: 64,
        health: true,
        trustProxy: false,
      },
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
        '--max-connections',
        '20000',
        '--max-connections-per-ip=50',
        '--max-messages-per-ip',
        '100',
        '--max-topics-per-connection',
        '32',
        '--trust-proxy',
        '--no-health',
        '--redis',
        'redis://127.0.0.1:6379',
        '--redis-secret-file=/run/credentials/hearth-signal/redis-secret',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        host: '0.0.0.0',
        port: 0,
        maxMessageBytes: 1024,
        allowedOrigins: ['https://hearth.example', 'http://localhost:5173'],
        maxConnections: 20_000,
        maxConnectionsPerAddress: 50,
        addressRateLimit: { framesPerSecond: 100, frameBurst: 1_000 },
        maxTopicsPerConnection: 32,
        trustProxy: true,
        health: false,
        redis: { url: 'redis://127.0.0.1:6379' },
      },
      redisSecretFile: '/run/credentials/hearth-signal/redis-secret',
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
    [['--max-connections', '0'], /--max-connections must be an integer from 1/],
    [['--max-connections', '10k'], /--max-connections must be an integer/],
    [['--max-connections-per-ip', '-5'], /--max-connections-per-ip must be an integer/],
    [['--max-messages-per-ip', '0'], /--max-messages-per-ip must be/],
    [['--max-topics-per-connection', '100000'], /--max-topics-per-connection must be/],
    [['--trust-proxy=yes'], /--trust-proxy takes no value/],
    [['--redis', 'http://127.0.0.1:6379'], /--redis must be a redis:\/\/ or rediss:\/\/ URL/],
    [['--redis', 'redis://'], /--redis must be/],
    [['--redis-secret-file', '/etc/secret'], /only makes sense with --redis/],
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

  it('logs JSON lines, serves, and on SIGTERM says goodbye (1001) to clients and exits 0', async ({
    expect,
  }) => {
    const child = run(['--host', '127.0.0.1', '--port', '0']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const lines = () =>
      stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    try {
      await waitFor(() => lines().some((l) => l.event === 'listening'), 20_000);
      const url = String(lines().find((l) => l.event === 'listening')!.url);
      expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url.replace('ws:', 'http:')}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });

      const client = new WebSocket(url);
      const closed = once(client, 'close') as Promise<[number, Buffer]>;
      await once(client, 'open');
      client.send(JSON.stringify({ type: 'subscribe', topics: ['cli-room'] }));
      await waitFor(() => lines().some((l) => l.event === 'connection_opened'));
      const killedAt = Date.now();
      child.kill('SIGTERM');
      const [code] = await closed;
      expect(code).toBe(1001);
      expect(await exited).toEqual([0, null]);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      const events = lines().map((l) => l.event);
      expect(events).toContain('shutdown_started');
      expect(events.at(-1)).toBe('closed');
      for (const line of lines()) expect(typeof line.time).toBe('string');
      expect(stdout).not.toContain('cli-room');
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
