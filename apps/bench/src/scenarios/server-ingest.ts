import { decodeCredential } from '@titip/identity';
import { startServer } from '@titip/server';
import { startNodePeer } from '@titip/sync/node';
import { eventually, tempDir } from '@titip/testkit';
import type { SyntheticResults } from '../synthetic-results.js';

/** Figures of the server ingesting submissions from one peer. */
export interface IngestFigures {
  submissions: number;
  /** From connecting until every submission is verified, stored, indexed and receipted. */
  ms: number;
  /** Submissions verified and stored per second. */
  perSecond: number;
  verifierThreads: number;
}

/** A peer holding `data` connects to an empty KPU server; time until every submission has its receipt. */
export async function benchServerIngest(data: SyntheticResults, verifierThreads: number): Promise<IngestFigures> {
  const senderDir = await tempDir('titip-bench-sender-');
  const serverDir = await tempDir('titip-bench-server-');
  const serverIdentity = await data.trust.server();
  const sender = await startNodePeer({ dataDir: senderDir.path, scopes: ['1906'], root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'] });
  const server = await startServer({
    dataDir: serverDir.path,
    network: data.trust.network,
    keyPair: serverIdentity.keyPair,
    credential: { chain: serverIdentity.chain, leaf: leafOf(serverIdentity.chain) },
    listen: ['/ip4/127.0.0.1/tcp/0'],
    http: false,
    verifierThreads,
  }).catch(async (error: unknown) => {
    await sender.stop();
    throw error;
  });
  try {
    for (const [docId, entries] of data.byDoc) await sender.replica.addLocal(docId, entries, { trusted: true });
    const t0 = performance.now();
    await server.node.peer.connect(sender.peer.addresses[0]!);
    await eventually(() => server.receipts().issued >= data.submissions.length, 'every receipt issued', 300_000);
    const ms = performance.now() - t0;
    return { submissions: data.submissions.length, ms: Math.round(ms), perSecond: Math.round((data.submissions.length / ms) * 1000), verifierThreads };
  } finally {
    await server.stop();
    await sender.stop();
    await senderDir.remove();
    await serverDir.remove();
  }
}

function leafOf(chain: Uint8Array[]) {
  const decoded = decodeCredential(chain[0]);
  if (!decoded.ok) throw new Error(decoded.failure.message);
  return decoded.obj.body;
}
