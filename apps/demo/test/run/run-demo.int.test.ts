import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/run/run-demo.js';

describe('the Belitung Timur demo', () => {
  it('delivers every result, receipt and page photo of two kecamatan, islands included, with totals equal to the published ones', async () => {
    const lines: string[] = [];
    // Dendang (16 TPS) and Simpang Renggiang (12 TPS): 56 results, 3 islands in three desa, link failures.
    const report = await runDemo({ kecamatan: ['190603', '190606'], seed: 7, flaps: 6, timeoutMs: 150_000, log: (l) => lines.push(l) });
    expect(report.expected).toBe(56);
    expect(report.atServer).toBe(56);
    expect(report.receiptsAtOperators).toBe(56);
    expect(report.totalsMatchPublished).toBe(true);
    // 56 results × 2 page photos of ~200 KB, every one at the server, island ones by the carrier's boat.
    expect(report.photos).toMatchObject({ expected: 112, atServer: 112 });
    expect(report.photos.bytes).toBe(report.photos.bytesExpected);
    expect(report.photos.bytes).toBeGreaterThan(112 * 180_000);
    expect(report.photos.bytes).toBeLessThan(112 * 220_000);
    expect(report.photos.allAtServerSeconds).toBeGreaterThan(0);
    expect(report.totals.pkwkk['190603']).toEqual(report.published.pkwkk['190603']);
    expect(report.totals.pkwkp['190606']).toEqual(report.published.pkwkp['190606']);
    expect(new Set(report.islands.map((i) => i.desa)).size).toBe(3);
    for (const island of report.islands) {
      // every hop happened, in order
      const times = island.hops.map((h) => h.atSeconds);
      expect(times.every((t) => t !== null)).toBe(true);
      const first = times[0]!;
      expect(times.every((t) => t! >= first)).toBe(true);
    }
    expect(report.ok).toBe(true);
    expect(lines.some((l) => l.includes('carrier: delivered 2 receipts'))).toBe(true);
    expect(lines.some((l) => l.includes('carrier: collected 2 signed results and then 4 page photos'))).toBe(true);
    expect(lines.some((l) => /photos at server 112\/112/.test(l))).toBe(true);
  });

  it('as a command: writes the report where --report says and prints its path alone on the last line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'titip-demo-cli-'));
    try {
      const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
      const file = join(dir, 'report.json');
      // As `pnpm demo -- --kecamatan …` runs it (README): pnpm passes the `--` on.
      const run = spawnSync(process.execPath, [main, '--', '--kecamatan', '190606', '--seed', '3', '--photo-pages', '1', '--report', file], { encoding: 'utf8', timeout: 150_000 });
      expect(run.status).toBe(0);
      const last = run.stdout.trimEnd().split('\n').at(-1);
      expect(last).toBe(file);
      const report = JSON.parse(readFileSync(file, 'utf8'));
      expect(report).toMatchObject({ expected: 24, atServer: 24, receiptsAtOperators: 24, photos: { expected: 24, atServer: 24 } });
      expect(run.stdout).toMatch(/\nphotos: expected 24 · at server 24 · \d+\.\d of \d+\.\d MB · the last one at \d+\.\ds\n/);
      expect(Object.keys(report.totals.pkwkk)).toEqual(['190606']);
      const bad = spawnSync(process.execPath, [main, '--no-such-flag'], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('no-such-flag');
      const pages = spawnSync(process.execPath, [main, '--photo-pages', 'many'], { encoding: 'utf8' });
      expect(pages.status).toBe(2);
      expect(pages.stderr).toContain('--photo-pages: expected 0 to 9');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
