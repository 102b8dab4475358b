// The blind relay as its own process (`npm run relay`), for tests: started on a data directory
// with the given codes, ready once it logs so, killed with -9 or stopped gracefully, its JSON log
// lines kept. Node runs the CLI directly (not through tsx's wrapper process), so that kill -9
// hits the relay itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { roomFor } from '../../src-shared/crypto/keys';
import { randomBytes } from '../../src-shared/crypto/random';
import { encodeRelayCode } from '../../src-shared/relay-code';

const CLI = resolve(import.meta.dirname, '../../src-server/relay/cli.ts');

/** One line of the relay's log. */
export type RelayLogLine = { event: string } & Record<string, unknown>;

/**
 * A fresh relay code for a room, naming `signalingUrl` (or no server, for a relay given one with
 * --signal): what a facilitator's app would make.
 */
export function makeRelayCode(
  signalingUrl: string | null,
  roomSecret = randomBytes(32),
  epoch = 1,
) {
  const relaySeed = randomBytes(32);
  const signalingUrls = signalingUrl === null ? [] : [signalingUrl];
  const token = encodeRelayCode({ relaySeed, epoch, roomSecret, signalingUrls });
  return { token, relaySeed, roomSecret, room: roomFor(roomSecret) };
}

/** A fresh data directory, and how to delete it. */
export function relayDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-relay-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `npm run relay -- <args>` to its end (add, remove, a bad code). */
export function runRelayCli(
  args: string[],
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, out, err })));
}

export class RelayProcess {
  private readonly lines: RelayLogLine[] = [];
  private readonly waiters = new Set<() => void>();
  private partial = '';
  private stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (b: Buffer) => this.read(b.toString()));
    child.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString()));
    this.exited = new Promise((done) => child.on('exit', (code) => done(code)));
    void this.exited.then(() => this.waiters.forEach((w) => w()));
  }

  /** Starts the relay on `dataDir` with `codes` (none: the codes already kept there). */
  static async start(
    dataDir: string,
    codes: string[] = [],
    extra: string[] = [],
  ): Promise<RelayProcess> {
    const args = ['--data', dataDir, ...codes.flatMap((c) => ['--code', c]), ...extra];
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const relay = new RelayProcess(child);
    await relay.waitFor((l) => l.event === 'ready', 30_000);
    return relay;
  }

  /** Whether the relay is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Every log line so far. */
  get log(): readonly RelayLogLine[] {
    return this.lines;
  }

  /** The raw stdout and stderr text a test may search (e.g. for a room name that must not be there). */
  get stderrText(): string {
    return this.stderr;
  }

  /** Resolves with the first line (seen already or to come) that `match` accepts. */
  waitFor(match: (line: RelayLogLine) => boolean, timeoutMs = 15_000): Promise<RelayLogLine> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const line = this.lines.find(match);
        if (line) {
          finish();
          resolve(line);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          finish();
          reject(
            new Error(
              `relay exited (${this.child.exitCode ?? this.child.signalCode}): ${this.stderr}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error('relay log line not seen in time'));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(look);
      };
      this.waiters.add(look);
      look();
    });
  }

  /** Settles as `wait` does; a failure also says what the relay logged last, and its stderr. */
  async explain<T>(wait: Promise<T>): Promise<T> {
    try {
      return await wait;
    } catch (e) {
      const tail = this.lines.slice(-12).map((l) => JSON.stringify(l));
      throw new Error(
        `${e instanceof Error ? e.message : String(e)}\nThe relay's last log lines:\n${tail.join('\n')}` +
          (this.stderr ? `\nIts stderr: ${this.stderr.slice(-2_000)}` : ''),
        { cause: e },
      );
    }
  }

  /** Kills the relay with SIGKILL, at whatever it is doing, and waits for it to be gone. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Stops the relay gracefully (SIGTERM); resolves with its exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  private read(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    for (const part of parts) {
      try {
        this.lines.push(JSON.parse(part) as RelayLogLine);
      } catch {
        this.lines.push({ event: 'not-json', text: part });
      }
    }
    for (const w of [...this.waiters]) w();
  }
}
