// Child process of the server-ingest benchmark: signs synthetic results, holds them, and waits to be dialled.
import { startNodePeer } from '@titip/sync/node';
import { tempDir } from '@titip/testkit';
import { syntheticResults } from './synthetic-results.js';

const [tpsText, label] = process.argv.slice(2) as [string, string];
const data = await syntheticResults(Number(tpsText), label);
const dir = await tempDir('titip-bench-sender-');
const peer = await startNodePeer({ dataDir: dir.path, scopes: ['1906'], root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'] });
for (const [docId, entries] of data.byDoc) await peer.replica.addLocal(docId, entries, { trusted: true });
process.stdout.write(`${JSON.stringify({ ready: true, address: peer.peer.addresses[0], submissions: data.submissions.length })}\n`);
const stop = async () => {
  await peer.stop();
  await dir.remove();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.resume();
process.stdin.once('end', () => void stop());
