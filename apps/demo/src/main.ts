#!/usr/bin/env node
// The Belitung Timur demo: node apps/demo/dist/main.js [--report FILE] [--seed N] [--kecamatan CODE]... [--photo-pages N] [--keep]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scriptArguments } from '@titip/config/node';
import { checkSeed, loadBelitungTimur } from './dataset/index.js';
import { reportTables } from './run/report-table.js';
import { runDemo } from './run/run-demo.js';

const usage = `Usage: pnpm demo [-- --report FILE] [--seed N] [--kecamatan CODE]... [--photo-pages N] [--keep]

Runs Pilkada 2024 in Kabupaten Belitung Timur end to end on 127.0.0.1: 192 TPS operators, 39 PPS relays,
7 PPK relay processes, a KPU server process, 3 island TPS reached only by a carrier, links failing on a schedule.
Every result carries the photos of its C.Hasil pages (generated PNGs of about 200 KB; --photo-pages N per result,
default 2, 0 for none), carried hop by hop to the server after the numbers. Ends with the server's totals next to
the published totals, the photos at the server and the islands' paths; writes the report as JSON (default
demo-output/belitung-timur-report.json) and prints its path on the last line. Exit 1 if anything is missing.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: scriptArguments(),
      options: {
        report: { type: 'string' },
        seed: { type: 'string' },
        kecamatan: { type: 'string', multiple: true },
        'photo-pages': { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const known = loadBelitungTimur().kecamatan.map((k) => k.kode);
  const unknown = (values.kecamatan ?? []).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    process.stderr.write(`demo: --kecamatan: unknown code ${unknown.join(', ')} (Belitung Timur has ${known.join(', ')})\n`);
    return 2;
  }
  const pagesText = values['photo-pages'];
  if (pagesText !== undefined && !/^[0-9]$/.test(pagesText)) {
    process.stderr.write(`demo: --photo-pages: expected 0 to 9 (photos per result), not ${JSON.stringify(pagesText)}\n`);
    return 2;
  }
  const seed = values.seed === undefined ? 20241127 : checkSeed(/^\d+$/.test(values.seed) ? Number(values.seed) : values.seed);
  const report = await runDemo({
    seed,
    ...(values.kecamatan ? { kecamatan: values.kecamatan } : {}),
    ...(pagesText !== undefined ? { photoPages: Number(pagesText) } : {}),
    keepWorkDir: values.keep ?? false,
  });
  process.stdout.write(`${reportTables(report, loadBelitungTimur())}\n`);
  const file = resolve(values.report ?? 'demo-output/belitung-timur-report.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${report.ok ? 'OK: every result, receipt and photo arrived; every total equals the published total.' : 'FAILED: see above.'}\n${file}\n`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
