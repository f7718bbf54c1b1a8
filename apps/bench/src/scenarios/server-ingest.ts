import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { decodeCredential } from '@titip/identity';
import { startServer } from '@titip/server';
import { eventually, tempDir } from '@titip/testkit';
import { syntheticResults, TPS_PER_DESA, type DocumentShape } from '../synthetic-results.js';
import { sampleThreads, threadCpuBetween, type ThreadCpu } from '../thread-cpu.js';

/** Figures of the server ingesting submissions from one or more peers. */
export interface IngestFigures {
  submissions: number;
  /** Sender processes (each a relay holding its share of the desa documents). */
  senders: number;
  /** From connecting until every submission is verified, stored, indexed and receipted. */
  ms: number;
  /** Submissions verified, stored, indexed and receipted per second. */
  perSecond: number;
  verifierThreads: number;
  /** Validation threads of each sender (0: receipts are validated on its main thread, as titip-relay does). */
  senderVerifierThreads: number;
  /** CPU time of the server process (main thread and validation threads) over `ms`. */
  serverCpuMs: number;
  /** CPU time of all sender processes over the same span (they validate the receipts that come back). */
  senderCpuMs: number;
  /** CPU per submission, server and senders (µs). */
  cpuPerSubmissionUs: { server: number; senders: number };
  /** The server's CPU over `ms` by thread (Linux): main thread, validation workers, V8's GC/compiler threads, libuv. */
  serverThreadCpuMs: ThreadCpu;
  /** Largest resident set of the server process (the bench process) so far (MB). */
  serverMaxRssMB: number;
  /** Whether the server judged credential standing (its default). */
  judgeStanding: boolean;
  /** How the senders' documents were built (see `holdSynthetic`). */
  documentShape: DocumentShape;
  /** 1-minute load average when the run ended (the machine is shared). */
  loadAverage: number;
}

interface Sender {
  readonly child: ChildProcess;
  readonly address: string;
  readonly submissions: number;
  readonly lines: AsyncIterator<string>;
}

/** Starts a sender child holding the submissions of TPS numbers from..to; resolves when it is ready to be dialled. */
async function startSender(tpsCount: number, label: string, from: number, to: number, verifierThreads: number, shape: DocumentShape): Promise<Sender> {
  const senderMain = fileURLToPath(new URL('../sender-main.js', import.meta.url));
  const child = spawn(process.execPath, [senderMain, String(tpsCount), label, String(from), String(to), String(verifierThreads), shape], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`sender exited with ${code}`))));
  exited.catch(() => undefined);
  const first = await Promise.race([lines.next(), exited]);
  const ready = JSON.parse(first.value as string) as { address: string; submissions: number };
  return { child, address: ready.address, submissions: ready.submissions, lines };
}

/** Ends a sender and reads the CPU time it reports. */
async function stopSender(sender: Sender): Promise<number> {
  const exited = new Promise((resolve) => sender.child.once('exit', resolve));
  sender.child.stdin!.end();
  const line = await sender.lines.next();
  await exited;
  return line.done ? 0 : (JSON.parse(line.value) as { cpuMs: number }).cpuMs;
}

/**
 * `senders` peers in their own processes hold `2 × tpsCount` signed submissions between them (whole desa documents
 * each, as PPK relays would) and are dialled at once by an empty KPU server; time until every submission has its
 * receipt. The same label gives every process the same (seeded) trust hierarchy. `senderVerifierThreads` (default 0)
 * moves the senders' validation of the receipts coming back into worker threads; `documentShape` (default
 * `'per-tps'`) how the senders' documents were built; `judgeStanding: false` runs the
 * server without credential standing (what standing costs).
 */
export async function benchServerIngest(
  tpsCount: number,
  verifierThreads: number,
  options: { senders?: number; label?: string; senderVerifierThreads?: number; judgeStanding?: boolean; documentShape?: DocumentShape } = {},
): Promise<IngestFigures> {
  const label = options.label ?? 'bench-ingest';
  const count = Math.max(1, options.senders ?? 1);
  const trust = (await syntheticResults(0, label)).trust;
  const serverIdentity = await trust.server();
  const leaf = decodeCredential(serverIdentity.chain[0]);
  if (!leaf.ok) throw new Error(leaf.failure.message);
  const desaCount = Math.ceil(tpsCount / TPS_PER_DESA);
  const bounds = Array.from({ length: count + 1 }, (_, i) => Math.min(tpsCount, Math.round((desaCount * i) / count) * TPS_PER_DESA));
  const senderThreads = options.senderVerifierThreads ?? 0;
  const senders = await Promise.all(bounds.slice(0, -1).map((from, i) => startSender(tpsCount, label, from, bounds[i + 1]!, senderThreads, options.documentShape ?? 'per-tps')));
  const total = senders.reduce((n, s) => n + s.submissions, 0);
  const serverDir = await tempDir('titip-bench-server-');
  const server = await startServer({
    dataDir: serverDir.path,
    network: trust.network,
    keyPair: serverIdentity.keyPair,
    credential: { chain: serverIdentity.chain, leaf: leaf.obj.body },
    listen: ['/ip4/127.0.0.1/tcp/0'],
    http: false,
    verifierThreads,
    judgeStanding: options.judgeStanding ?? true,
  });
  let senderCpuMs = 0;
  try {
    // A server is up before relays connect: let its validation threads finish starting (module loading) first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const threads0 = sampleThreads();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(senders.map((s) => server.node.peer.connect(s.address)));
    await eventually(() => server.receipts().issued >= total, 'every receipt issued', 300_000);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const serverThreadCpuMs = threadCpuBetween(threads0, sampleThreads());
    if (process.env.BENCH_DEBUG) process.stderr.write(JSON.stringify(server.node.peer.engine.sessions().map((s) => s.stats)) + '\n');
    const serverCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    for (const cpuMs of await Promise.all(senders.map(stopSender))) senderCpuMs += cpuMs;
    return {
      submissions: total,
      senders: count,
      ms: Math.round(ms),
      perSecond: Math.round((total / ms) * 1000),
      verifierThreads,
      senderVerifierThreads: senderThreads,
      serverCpuMs,
      senderCpuMs,
      cpuPerSubmissionUs: { server: Math.round((serverCpuMs * 1000) / total), senders: Math.round((senderCpuMs * 1000) / total) },
      serverThreadCpuMs,
      serverMaxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      judgeStanding: options.judgeStanding ?? true,
      documentShape: options.documentShape ?? 'per-tps',
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await server.stop();
    for (const sender of senders) if (sender.child.exitCode === null) sender.child.kill();
    await serverDir.remove();
  }
}
