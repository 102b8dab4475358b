// `npm test`: the static checks (type check, lint, formatting), then unit and end-to-end tests
// in one vitest run, then one closing line "N passed, N failed" (what CI reads); each static
// check counts as one test. `--e2e-only` / `--unit-only` narrow the run to vitest.
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

/** The checks that read the whole tree, run before the tests: each is one pass or one fail. */
const STATIC_CHECKS: [name: string, script: string][] = [
  ['type check (tsc -b)', 'typecheck'],
  ['lint (eslint)', 'lint'],
  ['formatting (prettier --check)', 'format:check'],
];
const narrowed = args.some((a) => a === '--e2e-only' || a === '--unit-only');
let staticPassed = 0;
let staticFailed = 0;
if (!narrowed) {
  for (const [name, script] of STATIC_CHECKS) {
    const started = Date.now();
    const check = spawnSync('npm', ['run', '--silent', script], {
      stdio: 'inherit',
      env: process.env,
    });
    const ok = check.status === 0;
    console.log(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (ok) staticPassed++;
    else staticFailed++;
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

let passed = staticPassed;
let failed = staticFailed;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string }[];
  };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that failed to load has no tests in it but must still fail the run.
  const brokenFiles = json.testResults.filter((f) => f.status === 'failed').length;
  if (brokenFiles > 0 && json.numFailedTests === 0) failed += 1;
  rmSync(report, { force: true });
} else {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
