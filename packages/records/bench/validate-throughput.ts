/**
 * Record validation throughput on the server ingest / bulk sync path (hash check, strict decode, schema, rules
 * with the election definitions, credential chain, signature) for a realistic load: `--n` submissions from
 * `--operators` operators (one credential per TPS, two elections per TPS, see realistic-submissions.ts).
 * Each validator first validates `--warmup` submissions of other operators (untimed: the code is compiled and
 * the workers run, as in a long-running server), then the load: "cold" = its operator credentials are new to
 * the validator (a peer that has never seen them: an empty peer in bulk sync, or a server's first submission
 * of each TPS), "warm" = the same load again, credentials cached.
 * Besides wall-clock throughput it prints the CPU time per record of the whole process (all threads): on a
 * machine shared with other jobs that is the steadier figure; 2 free cores give at most 2,000,000 / cpu records/s.
 * Not a test. Build first (`npx pnpm@10.34.9 exec tsc -b`), then from the repo root:
 *   npx pnpm@10.34.9 exec node packages/records/bench/validate-throughput.ts [--n 10000] [--operators 5000] [--threads 2] [--batch 500]
 *     [--warmup 2000] [--only single,batch,pool,workers]
 */
import { parseArgs } from 'node:util';
import { providerBatchVerifier } from '@titip/identity';
import { createWorkerVerifier, nodeEd25519 } from '@titip/identity/node';
import { createRecordValidator, docIdOf, type RecordValidator, type RecordVerification, type ValidationEntry } from '../dist/index.js';
import { realisticSubmissions } from './realistic-submissions.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    operators: { type: 'string', default: '5000' },
    threads: { type: 'string', default: '2' },
    batch: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '2000' },
    only: { type: 'string' },
  },
});
const n = Number(values.n);
const threads = Number(values.threads);
const batchSize = Number(values.batch);
const provider = nodeEd25519;

const { root, elections, entries, warmup } = await realisticSubmissions(n, Number(values.operators), Number(values.warmup));
const byId = new Map(elections.map((e) => [e.id, e]));
const lookup = (id: string) => byId.get(id);
process.stdout.write(`${n} submissions of ${values.operators} operators, envelope ${entries[0]!.bytes.length} bytes\n`);

/** CPU time of the whole process (every thread), µs: what a record costs whatever else shares the cores. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
let cpuStart = cpuNow();
const report = (name: string, ms: number) => {
  const cpu = (cpuNow() - cpuStart) / n;
  process.stdout.write(
    `${name.padEnd(58)} ${n} in ${ms.toFixed(0).padStart(6)} ms = ${Math.round((n * 1000) / ms).toString().padStart(6)}/s, cpu ${cpu.toFixed(0).padStart(4)} µs/record\n`,
  );
};
/** What the sync layer reads of each verdict (`recordObjectValidator`): ok, kind, document id. */
const check = (results: RecordVerification[]) => {
  for (const r of results) {
    if (!r.ok) throw new Error(`rejected: ${r.failure.code} ${r.failure.message}`);
    if (r.record.kind !== 'submission' || docIdOf(r.record).length !== 10) throw new Error('unexpected record');
  }
};
const wanted = (name: string) => values.only === undefined || values.only.split(',').includes(name);

async function oneByOne(validate: RecordValidator): Promise<number> {
  cpuStart = cpuNow();
  const start = performance.now();
  for (const e of entries) check([await validate(e.id, e.bytes)]);
  return performance.now() - start;
}
async function inBatches(validate: RecordValidator, size: number, list: readonly ValidationEntry[] = entries): Promise<number> {
  cpuStart = cpuNow();
  const start = performance.now();
  for (let i = 0; i < list.length; i += size) check(await validate.batch(list.slice(i, i + size)));
  return performance.now() - start;
}

if (wanted('single')) {
  const single = createRecordValidator({ root: root.publicKey, provider, elections: lookup });
  for (const e of warmup) check([await single(e.id, e.bytes)]);
  report('one by one, main thread (cold)', await oneByOne(single));
  report('one by one, main thread (warm)', await oneByOne(single));
}
if (wanted('batch')) {
  const batched = createRecordValidator({ root: root.publicKey, provider, elections: lookup, batchVerifier: providerBatchVerifier(provider) });
  await inBatches(batched, batchSize, warmup);
  report(`batches of ${batchSize}, main thread (cold)`, await inBatches(batched, batchSize));
}
if (wanted('pool')) {
  const pool = createWorkerVerifier({ threads });
  await pool.verifyBatch([]);
  const pooled = createRecordValidator({ root: root.publicKey, provider, elections: lookup, batchVerifier: pool });
  await inBatches(pooled, batchSize, warmup);
  report(`batches of ${batchSize}, signatures in ${threads} workers (cold)`, await inBatches(pooled, batchSize));
  report(`batches of ${batchSize}, signatures in ${threads} workers (warm)`, await inBatches(pooled, batchSize));
  await pool.close();
}
if (wanted('workers')) {
  let node: typeof import('../dist/node/index.js') | undefined;
  try {
    node = await import('../dist/node/index.js');
  } catch {
    process.stdout.write('(no @titip/records/node build: worker record validator skipped)\n');
  }
  if (node !== undefined) {
    for (const [label, size] of [[`batches of ${batchSize}`, batchSize], [`one batch of ${n}`, n]] as const) {
      const workers = node.createWorkerRecordValidator({ threads, root: root.publicKey, elections });
      await inBatches(workers, batchSize, warmup);
      report(`${label}, whole validation in ${threads} workers (cold)`, await inBatches(workers, size));
      report(`${label}, whole validation in ${threads} workers (warm)`, await inBatches(workers, size));
      await workers.close();
    }
    const workers = node.createWorkerRecordValidator({ threads, root: root.publicKey, elections });
    await inBatches(workers, batchSize, warmup);
    cpuStart = cpuNow();
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < n; i += 100) inflight.push(workers.batch(entries.slice(i, i + 100)).then(check));
    await Promise.all(inflight);
    report(`concurrent batches of 100, ${threads} workers (cold)`, performance.now() - start);
    await workers.close();
  }
}
