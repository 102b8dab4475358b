// Several hostile connections to one room, each from a Node process of its own (see
// hostile-flooder.ts for why processes), all flooding raw frames until the same moment.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FlooderOrder } from './hostile-flooder';

const FLOODER = fileURLToPath(new URL('./hostile-flooder.ts', import.meta.url));

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
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code, signal) =>
      reject(
        new Error(
          `flooder exited (${code ?? signal}) before it was done: ${lastError || 'no message'}`,
        ),
      ),
    ),
  );
  exited.catch(() => {});
  const outcome = Promise.race([written, exited]);
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
    exited.catch((e: unknown) => {
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
      flooders.push(await startFlooder({ ...order, allies }, readyWithinMs));
    }
  } catch (e) {
    stop();
    throw e;
  }
  return {
    async floodUntil(untilMs) {
      const allies = flooders.map((f) => f.peerId).join(',');
      for (const f of flooders) f.child.stdin!.write(`go ${untilMs} ${allies}\n`);
      const bytes = await Promise.all(flooders.map((f) => f.written));
      return bytes.reduce((a, b) => a + b, 0);
    },
    stop,
  };
}
