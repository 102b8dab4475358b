// `npm run care-check`: reads lines on standard input and prints, for each, `concern` or `none`
// (one line each, same order; an empty line gives `none`), so the care check can be measured
// on any set of sentences. It streams, so a million lines take no more memory than a few.
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { careCheck } from '../src-shared/care/care-check';

/** Lines written at once: one write per line would make large inputs slow. */
const BATCH = 1024;

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let out: string[] = [];
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    const ok = process.stdout.write(out.join('\n') + '\n');
    out = [];
    if (!ok) await once(process.stdout, 'drain');
  };
  for await (const line of lines) {
    out.push(careCheck(line));
    if (out.length >= BATCH) await flush();
  }
  await flush();
}

main().catch((error: unknown) => {
  process.stderr.write(`care-check: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
