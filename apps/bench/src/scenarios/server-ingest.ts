import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { decodeCredential } from '@titip/identity';
import { startServer } from '@titip/server';
import { eventually, tempDir } from '@titip/testkit';
import { syntheticResults } from '../synthetic-results.js';

/** Figures of the server ingesting submissions from one peer. */
export interface IngestFigures {
  submissions: number;
  /** From connecting until every submission is verified, stored, indexed and receipted. */
  ms: number;
  /** Submissions verified, stored, indexed and receipted per second. */
  perSecond: number;
  verifierThreads: number;
}

/**
 * A peer in its own process holding `2 × tpsCount` signed submissions is dialled by an empty KPU server; time until
 * every submission has its receipt. The same label gives both processes the same (seeded) trust hierarchy.
 */
export async function benchServerIngest(tpsCount: number, verifierThreads: number, label = 'bench-ingest'): Promise<IngestFigures> {
  const trust = (await syntheticResults(0, label)).trust;
  const serverIdentity = await trust.server();
  const leaf = decodeCredential(serverIdentity.chain[0]);
  if (!leaf.ok) throw new Error(leaf.failure.message);
  const senderMain = fileURLToPath(new URL('../sender-main.js', import.meta.url));
  const child = spawn(process.execPath, [senderMain, String(tpsCount), label], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = await new Promise<{ address: string; submissions: number }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`sender exited with ${code}`)));
  });
  const serverDir = await tempDir('titip-bench-server-');
  const server = await startServer({
    dataDir: serverDir.path,
    network: trust.network,
    keyPair: serverIdentity.keyPair,
    credential: { chain: serverIdentity.chain, leaf: leaf.obj.body },
    listen: ['/ip4/127.0.0.1/tcp/0'],
    http: false,
    verifierThreads,
  });
  try {
    const t0 = performance.now();
    await server.node.peer.connect(ready.address);
    await eventually(() => server.receipts().issued >= ready.submissions, 'every receipt issued', 300_000);
    const ms = performance.now() - t0;
    if (process.env.BENCH_DEBUG) process.stderr.write(JSON.stringify(server.node.peer.engine.sessions().map((s) => s.stats)) + '\n');
    return { submissions: ready.submissions, ms: Math.round(ms), perSecond: Math.round((ready.submissions / ms) * 1000), verifierThreads };
  } finally {
    await server.stop();
    child.stdin!.end();
    await new Promise((resolve) => child.once('exit', resolve));
    await serverDir.remove();
  }
}
