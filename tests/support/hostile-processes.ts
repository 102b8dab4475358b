// Several hostile connections to one room, each from a Node process of its own (see
// hostile-flooder.ts for why processes), all flooding raw frames until the same moment.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FlooderOrder } from './hostile-flooder';

const FLOODER = fileURLToPath(new URL('./hostile-flooder.ts', import.meta.url));

/** A flooder process that ended before it said what it wrote. */
class FlooderEnded extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    lastError: string,
  ) {
    super(`flooder exited (${code ?? signal}) before it was done: ${lastError}`);
  }
}

/** One flooder process, once it has said "ready"; `written` settles with its byte count. */
interface Flooder {
  child: ChildProcess;
  peerId: string;
  written: Promise<number>;
}

function startFlooder(order: FlooderOrder, readyWithinMs: number): Promise<Flooder> {
  const child = spawn(process.execPath, ['--import', 'tsx', FLOODER, JSON.stringify(order)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout });
  // What the process said last on stderr goes into the error, so a failure names its cause.
  let lastError = '';
  createInterface({ input: child.stderr }).on('line', (line) => {
    process.stderr.write(`[flooder] ${line}\n`);
    if (line.trim() !== '') lastError = line.trim();
  });
  let onWritten: (bytes: number) => void = () => {};
  const written = new Promise<number>((resolve) => (onWritten = resolve));
  // 'close' comes after the last of stdout is read, so a "written" line is never lost to the
  // process ending just after it ('exit' can come first).
  const ended = new Promise<never>((_, reject) =>
    child.on('close', (code, signal) =>
      reject(new FlooderEnded(code, signal, lastError || 'no message')),
    ),
  );
  ended.catch(() => {});
  const outcome = Promise.race([written, ended]);
  outcome.catch(() => {}); // awaited by floodUntil; a flooder stopped before then is no error
  return new Promise<Flooder>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`a flooder was not in touch with its targets within ${readyWithinMs} ms`));
    }, readyWithinMs);
    lines.on('line', (line) => {
      if (line.startsWith('ready ')) {
        clearTimeout(timer);
        resolve({ child, peerId: line.slice(6), written: outcome });
      } else if (line.startsWith('written ')) onWritten(Number(line.slice(8)));
    });
    ended.catch((e: unknown) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Flooder processes, all in touch with their targets, ready to be let go together. */
export interface FlooderCrew {
  /** Floods from every process until `untilMs` (Date.now()); resolves with the bytes written. */
  floodUntil(untilMs: number): Promise<number>;
  /** Ends every process still running. */
  stop(): void;
}

/**
 * Starts `count` flooder processes, one after another (announcing at once invites offer glare),
 * each waiting until it is in touch with `order.targets` honest peers.
 */
export async function startFlooders(
  order: Omit<FlooderOrder, 'allies'>,
  count: number,
  readyWithinMs = 45_000,
): Promise<FlooderCrew> {
  const flooders: Flooder[] = [];
  const stop = () => flooders.forEach((f) => f.child.exitCode === null && f.child.kill());
  try {
    for (let i = 0; i < count; i++) {
      const allies = flooders.map((f) => f.peerId);
      // A flooder that ended while getting in touch is replaced once: one that crashed (see
      // floodUntil), or one whose room never settled (seen on CI: "hostile peer reached 2 of 2
      // peers", a connection left over from a glare still unsynced), as HostileCrew rejoins.
      const start = () => startFlooder({ ...order, allies }, readyWithinMs);
      flooders.push(
        await start().catch((e: unknown) => {
          if (!(e instanceof FlooderEnded)) throw e;
          process.stderr.write(`[flooder] ${e.message}; starting another\n`);
          return start();
        }),
      );
    }
  } catch (e) {
    stop();
    throw e;
  }
  return {
    async floodUntil(untilMs) {
      const allies = flooders.map((f) => f.peerId).join(',');
      for (const f of flooders) f.child.stdin!.write(`go ${untilMs} ${allies}\n`);
      const outcomes = await Promise.allSettled(flooders.map((f) => f.written));
      // @roamhq/wrtc (libwebrtc under node-webrtc) can crash a process whose channels are being
      // cut off under a flood (seen on CI: SIGSEGV; upstream node-webrtc/node-webrtc#710 and
      // feross/simple-peer#812 are crashes of the same library). A hostile peer that crashes has
      // done its part; the attack only fails to happen if every flooder crashed.
      const crashed = outcomes.filter(
        (o): o is PromiseRejectedResult =>
          o.status === 'rejected' && o.reason instanceof FlooderEnded && o.reason.signal !== null,
      );
      for (const c of crashed) process.stderr.write(`[flooder] ${String(c.reason)}\n`);
      const failed = outcomes.find(
        (o): o is PromiseRejectedResult => o.status === 'rejected' && !crashed.includes(o),
      );
      if (failed) throw failed.reason;
      if (crashed.length === outcomes.length) throw crashed[0]!.reason;
      return outcomes.reduce((a, o) => a + (o.status === 'fulfilled' ? o.value : 0), 0);
    },
    stop,
  };
}
