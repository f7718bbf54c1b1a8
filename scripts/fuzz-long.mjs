// The long form of the fuzz suite: every decoder's fuzz properties (packages/*/test/fuzz, apps/*/test/fuzz) with
// TITIP_FUZZ_RUNS inputs per decoder in total (default 1,000,000), seeds fixed as in the quick form.
// Usage (after `tsc -b`): node scripts/fuzz-long.mjs [runs] [vitest filters…]
// Prints the time taken and one closing line `fuzz: N passed, N failed`; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `pnpm fuzz:long -- 1000` passes the `--` on: skip it.
const given = process.argv.slice(2);
const [first, ...rest] = given[0] === '--' ? given.slice(1) : given;
const runs = first !== undefined && /^\d+$/.test(first) ? first : (process.env.TITIP_FUZZ_RUNS ?? '1000000');
const filters = first !== undefined && !/^\d+$/.test(first) ? [first, ...rest] : rest;
const dir = mkdtempSync(join(tmpdir(), 'titip-fuzz-'));
const report = join(dir, 'fuzz.json');
const started = Date.now();
process.stdout.write(`== fuzz, long form: ${runs} inputs per decoder\n`);
const result = spawnSync(
  'vitest',
  ['run', '--project', 'unit', '--reporter=verbose', '--reporter=json', `--outputFile.json=${report}`, ...(filters.length > 0 ? filters : ['/test/fuzz/'])],
  { stdio: 'inherit', env: { ...process.env, TITIP_FUZZ_RUNS: runs } },
);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
let passed = 0;
let failed = 1;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
} catch {
  // no report: vitest itself failed
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`fuzz: ${passed} passed, ${failed} failed in ${minutes} min\n`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
