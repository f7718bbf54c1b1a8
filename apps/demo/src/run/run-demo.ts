import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signSubmission } from '@titip/cli';
import { docIdOf, type PhotoRef, type SubmissionRecord } from '@titip/records';
import type { Relay } from '@titip/relay';
import { DEFAULT_PAGE_PHOTO_BYTES, generateResults, loadBelitungTimur, pagePhoto, pickIslandTps, type ElectionKey, type Seed } from '../dataset/index.js';
import { startDaemon, type Daemon } from './child-process.js';
import { startCarrier, startOperators, startPpsRelays, stopPhone, type OperatorPhone } from './field.js';
import { createIdentities } from './identities.js';
import { linkSchedule } from './link-schedule.js';
import { islandPath, type IslandPath } from './island-path.js';
import { ownSubmissions, sail, until } from './voyage.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Seed of the per-TPS numbers, the island picks and the link schedule. @default 20241127 */
  readonly seed?: Seed;
  /** Only these kecamatan (codes); all seven by default. Tests run a smaller demo. */
  readonly kecamatan?: readonly string[];
  /** Link failures to schedule. @default 12 */
  readonly flaps?: number;
  /** Give up after this long. @default 600000 */
  readonly timeoutMs?: number;
  /** Where progress lines go. @default stdout */
  readonly log?: (line: string) => void;
  /** Keep the working directory (keys, stores) instead of removing it. */
  readonly keepWorkDir?: boolean;
  /** Page photos per result (C.Hasil pages photographed); 0 for none. @default 2 */
  readonly photoPages?: number;
  /** Target size of a page photo in bytes (each is ±10 %, by the seed). @default 200000 */
  readonly photoBytes?: number;
}

/** The photos part of {@link DemoReport}. */
export interface DemoPhotoReport {
  /** Page photos signed by the operators, and held whole by the server at the end. */
  expected: number;
  atServer: number;
  /** Photo bytes held at the server (the bytes that came up every hop to it). */
  bytes: number;
  /** Photo bytes all of them make (what `bytes` is when every photo arrived). */
  bytesExpected: number;
  /** Seconds from the start until the last photo reached the server, or null if some never did (or there were none). */
  allAtServerSeconds: number | null;
}

/** The demo's result, as written to the report file. */
export interface DemoReport {
  expected: number;
  atServer: number;
  receiptsAtOperators: number;
  totals: Record<ElectionKey, Record<string, Record<string, number>>>;
  published: Record<ElectionKey, Record<string, Record<string, number>>>;
  totalsMatchPublished: boolean;
  photos: DemoPhotoReport;
  islands: IslandPath[];
  linkFlaps: number;
  seed: Seed;
  durationMs: number;
  ok: boolean;
}

const serverMain = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
const relayMain = fileURLToPath(new URL('../../../relay/dist/main.js', import.meta.url));

