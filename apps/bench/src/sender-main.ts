// Child process of the server-ingest benchmark: signs synthetic results (all, or the TPS numbers from..to: a relay
// serving those kecamatan or desa), holds them, and waits to be dialled. The receipts that come back are validated
// on its main thread (as titip-relay does), or in worker threads when a thread count is given. Prints a ready line, then, when its stdin ends, its CPU time since ready.
import { startNodePeer } from '@titip/sync/node';
import { tempDir } from '@titip/testkit';
import { holdSynthetic, syntheticResults, syntheticScopes, type DocumentShape } from './synthetic-results.js';

const [tpsText, label, fromText, toText, threadsText, shapeText] = process.argv.slice(2) as [string, string, string?, string?, string?, DocumentShape?];
const tpsCount = Number(tpsText);
const range = { from: Number(fromText ?? 0), to: Number(toText ?? tpsCount) };
const data = await syntheticResults(tpsCount, label, range);
const dir = await tempDir('titip-bench-sender-');
// The whole kabupaten when it holds everything, else its kecamatan / desa (it gets receipts of those only).
const scopes = range.from === 0 && range.to >= tpsCount ? ['1906'] : syntheticScopes(range.from, range.to);
const peer = await startNodePeer({ dataDir: dir.path, scopes, root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'], verifierThreads: Number(threadsText ?? 0) });
await holdSynthetic(peer.replica, data, shapeText ?? 'per-tps');
const cpuAtReady = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ ready: true, address: peer.peer.addresses[0], submissions: data.submissions.length })}\n`);
const stop = async () => {
  const cpu = process.cpuUsage(cpuAtReady);
  process.stdout.write(`${JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000) })}\n`);
  await peer.stop();
  await dir.remove();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.resume();
process.stdin.once('end', () => void stop());
