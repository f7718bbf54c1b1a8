import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signSubmission } from '@titip/cli';
import {
  createIdentities,
  sail,
  sleep,
  startCarrier,
  startDaemon,
  startOperators,
  startPpsRelays,
  type CarrierPhone,
  type Daemon,
  type OperatorPhone,
} from '@titip/demo';
import { generateResults, loadBelitungTimur, pickIslandTps, type ElectionKey, type Seed } from '@titip/demo/dataset';
import { toHex } from '@titip/identity';
import { docIdOf, type SubmissionRecord } from '@titip/records';
import type { Relay } from '@titip/relay';
import type { TitipPeer } from '@titip/sync';
import { chaosSchedule, type ChaosSchedule } from '../scenario/chaos-schedule.js';
import { meterBytes } from './byte-meter.js';
import type { ChaosReport, Divergence } from './chaos-report.js';
import { correctedForm } from './corrected-form.js';
import { readStoredDocuments } from './disk-audit.js';
import { linkState } from './link-state.js';
import { receiptLatencies, type ReceiptLatencies } from './receipt-latency.js';
import { startRelayProcess, type RelayProcess } from './relay-process.js';
import { checkServerResults, serverTotals, type SignedResult } from './server-checks.js';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  /** Seed of the numbers, the islands and the whole schedule. @default 1 */
  readonly seed?: Seed;
  /** Only these kecamatan (codes); all seven by default. */
  readonly kecamatan?: readonly string[];
  /** Link flaps. @default 1000 */
  readonly flaps?: number;
  /** SIGKILLs of PPK relay processes. @default 12 */
  readonly kills?: number;
  /** Window every event falls in. @default 240000 */
  readonly windowMs?: number;
  /** Share of linked results corrected by a second revision. @default 0.1 */
  readonly revisionShare?: number;
  /** Longest wait for every check to hold after the window. @default 180000 */
  readonly convergeTimeoutMs?: number;
  /** The replay command printed and reported (the flags that give this run). */
  readonly replay?: string;
  /** Where progress lines go. @default stdout */
  readonly log?: (line: string) => void;
  /** Keep the working directory (keys, stores) instead of removing it. */
  readonly keepWorkDir?: boolean;
  /** Called with every child process id as it starts (tests check that none outlives the run). */
  readonly onChildProcess?: (pid: number) => void;
}

const serverMain = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
const relayMain = fileURLToPath(new URL('../../../relay/dist/main.js', import.meta.url));
const BACKOFF = { minDelayMs: 200, maxDelayMs: 2000 };
const ELECTIONS: ElectionKey[] = ['pkwkp', 'pkwkk'];
/** Voyages a carrier makes for one trip before the run counts it failed. */
const MAX_VOYAGES = 3;

