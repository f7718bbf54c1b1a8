import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { toHex } from '@titip/identity';
import { startNodePeer } from '@titip/sync/node';
import { tempDir } from '@titip/testkit';
import type { SyntheticResults } from '../synthetic-results.js';

/** Figures of the bulk sync of every submission to an empty peer. */
export interface BulkSyncFigures {
  submissions: number;
  documents: number;
  syncMs: number;
  receiverMaxRssMB: number;
  wireBytes: number;
  verifierThreads: number;
}

/** Pre-loads a sender with `data`, starts an empty receiver in its own process, and times the sync. */
export async function benchBulkSync(data: SyntheticResults, verifierThreads: number): Promise<BulkSyncFigures> {
  const senderDir = await tempDir('titip-bench-sender-');
  const receiverDir = await tempDir('titip-bench-receiver-');
  const sender = await startNodePeer({ dataDir: senderDir.path, scopes: ['1906'], root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'] });
  try {
    for (const [docId, entries] of data.byDoc) await sender.replica.addLocal(docId, entries, { trusted: true });
    const receiverMain = fileURLToPath(new URL('../receiver-main.js', import.meta.url));
    const child = spawn(process.execPath, [receiverMain, receiverDir.path, toHex(data.trust.network.root), sender.peer.addresses[0]!, String(data.submissions.length), String(verifierThreads)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error(`receiver exited with ${code}`);
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { held: number; syncMs: number; maxRssMB: number; bytesIn: number; bytesOut: number };
    if (result.held !== data.submissions.length) throw new Error(`receiver held ${result.held} of ${data.submissions.length}`);
    return {
      submissions: data.submissions.length,
      documents: data.byDoc.size,
      syncMs: Math.round(result.syncMs),
      receiverMaxRssMB: Math.round(result.maxRssMB),
      wireBytes: result.bytesIn + result.bytesOut,
      verifierThreads,
    };
  } finally {
    await sender.stop();
    await senderDir.remove();
    await receiverDir.remove();
  }
}
