// Child process of the bulk-sync benchmark: an empty peer that dials the sender and reports when it holds everything.
import { fromHex } from '@titip/identity';
import { startNodePeer } from '@titip/sync/node';
import { testElection, testGovernorElection } from '@titip/testkit';
import { sampleThreads, threadCpuBetween } from './thread-cpu.js';

const [dataDir, rootHex, dial, expectedText, threadsText] = process.argv.slice(2) as [string, string, string, string, string];
const expected = Number(expectedText);
const started = performance.now();
const peer = await startNodePeer({
  dataDir,
  scopes: ['1906'],
  root: fromHex(rootHex),
  elections: [testGovernorElection, testElection],
  listen: ['/ip4/127.0.0.1/tcp/0'],
  verifierThreads: Number(threadsText),
});
const startMs = performance.now() - started;
// Let the validation threads finish starting (module loading) first: the figure is the sync, not the start-up.
await new Promise((resolve) => setTimeout(resolve, 1000));
const ready = performance.now();
const cpuAtReady = process.cpuUsage();
const threadsAtReady = sampleThreads();
await peer.peer.connect(dial);
const deadline = Date.now() + 120_000;
while (peer.replica.objectCount < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
const done = performance.now();
const cpu = process.cpuUsage(cpuAtReady);
const threadCpuMs = threadCpuBetween(threadsAtReady, sampleThreads());
const session = peer.peer.engine.sessions()[0];
process.stdout.write(
  `${JSON.stringify({
    held: peer.replica.objectCount,
    syncMs: done - ready,
    cpuMs: (cpu.user + cpu.system) / 1000,
    threadCpuMs,
    startMs,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    bytesIn: session?.stats.bytesIn ?? 0,
    bytesOut: session?.stats.bytesOut ?? 0,
  })}\n`,
);
await peer.stop();
process.exit(0);
