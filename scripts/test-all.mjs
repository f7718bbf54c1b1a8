// The whole test suite, in CI order: typecheck/build, unit, integration, browser.
// Prints one closing line `tests: N passed, N failed` and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const only = process.argv.slice(2); // optional: project names to run, e.g. `unit integration`
const projects = only.length > 0 ? only : ['unit', 'integration', 'browser'];
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

if (projects.includes('browser')) ensureChromium();
process.stdout.write('\n== build (tsc -b)\n');
if (run('tsc', ['-b']) !== 0) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'titip-test-'));
let passed = 0;
let failed = 0;
let status = 0;
for (const project of projects) {
  process.stdout.write(`\n== ${project} tests\n`);
  const report = join(dir, `${project}.json`);
  const code = run('vitest', ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    if (result.numTotalTests === 0) {
      process.stdout.write(`project ${project} ran no test\n`);
      status = 1;
    }
  } catch {
    failed += 1;
  }
  if (code !== 0) status = 1;
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