/**
 * Runs Belitung Timur's Pilkada 2024 end to end on loopback: a KPU server process, one PPK relay process per
 * kecamatan, and in this process a PPS relay per desa, an operator phone per TPS and a carrier; three island TPS
 * reached only by the carrier; links failing on a schedule. Resolves with the report (never throws for a missing
 * result: `ok` says whether everything arrived and every total equals the published one).
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const seed = options.seed ?? 20241127;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const data = loadBelitungTimur();
  const kecamatan = data.kecamatan.filter((k) => !options.kecamatan || options.kecamatan.includes(k.kode));
  const results = generateResults({ seed, dataset: data }).tps.filter((t) => kecamatan.some((k) => k.kode === t.kecamatan));
  const tpsList = results.map(({ tps, desa, kecamatan: kec }) => ({ tps, desa, kecamatan: kec }));
  const islandTps = pickIslandTps(tpsList, seed);
  const desaCodes = [...new Set(tpsList.map((t) => t.desa))];
  const expected = tpsList.length * 2;
  const photoPages = options.photoPages ?? 2;
  const photoBytes = options.photoBytes ?? DEFAULT_PAGE_PHOTO_BYTES;
  const photosExpected = expected * photoPages;
  const elections: ElectionKey[] = ['pkwkp', 'pkwkk'];
  const work = await mkdtemp(join(tmpdir(), 'titip-demo-'));
  const daemons: Daemon[] = [];
  let pps = new Map<string, Relay>();
  let operators = new Map<string, OperatorPhone>();
  let carrier: Awaited<ReturnType<typeof startCarrier>> | undefined;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const say = (line: string) => log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
  try {
    say(`Belitung Timur (1906): ${kecamatan.length} kecamatan, ${desaCodes.length} desa, ${tpsList.length} TPS, 2 elections → ${expected} signed results, ${photosExpected} page photos`);
    const identities = await createIdentities(work, data, tpsList, Date.now());
    say(`issued credentials: 1 issuer, 1 server, ${kecamatan.length} PPK, ${desaCodes.length} PPS, ${tpsList.length} operators`);
    const server = await startDaemon('server', serverMain, [
      '--data-dir', join(work, 'server'), '--network', identities.networkFile, '--key', identities.server.keyFile,
      '--credential', identities.server.credentialFile, '--listen', '/ip4/127.0.0.1/tcp/0', '--http', '127.0.0.1:0',
    ]);
    daemons.push(server);
    const api = server.ready.http!;
    say(`KPU server up (process ${server.child.pid}), API ${api}`);
    const ppkAddress = new Map<string, string>();
    await Promise.all(
      kecamatan.map(async (k) => {
        const ppk = identities.ppk.get(k.kode)!;
        const daemon = await startDaemon(`ppk-${k.kode}`, relayMain, [
          '--data-dir', join(work, `ppk-${k.kode}`), '--network', identities.networkFile, '--scope', k.kode, '--key', ppk.keyFile,
          '--credential', ppk.credentialFile, '--listen', '/ip4/127.0.0.1/tcp/0', '--dial', server.ready.addresses[0]!,
        ]);
        daemons.push(daemon);
        ppkAddress.set(k.kode, daemon.ready.addresses[0]!);
      }),
    );
    say(`${kecamatan.length} PPK relays up (one process each), each linked to the server`);
    pps = await startPpsRelays(work, identities, desaCodes);
    const ppsUplink = (desa: string) => ppkAddress.get(desa.slice(0, 6))!;
    for (const [desa, relay] of pps) relay.node.peer.keep(ppsUplink(desa), { minDelayMs: 200, maxDelayMs: 2000 });
    operators = await startOperators(work, identities, tpsList);
    const isIsland = (tps: string) => islandTps.some((i) => i.tps === tps);
    const operatorUplink = (tps: string) => pps.get(tps.slice(0, 10))!.node.peer.addresses[0]!;
    for (const [tps, phone] of operators) if (!isIsland(tps)) phone.node.peer.keep(operatorUplink(tps), { minDelayMs: 200, maxDelayMs: 2000 });
    carrier = await startCarrier(work, identities, data.kabupaten.kode);
    say(`field: ${pps.size} PPS relays, ${operators.size} operator phones, 1 carrier (this process)`);
    say(`island TPS (no link until the boat comes): ${islandTps.map((i) => i.tps).join(', ')}`);

    // Links fail and come back on a seeded schedule.
    const flaps = linkSchedule(seed, [...desaCodes.map((d) => `pps:${d}`), ...tpsList.filter((t) => !isIsland(t.tps)).map((t) => `operator:${t.tps}`)], options.flaps ?? 12, 15_000);
    const linkOf = (link: string) => {
      const [kind, code] = link.split(':') as [string, string];
      return kind === 'pps' ? { peer: pps.get(code)!.node.peer, target: ppsUplink(code) } : { peer: operators.get(code)!.node.peer, target: operatorUplink(code) };
    };
    for (const flap of flaps) {
      timers.push(setTimeout(() => {
        const { peer, target } = linkOf(flap.link);
        void peer.release(target);
        timers.push(setTimeout(() => peer.keep(target, { minDelayMs: 200, maxDelayMs: 2000 }), flap.downForMs));
      }, flap.downAtMs));
    }

    // Every KPPS operator photographs the pages (the photos stay on the phone, their hashes go into the result), signs
    // both forms (the rule gate runs on each), then queues them on the phone.
    const byTps = new Map<string, SubmissionRecord[]>();
    let photoBytesSigned = 0;
    for (const result of results) {
      const holder = identities.operators.get(result.tps)!;
      const phone = operators.get(result.tps)!;
      const records: SubmissionRecord[] = [];
      for (const election of elections) {
        const definition = data.elections[election];
        const photos: PhotoRef[] = [];
        for (let page = 1; page <= photoPages; page++) {
          const { info } = await phone.photos.blobs.put(pagePhoto(seed, result.tps, definition.id, page, photoBytes), { type: 'image/png', own: true });
          photos.push({ sha256: info.sha256, page, size: info.size, type: info.type });
          photoBytesSigned += info.size;
        }
        records.push(await signSubmission({ keyPair: holder.keyPair, chain: holder.credential, tps: result.tps, election: definition.id, form: result.forms[election], photos, electionDefinition: definition, root: identities.network.root }));
      }
      byTps.set(result.tps, records);
    }
    say(`${expected} results signed by ${results.length} operators, with ${photosExpected} page photos (${(photoBytesSigned / 1e6).toFixed(1)} MB) on their phones`);

    let atServer = 0;
    let photosAtServer = 0;
    let photoBytesAtServer = 0;
    let photoRate = 0;
    let allPhotosAt: number | null = null;
    const receiptsAtOperators = () => [...operators.values()].reduce((n, p) => n + ownSubmissions(p).filter((id) => p.ledger.receiptFor(id)).length, 0);
    const poll = async () => {
      const status = (await (await fetch(`${api}/api/v1/status`)).json()) as { counts: { submissions: number }; photos: { held: number; bytesDone: number; rateIn: number } };
      atServer = status.counts.submissions;
      photosAtServer = status.photos.held;
      photoBytesAtServer = status.photos.bytesDone;
      photoRate = status.photos.rateIn;
      if (allPhotosAt === null && photosExpected > 0 && photosAtServer >= photosExpected) allPhotosAt = Date.now();
    };
    const progress = setInterval(() => {
      void poll().then(
        () =>
          say(
            `server holds ${atServer}/${expected} results · receipts back at operators ${receiptsAtOperators()}/${expected} · ` +
              `photos at server ${photosAtServer}/${photosExpected} (${(photoBytesAtServer / 1e6).toFixed(1)} MB, ${(photoRate / 1e6).toFixed(1)} MB/s)`,
          ),
        () => undefined,
      );
    }, 2000);
    const signedAt = new Map<string, number>();
    await Promise.all(
      [...byTps].map(async ([tps, records]) => {
        await operators.get(tps)!.node.replica.addLocal(docIdOf(records[0]!), records.map((r) => ({ id: r.id, bytes: r.bytes })), { trusted: true });
        signedAt.set(tps, Date.now());
      }),
    );
    say(`all ${expected} results queued on the operators' phones; the links carry them up`);
    const islands = islandTps.map((i) => operators.get(i.tps)!);
    // A stop lasts until the boat holds the island's results and page photos (or the PPS does): give it time, the
    // field process is busy with 231 peers when the boat leaves.
    const voyage = sail(carrier, islands, (island) => pps.get(island.tps.desa)!, { sailingMs: 500, stopTimeoutMs: 120_000, log: say });
    const deadline = started + timeoutMs;
    let voyageError: unknown;
    await voyage.catch((error: unknown) => (voyageError = error));
    if (voyageError) say(`the voyage failed: ${(voyageError as Error).message}`);
    // Without the boat the island results, receipts and photos cannot arrive: wait only for the others then.
    const islandResults = voyageError ? islands.reduce((n, island) => n + ownSubmissions(island).length, 0) : 0;
    const receiptsDue = expected - islandResults;
    const photosDue = photosExpected - islandResults * photoPages;
    await until(() => receiptsAtOperators() >= receiptsDue || Date.now() > deadline, Math.max(1, deadline - Date.now()) + 1000, 'all receipts').catch(() => undefined);
    // The photos follow the numbers: wait for the last of them at the server.
    while (Date.now() <= deadline) {
      await poll().catch(() => undefined);
      if (photosAtServer >= photosDue) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await poll().catch(() => undefined);
    clearInterval(progress);
    say(
      `done: server holds ${atServer}/${expected} results · receipts back at operators ${receiptsAtOperators()}/${expected} · ` +
        `photos at server ${photosAtServer}/${photosExpected} (${(photoBytesAtServer / 1e6).toFixed(1)} MB)`,
    );

    // Totals as the server publishes them, next to KPU's published totals.
    const totals = {} as DemoReport['totals'];
    const published = {} as DemoReport['published'];
    for (const election of elections) {
      // A receipt leaves the server in the write that stores its result; the totals count it once it is judged, a
      // moment later: read them once every TPS is counted (or after 10 s, whatever they say then).
      const url = `${api}/api/v1/totals/${data.elections[election].id}/${data.kabupaten.kode}`;
      type TotalsAnswer = { totals: { tps: number }; children: { region: string; paslon: Record<string, number> }[] };
      let response = (await (await fetch(url)).json()) as TotalsAnswer;
      for (let waited = 0; response.totals.tps < tpsList.length && receiptsAtOperators() === expected && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        response = (await (await fetch(url)).json()) as TotalsAnswer;
      }
      totals[election] = Object.fromEntries(response.children.map((row) => [row.region, row.paslon]));
      published[election] = Object.fromEntries(kecamatan.map((k) => [k.kode, data.published[election][k.kode]!]));
    }
    const totalsMatchPublished = elections.every((e) => kecamatan.every((k) => sameVotes(totals[e][k.kode], published[e][k.kode])));
    const paths = islands.map((island) => islandPath(island, byTps.get(island.tps.tps)!, signedAt.get(island.tps.tps)!, carrier!, pps.get(island.tps.desa)!, started));
    const received = receiptsAtOperators();
    return {
      expected,
      atServer,
      receiptsAtOperators: received,
      totals,
      published,
      totalsMatchPublished,
      photos: {
        expected: photosExpected,
        atServer: photosAtServer,
        bytes: photoBytesAtServer,
        bytesExpected: photoBytesSigned,
        allAtServerSeconds: allPhotosAt === null ? null : Math.round((allPhotosAt - started) / 100) / 10,
      },
      islands: paths,
      linkFlaps: flaps.length,
      seed,
      durationMs: Date.now() - started,
      ok: atServer === expected && received === expected && photosAtServer === photosExpected && totalsMatchPublished && !voyageError,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.allSettled([...operators.values()].map((p) => stopPhone(p)));
    await Promise.allSettled([...pps.values()].map((r) => r.stop()));
    if (carrier) await Promise.allSettled([stopPhone(carrier)]);
    await Promise.allSettled(daemons.map((d) => d.stop()));
    if (!options.keepWorkDir) await rm(work, { recursive: true, force: true });
  }
}

function sameVotes(a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean {
  if (!a || !b) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

