#!/usr/bin/env node
// titip bench: measures the targets of the core issue and writes the figures to a JSON file.
//   node apps/bench/dist/main.js [--out FILE] [--quick] [--photos-only | --skip-photos]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scriptArguments } from '@titip/config/node';
import { benchBulkSync } from './scenarios/bulk-sync.js';
import { benchPhotos } from './scenarios/photo-figures.js';
import { benchReconnect } from './scenarios/reconnect.js';
import { benchServerIngest } from './scenarios/server-ingest.js';
import { benchThreeHops } from './scenarios/three-hops.js';
import { syntheticResults } from './synthetic-results.js';

const { values } = parseArgs({ args: scriptArguments(), options: { out: { type: 'string' }, quick: { type: 'boolean' }, 'photos-only': { type: 'boolean' }, 'skip-photos': { type: 'boolean' } } });
const quick = values.quick ?? false;
const out = resolve(values.out ?? 'bench-results/latest.json');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs a scenario `runs` times and returns the run with the median `key`, with every run's `key` under `listName`. */
async function medianOf<F extends object>(runs: number, scenario: () => Promise<F>, key: (figures: F) => number, listName: string): Promise<F & Record<string, number[]>> {
  const all: F[] = [];
  for (let i = 0; i < runs; i++) {
    all.push(await scenario());
    log(JSON.stringify(all.at(-1)));
  }
  const sorted = [...all].sort((a, b) => key(a) - key(b));
  return { ...sorted[Math.floor(sorted.length / 2)]!, [listName]: all.map(key) } as F & Record<string, number[]>;
}

const figures: Record<string, unknown> = {
  machine: { cpus: availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}`, loadAverageAtStart: loadavg()[0] },
  startedAt: new Date().toISOString(),
  quick,
};

if (values['photos-only']) {
  // Only the photo scenarios: their figures replace those in --out, every other figure is kept.
  const previous = JSON.parse(await readFile(out, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  const photos = await benchPhotos(quick, log);
  const updated = { ...previous, ...photos, photosRun: { machine: figures.machine, startedAt: figures.startedAt, finishedAt: new Date().toISOString(), quick } };
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(updated, null, 2)}\n`);
  process.stdout.write(`${out}\n`);
  process.exit(0);
}

log('signing synthetic results…');
const bulk = await syntheticResults(quick ? 1000 : 5000, 'bench-bulk');
log(`bulk sync of ${bulk.submissions.length} submissions to an empty peer…`);
// Three runs, the median reported whole (the machine's speed drifts from minute to minute): `runsMs` lists all.
figures.bulkSync = await medianOf(3, () => benchBulkSync(bulk, 2), (f) => f.syncMs, 'runsMs');
log(JSON.stringify(figures.bulkSync));

const agreed = await syntheticResults(1000, 'bench-reconnect');
log(`reconnect of two peers in agreement with ${agreed.submissions.length} slots…`);
figures.reconnectInAgreement = await benchReconnect(agreed);
log(JSON.stringify(figures.reconnectInAgreement));

// The first ingest in this process compiles the hot code (V8's JIT for JavaScript and Automerge's WebAssembly, about
// 1.3 s of CPU on V8's threads): its figure is the start-up of a server, kept as serverIngestColdStart; the figures
// below are those of a server that has been running, as on election night.
log(`server ingest of ${quick ? 500 : 2000} submissions by a server just started (warms it up)…`);
figures.serverIngestColdStart = await benchServerIngest(quick ? 250 : 1000, 2, { label: 'bench-cold-start' });
log(JSON.stringify(figures.serverIngestColdStart));

log(`server ingest of ${bulk.submissions.length} submissions from one relay…`);
figures.serverIngest = await medianOf(3, () => benchServerIngest(quick ? 1000 : 5000, 2), (f) => f.perSecond, 'runsPerSecond');
log(JSON.stringify(figures.serverIngest));

log(`server ingest of ${bulk.submissions.length} submissions from one relay, without credential standing…`);
figures.serverIngestWithoutStanding = await benchServerIngest(quick ? 1000 : 5000, 2, { judgeStanding: false });
log(JSON.stringify(figures.serverIngestWithoutStanding));

log(`server ingest of ${bulk.submissions.length} submissions from 7 relays at once…`);
figures.serverIngestSevenSenders = await benchServerIngest(quick ? 1000 : 5000, 2, { senders: 7 });
log(JSON.stringify(figures.serverIngestSevenSenders));

log('one new submission across 3 hops and its receipt back…');
figures.threeHops = await benchThreeHops(agreed, quick ? 4 : 10);
log(JSON.stringify(figures.threeHops));

if (values['skip-photos']) {
  // Every figure but the photo scenarios', which are kept from --out as they were.
  const previous = JSON.parse(await readFile(out, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(previous)) if (key.startsWith('photo')) figures[key] = value;
} else {
  Object.assign(figures, await benchPhotos(quick, log));
}

figures.finishedAt = new Date().toISOString();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(figures, null, 2)}\n`);
process.stdout.write(`${out}\n`);
