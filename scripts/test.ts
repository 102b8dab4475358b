// `npm test`: unit and end-to-end tests in one vitest run, then one closing line
// "N passed, N failed" (what CI reads). `--e2e-only` / `--unit-only` narrow the run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './chromium';

const args = process.argv.slice(2);
const projects = args.includes('--e2e-only')
  ? ['e2e']
  : args.includes('--unit-only')
    ? ['unit']
    : ['unit', 'e2e'];
const passThrough = args.filter((a) => !a.startsWith('--e2e-only') && !a.startsWith('--unit-only'));

if (projects.includes('e2e')) {
  try {
    process.env.HEARTH_CHROMIUM = findChromium();
  } catch (e) {
    console.error((e as Error).message);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const report = '.test-report.json';
rmSync(report, { force: true });
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...passThrough,
  ],
  { stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string }[];
  };
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  // A file that failed to load has no tests in it but must still fail the run.
  failed +=
    json.testResults.filter((f) => f.status === 'failed').length > 0 && failed === 0 ? 1 : 0;
  rmSync(report, { force: true });
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