/**
 * Runs the chaos of one seed on loopback: Belitung Timur's KPU server and PPK relays as child processes, its PPS
 * relays, operator phones and one carrier per island in this process; the seeded schedule flaps links, SIGKILLs PPK
 * relays and restarts them from disk, and has operators submit (some twice) throughout. Then waits (bounded) for
 * every check: each submission at the server, verified, attested and indexed, each receipt at its operator, the
 * totals equal to what was signed; stops every peer and compares, per desa, the document read back from every data
 * directory. Resolves with the report (never throws for a failed check: `ok` and `failures` say).
 * @throws {ChaosError} before anything starts, when the schedule cannot be built (bad counts, events that do not fit).
 */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const say = (line: string) => log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
  const seed = options.seed ?? 1;
  const replay = options.replay ?? `node apps/chaos/dist/main.js --seed ${String(seed)}`;
  const data = loadBelitungTimur();
  const kecamatan = data.kecamatan.filter((k) => !options.kecamatan || options.kecamatan.includes(k.kode));
  const results = generateResults({ seed, dataset: data }).tps.filter((t) => kecamatan.some((k) => k.kode === t.kecamatan));
  const tpsList = results.map(({ tps, desa, kecamatan: kec }) => ({ tps, desa, kecamatan: kec }));
  const islandCodes = new Set(pickIslandTps(tpsList, seed).map((t) => t.tps));
  const desaCodes = [...new Set(tpsList.map((t) => t.desa))];
  const electionIds = ELECTIONS.map((e) => data.elections[e].id);
  const schedule: ChaosSchedule = chaosSchedule({
    seed,
    topology: {
      relays: kecamatan.map((k) => k.kode),
      desa: desaCodes,
      tps: tpsList.filter((t) => !islandCodes.has(t.tps)).map((t) => t.tps),
      islands: [...islandCodes],
      elections: electionIds,
    },
    flaps: options.flaps ?? 1000,
    kills: options.kills ?? 12,
    windowMs: options.windowMs ?? 240_000,
    revisionShare: options.revisionShare ?? 0.1,
  });
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const loadAtStart = loadavg()[0]!;
  const machine = () => {
    const ms = (ns: number) => Math.round(ns / 1e6);
    return { loadAverageAtStart: round1(loadAtStart), loadAverageAtEnd: round1(loadavg()[0]!), eventLoopDelayMs: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) } };
  };
  const failures: string[] = [];
  const fail = (what: string) => {
    failures.push(what);
    say(`FAILURE: ${what}`);
  };
  const work = await mkdtemp(join(tmpdir(), 'titip-chaos-'));
  const daemons: Daemon[] = [];
  const ppk = new Map<string, RelayProcess>();
  let pps = new Map<string, Relay>();
  let operators = new Map<string, OperatorPhone>();
  const carriers = new Map<string, CarrierPhone>();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const meter = meterBytes(function* (): Iterable<TitipPeer> {
    for (const r of pps.values()) yield r.node.peer;
    for (const o of operators.values()) yield o.node.peer;
    for (const c of carriers.values()) yield c.node.peer;
  });
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    meter.sample();
    meter.stop();
    await Promise.allSettled([...operators.values()].map((p) => (p.ledger.close(), p.node.stop())));
    await Promise.allSettled([...pps.values()].map((r) => r.stop()));
    await Promise.allSettled([...carriers.values()].map((c) => (c.ledger.close(), c.node.stop())));
    await Promise.allSettled([...ppk.values()].map((r) => r.stop()));
    await Promise.allSettled(daemons.map((d) => d.stop()));
  };
  let kills = 0;
  let voyagesAgain = 0;
  let restarts = 0;
  let flapsRun = 0;
  let convergedAfterLastEventMs: number | null = null;
  let maxReceiptLatencyMs: number | null = null;
  let maxIslandReceiptLatencyMs: number | null = null;
  let latencies: ReceiptLatencies = { count: 0, p50Ms: null, p95Ms: null, maxMs: null, slowest: null };
  let atServer = 0;
  let receiptsAtOperators = 0;
  let totalsMatchSigned = false;
  let extraAttestations = 0;
  const divergent: Divergence[] = [];
  let replicasCompared = 0;
  const signed: SignedResult[] = [];
  const misbehaviour: string[] = [];
  const linkStates: string[] = [];
  try {
    const linkedCount = tpsList.length - islandCodes.size;
    say(
      `seed ${String(seed)}: ${kecamatan.length} kecamatan, ${desaCodes.length} desa, ${tpsList.length} TPS (${islandCodes.size} islands); ` +
        `${schedule.flaps.length} link flaps, ${schedule.kills.length} SIGKILLs, ${schedule.submissions.length} submissions within ${schedule.windowMs / 1000} s`,
    );
    const identities = await createIdentities(work, data, tpsList, Date.now());
    const server = await startDaemon('server', serverMain, [
      '--data-dir', join(work, 'server'), '--network', identities.networkFile, '--key', identities.server.keyFile,
      '--credential', identities.server.credentialFile, '--listen', '/ip4/127.0.0.1/tcp/0', '--http', '127.0.0.1:0',
    ]);
    daemons.push(server);
    options.onChildProcess?.(server.child.pid!);
    const api = server.ready.http!;
    say(`KPU server up (process ${server.child.pid}), API ${api}`);
    await Promise.all(
      kecamatan.map(async (k) => {
        const holder = identities.ppk.get(k.kode)!;
        const relay = await startRelayProcess(`ppk-${k.kode}`, relayMain, [
          '--data-dir', join(work, `ppk-${k.kode}`), '--network', identities.networkFile, '--scope', k.kode, '--key', holder.keyFile,
          '--credential', holder.credentialFile, '--dial', server.ready.addresses[0]!,
        ]);
        ppk.set(k.kode, relay);
        options.onChildProcess?.(relay.pids[0]!);
      }),
    );
    say(`${ppk.size} PPK relays up (one process each), each linked to the server`);
    pps = await startPpsRelays(work, identities, desaCodes);
    const ppsUplink = (desa: string) => ppk.get(desa.slice(0, 6))!.address;
    for (const [desa, relay] of pps) relay.node.peer.keep(ppsUplink(desa), BACKOFF);
    operators = await startOperators(work, identities, tpsList);
    const operatorUplink = (tps: string) => pps.get(tps.slice(0, 10))!.node.peer.addresses[0]!;
    for (const [tps, phone] of operators) if (!islandCodes.has(tps)) phone.node.peer.keep(operatorUplink(tps), BACKOFF);
    for (const trip of schedule.trips) carriers.set(trip.carrier, await startCarrier(join(work, trip.carrier), identities, data.kabupaten.kode));
    const peerCount = 1 + ppk.size + pps.size + operators.size + carriers.size;
    const names = new Map<string, string>();
    for (const [d, r] of pps) names.set(r.node.peer.peerId, `pps-${d}`);
    for (const [t, o] of operators) names.set(o.node.peer.peerId, `operator-${t}`);
    for (const [c, phone] of carriers) names.set(phone.node.peer.peerId, c);
    for (const [k, r] of ppk) names.set(r.address.split('/p2p/')[1]!, `ppk-${k}`);
    names.set(server.ready.peerId, 'server');
    const nameOf = (id: string) => names.get(id) ?? id;
    say(`field: ${pps.size} PPS relays, ${operators.size} operator phones (${linkedCount} linked), ${carriers.size} carriers → ${peerCount} peers`);

    // Every operator signs its results (a correction signs the first revision's id as `supersedes`).
    const records = new Map<string, SubmissionRecord>();
    const forms = new Map(results.map((r) => [r.tps, r.forms]));
    const keyOf = (tps: string, election: string, revision: number) => `${tps}/${election}/${revision}`;
    for (const event of [...schedule.submissions].sort((a, b) => a.revision - b.revision)) {
      const holder = identities.operators.get(event.tps)!;
      const key = ELECTIONS.find((e) => data.elections[e].id === event.election)!;
      const definition = data.elections[key];
      const first = records.get(keyOf(event.tps, event.election, 1));
      const form = event.revision === 1 ? forms.get(event.tps)![key] : correctedForm(forms.get(event.tps)![key]);
      records.set(
        keyOf(event.tps, event.election, event.revision),
        await signSubmission({
          keyPair: holder.keyPair, chain: holder.credential, tps: event.tps, election: event.election, form, electionDefinition: definition,
          root: identities.network.root, ...(event.revision === 2 ? { revision: 2, supersedes: first!.id } : {}),
        }),
      );
    }
    for (const { tps } of tpsList) {
      for (const election of electionIds) {
        const ids = [1, 2].map((r) => records.get(keyOf(tps, election, r))?.id).filter((id): id is string => id !== undefined);
        signed.push({ tps, election, ids });
      }
    }
    const revisions = schedule.submissions.filter((s) => s.revision === 2).length;
    say(`${records.size} results signed (${revisions} of them corrections); the chaos starts`);

    // The chaos: every event on its timer; what an event starts (a restart, a voyage) is awaited before the checks.
    const t0 = Date.now();
    const queuedAt = new Map<string, number>();
    const pending: Promise<void>[] = [];
    let lastEventAt = t0;
    const mark = () => (lastEventAt = Math.max(lastEventAt, Date.now()));
    const at = (ms: number, action: () => Promise<void> | void) => {
      pending.push(
        new Promise<void>((resolve) => {
          timers.push(setTimeout(() => void Promise.resolve().then(action).catch((error: unknown) => fail((error as Error).message)).finally(resolve), ms));
        }),
      );
    };
    const linkOf = (link: string) => {
      const [kind, code] = link.split(':') as [string, string];
      return kind === 'pps' ? { peer: pps.get(code)!.node.peer, target: ppsUplink(code) } : { peer: operators.get(code)!.node.peer, target: operatorUplink(code) };
    };
    for (const flap of schedule.flaps) {
      const { peer, target } = linkOf(flap.link);
      at(flap.downAtMs, () => peer.release(target));
      at(flap.upAtMs, () => {
        peer.keep(target, BACKOFF);
        flapsRun++;
        mark();
      });
    }
    // A relay's kills and restarts run one after the other, in schedule order, even when a late event loop fires
    // their timers together (else a kill could hit the process a restart is replacing, and two processes would
    // race for one data directory).
    const relayQueue = new Map<string, Promise<void>>();
    const onRelay = (name: string, step: () => Promise<void>) => {
      const next = (relayQueue.get(name) ?? Promise.resolve()).then(step);
      relayQueue.set(name, next.catch(() => undefined));
      return next;
    };
    for (const kill of schedule.kills) {
      const relay = ppk.get(kill.relay)!;
      at(kill.killAtMs, () =>
        onRelay(kill.relay, async () => {
          await relay.kill();
          kills++;
          say(`SIGKILL ppk-${kill.relay} (process ${relay.pids.at(-1)}); restart in ${((kill.restartAtMs - kill.killAtMs) / 1000).toFixed(1)} s`);
        }),
      );
      at(kill.restartAtMs, () =>
        onRelay(kill.relay, async () => {
          await relay.restart();
          options.onChildProcess?.(relay.pids.at(-1)!);
          restarts++;
          mark();
          say(`restarted ppk-${kill.relay} from its data directory (process ${relay.pids.at(-1)})`);
        }),
      );
    }
    for (const event of schedule.submissions) {
      const record = records.get(keyOf(event.tps, event.election, event.revision))!;
      at(event.atMs, async () => {
        queuedAt.set(record.id, Date.now());
        await operators.get(event.tps)!.node.replica.addLocal(docIdOf(record), [{ id: record.id, bytes: record.bytes }], { trusted: true });
        mark();
      });
    }
    for (const trip of schedule.trips) {
      at(trip.departAtMs, async () => {
        mark();
        const island = operators.get(trip.island)!;
        // A boat that finds no answer (the voyage gives up after a few tries at a stop) sails again later.
        for (let voyage = 1; ; voyage++) {
          try {
            await sail(carriers.get(trip.carrier)!, [island], (i) => pps.get(i.tps.desa)!, {
              sailingMs: 500,
              stopTimeoutMs: 60_000,
              log: (line) => say(`${trip.carrier}${line.replace(/^ *carrier/, '')}`),
            });
            break;
          } catch (error) {
            if (voyage >= MAX_VOYAGES) throw new Error(`${trip.carrier}: ${MAX_VOYAGES} voyages failed, the last: ${(error as Error).message}`);
            voyagesAgain++;
            say(`${trip.carrier}: voyage ${voyage} failed (${(error as Error).message.slice(0, 120)}); sails again in 5 s`);
            await sleep(5000);
          }
        }
      });
    }
    const progress = setInterval(() => {
      const receipts = [...operators].reduce((n, [tps, phone]) => n + signed.filter((s) => s.tps === tps).flatMap((s) => s.ids).filter((id) => phone.ledger.receiptFor(id)).length, 0);
      say(`receipts at operators ${receipts}/${queuedAt.size} queued (${records.size} signed) · links up ${flapsRun}/${schedule.flaps.length} flaps · kills ${kills} · restarts ${restarts}`);
    }, 10_000);
    timers.push(progress as unknown as ReturnType<typeof setTimeout>);
    await Promise.all(pending);
    clearInterval(progress);
    say(`all events run (${flapsRun} flaps, ${kills} kills, ${restarts} restarts); waiting for the checks to hold`);

    // Convergence (bounded): receipts at every operator, every result at the server, attested, the PPS and linked
    // operators of each desa at one digest.
    const ownIds = (tps: string) => signed.filter((s) => s.tps === tps).flatMap((s) => s.ids);
    const receiptsNow = () => {
      let n = 0;
      for (const [tps, phone] of operators) for (const id of ownIds(tps)) if (phone.ledger.receiptFor(id)) n++;
      return n;
    };
    const desaAgree = () =>
      desaCodes.every((desa) => {
        const mine = toHex(pps.get(desa)!.node.replica.digest((d) => d === desa));
        return [...operators].every(([tps, phone]) => islandCodes.has(tps) || !tps.startsWith(desa) || toHex(phone.node.replica.digest((d) => d === desa)) === mine);
      });
    const deadline = Date.now() + (options.convergeTimeoutMs ?? 180_000);
    let findings = await checkServerResults(api, []);
    for (;;) {
      receiptsAtOperators = receiptsNow();
      // A receipt at an operator means the server held the submission; the API is asked once they all are.
      if (receiptsAtOperators === records.size && desaAgree()) {
        findings = await checkServerResults(api, signed);
        atServer = records.size - findings.missing.length;
        if (findings.missing.length + findings.unreceipted.length + findings.unattested.length + findings.wrongCurrent.length === 0) {
          convergedAfterLastEventMs = Date.now() - lastEventAt;
          break;
        }
      }
      if (Date.now() > deadline) break;
      await sleep(500);
    }
    if (convergedAfterLastEventMs === null) {
      findings = await checkServerResults(api, signed).catch(() => findings);
      atServer = records.size - findings.missing.length;
      fail(`no convergence within ${(options.convergeTimeoutMs ?? 180_000) / 1000} s after the events`);
      if (receiptsAtOperators !== records.size) {
        const lacking = [...operators].flatMap(([tps, phone]) => ownIds(tps).filter((id) => !phone.ledger.receiptFor(id)).map((id) => `${tps}/${id.slice(0, 12)}`));
        fail(`receipts at operators ${receiptsAtOperators}/${records.size}; missing: ${lacking.slice(0, 20).join(', ')}`);
      }
      if (atServer !== records.size) fail(`server holds ${atServer}/${records.size} submissions`);
      if (!desaAgree()) fail('the PPS and linked operators of some desa hold different digests');
      // What the links of the paths that did not converge look like now.
      const stuck = new Set<string>();
      for (const [tps, phone] of operators) if (ownIds(tps).some((id) => !phone.ledger.receiptFor(id))) stuck.add(tps);
      const states = [...stuck].slice(0, 8).flatMap((tps) => [
        linkState(`operator-${tps}`, operators.get(tps)!.node.peer, nameOf),
        linkState(`pps-${tps.slice(0, 10)}`, pps.get(tps.slice(0, 10))!.node.peer, nameOf),
      ]);
      for (const desa of desaCodes) {
        const mine = toHex(pps.get(desa)!.node.replica.digest((d) => d === desa));
        const behind = [...operators].filter(([tps, phone]) => !islandCodes.has(tps) && tps.startsWith(desa) && toHex(phone.node.replica.digest((d) => d === desa)) !== mine);
        if (behind.length > 0) states.push(linkState(`pps-${desa}`, pps.get(desa)!.node.peer, nameOf), ...behind.slice(0, 2).map(([tps, phone]) => linkState(`operator-${tps}`, phone.node.peer, nameOf)));
      }
      linkStates.push(...new Set(states));
      for (const line of linkStates) say(`  link state: ${line}`);
    } else {
      say(`converged ${(convergedAfterLastEventMs / 1000).toFixed(1)} s after the last event`);
    }
    for (const [what, list] of [['missing at the server', findings.missing], ['without a server receipt', findings.unreceipted], ['without both attestations', findings.unattested], ['with the wrong current revision', findings.wrongCurrent]] as const) {
      if (list.length > 0) fail(`${list.length} submissions ${what}: ${list.slice(0, 10).join(', ')}`);
    }
    extraAttestations = findings.extraAttestations;

    // No honest peer is ever reported for misbehaving (a report bans the peer for 10 minutes).
    const reporters: [string, TitipPeer][] = [
      ...[...pps].map(([d, r]): [string, TitipPeer] => [`pps-${d}`, r.node.peer]),
      ...[...operators].map(([t, o]): [string, TitipPeer] => [`operator-${t}`, o.node.peer]),
      ...[...carriers].map(([c, phone]): [string, TitipPeer] => [c, phone.node.peer]),
    ];
    for (const [who, peer] of reporters) {
      for (const report of peer.engine.reports()) misbehaviour.push(`${who} reported ${nameOf(report.peer)}: ${report.code}: ${report.detail.slice(0, 160)}`);
    }
    for (const [k, r] of ppk) {
      for (const line of r.watched) misbehaviour.push(`ppk-${k}: ${[...names].reduce((l, [id, name]) => l.replaceAll(id, name), line)}`);
    }
    if (misbehaviour.length > 0) fail(`${misbehaviour.length} honest peers reported for misbehaving (and so banned): ${misbehaviour.slice(0, 12).join(' | ')}`);

    // Receipt latencies: the linked operators (and the slowest trip explained), the islands apart.
    latencies = receiptLatencies([...operators.values()].filter((p) => !islandCodes.has(p.tps.tps)), pps, queuedAt, schedule, t0);
    maxReceiptLatencyMs = latencies.maxMs;
    maxIslandReceiptLatencyMs = receiptLatencies([...operators.values()].filter((p) => islandCodes.has(p.tps.tps)), pps, queuedAt, schedule, t0).maxMs;

    // Totals: the server's per kecamatan against the sums of the current revisions signed.
    totalsMatchSigned = true;
    for (const election of electionIds) {
      const expected: Record<string, Record<string, number>> = {};
      for (const result of signed.filter((s) => s.election === election)) {
        const record = [...records.values()].find((r) => r.id === result.ids.at(-1))!;
        const row = (expected[result.tps.slice(0, 6)] ??= {});
        for (const [paslon, votes] of Object.entries(record.body.form.suara.paslon)) row[paslon] = (row[paslon] ?? 0) + votes;
      }
      const totals = await serverTotals(api, election, data.kabupaten.kode);
      for (const k of kecamatan) {
        if (!sameVotes(totals[k.kode], expected[k.kode])) {
          totalsMatchSigned = false;
          fail(`${election} totals of kecamatan ${k.kode}: server ${JSON.stringify(totals[k.kode] ?? {})}, signed ${JSON.stringify(expected[k.kode] ?? {})}`);
        }
      }
    }

    // Stop every peer, then read each desa's document back from every data directory that should hold it.
    await stopAll();
    say('every peer stopped; reading each desa document back from every data directory');
    const holders: [string, string, string[]][] = [
      ['server', join(work, 'server'), desaCodes],
      ...kecamatan.map((k): [string, string, string[]] => [`ppk-${k.kode}`, join(work, `ppk-${k.kode}`), desaCodes.filter((d) => d.startsWith(k.kode))]),
      ...desaCodes.map((d): [string, string, string[]] => [`pps-${d}`, join(work, `pps-${d}`), [d]]),
      ...tpsList.filter((t) => !islandCodes.has(t.tps)).map((t): [string, string, string[]] => [`operator-${t.tps}`, join(work, `operator-${t.tps}`), [t.desa]]),
    ];
    const partial: [string, string, string[]][] = [
      ...[...islandCodes].map((tps): [string, string, string[]] => [`operator-${tps}`, join(work, `operator-${tps}`), [tps.slice(0, 10)]]),
      ...[...carriers.keys()].map((c): [string, string, string[]] => [c, join(work, c, 'carrier'), desaCodes]),
    ];
    const digests = new Map<string, Record<string, string>>(desaCodes.map((d) => [d, {}]));
    const serverObjects = new Map<string, Set<string>>();
    for (const [name, dir, docs] of holders) {
      const stored = await readStoredDocuments(dir, docs);
      for (const [doc, held] of stored) {
        digests.get(doc)![name] = held.digest?.slice(0, 16) ?? 'absent';
        if (name === 'server') serverObjects.set(doc, new Set(held.objects));
        replicasCompared++;
      }
    }
    for (const [doc, byPeer] of digests) {
      if (new Set(Object.values(byPeer)).size !== 1 || byPeer.server === 'absent') divergent.push({ doc, digests: byPeer });
    }
    for (const d of divergent) fail(`desa ${d.doc}: replicas at different digests: ${JSON.stringify(d.digests)}`);
    // Islands and carriers hold what the boat brought: never anything the server does not hold.
    for (const [name, dir, docs] of partial) {
      const stored = await readStoredDocuments(dir, docs);
      for (const [doc, held] of stored) {
        const unknown = held.objects.filter((id) => !serverObjects.get(doc)?.has(id));
        if (unknown.length > 0) fail(`${name} holds ${unknown.length} objects of desa ${doc} the server does not`);
      }
    }
    say(`compared ${replicasCompared} replicas of ${desaCodes.length} desa documents from disk: ${divergent.length} divergent`);
    const bytes = meter.totals();
    const ok = failures.length === 0;
    return {
      seed,
      ok,
      failures,
      replay,
      peers: { total: peerCount, operators: operators.size, islands: islandCodes.size, pps: pps.size, ppk: ppk.size, carriers: carriers.size, server: 1 },
      flaps: flapsRun,
      kills,
      restarts,
      voyagesAgain,
      submissions: { signed: records.size, revisions, atServer, receiptsAtOperators },
      windowMs: schedule.windowMs,
      convergedAfterLastEventMs,
      maxReceiptLatencyMs,
      maxIslandReceiptLatencyMs,
      receiptLatency: latencies,
      misbehaviourReports: misbehaviour,
      linkStates,
      bytes,
      digests: { documents: desaCodes.length, replicas: replicasCompared, divergent },
      totalsMatchSigned,
      extraAttestations,
      machine: machine(),
      durationMs: Date.now() - started,
    };
  } catch (error) {
    fail(`the run stopped: ${(error as Error).message}`);
    return {
      seed,
      ok: false,
      failures,
      replay,
      peers: { total: 1 + ppk.size + pps.size + operators.size + carriers.size, operators: operators.size, islands: islandCodes.size, pps: pps.size, ppk: ppk.size, carriers: carriers.size, server: 1 },
      flaps: flapsRun,
      kills,
      restarts,
      voyagesAgain,
      submissions: { signed: schedule.submissions.length, revisions: schedule.submissions.filter((s) => s.revision === 2).length, atServer, receiptsAtOperators },
      windowMs: schedule.windowMs,
      convergedAfterLastEventMs,
      maxReceiptLatencyMs,
      maxIslandReceiptLatencyMs,
      receiptLatency: latencies,
      misbehaviourReports: misbehaviour,
      linkStates,
      bytes: meter.totals(),
      digests: { documents: desaCodes.length, replicas: replicasCompared, divergent },
      totalsMatchSigned,
      extraAttestations,
      machine: machine(),
      durationMs: Date.now() - started,
    };
  } finally {
    lag.disable();
    await stopAll();
    if (!options.keepWorkDir) await rm(work, { recursive: true, force: true });
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function sameVotes(a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean {
  if (!a || !b) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}
