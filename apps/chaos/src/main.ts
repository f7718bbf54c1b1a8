#!/usr/bin/env node
// The chaos simulation: node apps/chaos/dist/main.js [--seed N] [--quick] [--flaps N] [--kills N] [--window-s N]
//   [--kecamatan CODE]... [--report FILE] [--keep]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scriptArguments } from '@titip/config/node';
import { checkSeed, loadBelitungTimur, type Seed } from '@titip/demo/dataset';
import { runChaos } from './run/run-chaos.js';
import { ChaosError } from './scenario/errors.js';

const usage = `Usage: pnpm chaos [-- --seed N] [--quick] [--flaps N] [--kills N] [--window-s N] [--kecamatan CODE]...
                  [--report FILE] [--keep]

A seeded chaos simulation of Belitung Timur on 127.0.0.1: the KPU server and 7 PPK relays as child processes,
39 PPS relays, 192 operator phones and a carrier per island in this process; link flaps, PPK relays killed with
SIGKILL and restarted from disk, operators submitting (some twice) throughout. Checks that every submission
reaches the server, every receipt its operator, every replica of a desa the same digest, the totals what was
signed. Writes the report as JSON (default chaos-output/chaos-report.json), its path on the last line.

  --seed N        the seed of the numbers and of the whole schedule (default 1): the same seed, the same schedule
  --quick         the CI form: kecamatan 190603 and 190606, 100 flaps, 3 kills within 30 s
  --flaps N       link flaps (default 1000; quick 100)
  --kills N       SIGKILLs of PPK relays (default 12; quick 3)
  --window-s N    seconds the events are spread over (default 240; quick 30)
  --kecamatan C   only this kecamatan, repeatable (default all seven; quick 190603 190606)
  --report FILE   where the JSON report goes
  --keep          keep the working directory (stores, keys)
Exit 0 when every check holds, 1 on any failure (the replay command is printed), 2 on bad arguments.`;

const QUICK = { kecamatan: ['190603', '190606'], flaps: 100, kills: 3, windowS: 30 };

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: scriptArguments(),
      options: {
        seed: { type: 'string' },
        quick: { type: 'boolean' },
        flaps: { type: 'string' },
        kills: { type: 'string' },
        'window-s': { type: 'string' },
        kecamatan: { type: 'string', multiple: true },
        report: { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`chaos: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const bad = (message: string) => {
    process.stderr.write(`chaos: ${message}\n`);
    return 2;
  };
  const integer = (value: string | undefined, name: string, fallback: number): number | string => {
    if (value === undefined) return fallback;
    return /^\d{1,7}$/.test(value) ? Number(value) : `--${name}: expected a non-negative integer, got ${JSON.stringify(value)}`;
  };
  const quick = values.quick ?? false;
  const flaps = integer(values.flaps, 'flaps', quick ? QUICK.flaps : 1000);
  const kills = integer(values.kills, 'kills', quick ? QUICK.kills : 12);
  const windowS = integer(values['window-s'], 'window-s', quick ? QUICK.windowS : 240);
  for (const v of [flaps, kills, windowS]) if (typeof v === 'string') return bad(v);
  const known = loadBelitungTimur().kecamatan.map((k) => k.kode);
  const kecamatan = values.kecamatan ?? (quick ? QUICK.kecamatan : undefined);
  const unknown = (kecamatan ?? []).filter((k) => !known.includes(k));
  if (unknown.length > 0) return bad(`--kecamatan: unknown code ${unknown.join(', ')} (Belitung Timur has ${known.join(', ')})`);
  let seed: Seed;
  try {
    seed = values.seed === undefined ? 1 : checkSeed(/^\d{1,15}$/.test(values.seed) ? Number(values.seed) : values.seed);
  } catch (error) {
    return bad(`--seed: ${(error as Error).message}`);
  }
  // The seed first, so that a run cut short can still be replayed.
  process.stdout.write(`seed: ${String(seed)}\n`);
  const flags = [
    `--seed ${String(seed)}`,
    ...(quick ? ['--quick'] : []),
    ...(values.flaps !== undefined ? [`--flaps ${flaps}`] : []),
    ...(values.kills !== undefined ? [`--kills ${kills}`] : []),
    ...(values['window-s'] !== undefined ? [`--window-s ${windowS}`] : []),
    ...(values.kecamatan ?? []).map((k) => `--kecamatan ${k}`),
  ];
  const replay = `npx pnpm@10.34.9 chaos -- ${flags.join(' ')}`;
  let report;
  try {
    report = await runChaos({
      seed,
      flaps: flaps as number,
      kills: kills as number,
      windowMs: (windowS as number) * 1000,
      ...(kecamatan ? { kecamatan } : {}),
      ...(quick ? { convergeTimeoutMs: 60_000 } : {}),
      replay,
      keepWorkDir: values.keep ?? false,
    });
  } catch (error) {
    if (error instanceof ChaosError) return bad(`${error.code}: ${error.message}`);
    throw error;
  }
  const file = resolve(values.report ?? 'chaos-output/chaos-report.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  const { submissions: s, peers } = report;
  process.stdout.write(
    [
      '',
      `peers ${peers.total} · flaps ${report.flaps} · kills ${report.kills} · restarts ${report.restarts} · submissions ${s.signed} (${s.revisions} corrections)`,
      `at the server ${s.atServer}/${s.signed} · receipts at operators ${s.receiptsAtOperators}/${s.signed} · replicas compared ${report.digests.replicas}, divergent documents ${report.digests.divergent.length}`,
      `converged ${report.convergedAfterLastEventMs === null ? 'never' : `${(report.convergedAfterLastEventMs / 1000).toFixed(1)} s`} after the last event · receipt latency p50 ${fmt(report.receiptLatency.p50Ms)}, p95 ${fmt(report.receiptLatency.p95Ms)}, max ${fmt(report.maxReceiptLatencyMs)} (islands ${fmt(report.maxIslandReceiptLatencyMs)}) · sync bytes sent ${report.bytes.sent}, received ${report.bytes.received}`,
      `machine: load average ${report.machine.loadAverageAtStart} at the start, ${report.machine.loadAverageAtEnd} at the end · event loop delay p99 ${report.machine.eventLoopDelayMs.p99} ms, max ${report.machine.eventLoopDelayMs.max} ms · ${(report.durationMs / 1000).toFixed(0)} s in all`,
      report.ok ? 'OK: every check held.' : `FAILED (${report.failures.length}):\n  ${report.failures.join('\n  ')}\nreplay: ${replay}`,
      file,
      '',
    ].join('\n'),
  );
  return report.ok ? 0 : 1;
}

function fmt(ms: number | null): string {
  return ms === null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
