import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { toHex } from '@titip/identity';
import { startNodePeer } from '@titip/sync/node';
import { tempDir } from '@titip/testkit';
import { holdSynthetic, type DocumentShape, type SyntheticResults } from '../synthetic-results.js';
import type { ThreadCpu } from '../thread-cpu.js';

/** Figures of the bulk sync of every submission to an empty peer. */
export interface BulkSyncFigures {
  submissions: number;
  documents: number;
  syncMs: number;
  receiverMaxRssMB: number;
  wireBytes: number;
  verifierThreads: number;
  /** CPU time of the receiver process (main thread and validation threads) during the sync. */
  receiverCpuMs: number;
  /** The receiver's CPU during the sync by thread (Linux): main thread, validation workers, V8's GC/compiler threads, libuv. */
  receiverThreadCpuMs: ThreadCpu;
  /** CPU time of the sender (this process) during the sync. */
  senderCpuMs: number;
  /** 1-minute load average when the run ended (the machine is shared). */
  /** How the sender's documents were built (see `holdSynthetic`). */
  documentShape: DocumentShape;
  loadAverage: number;
}

/** Pre-loads a sender with `data` (documents built as `shape`), starts an empty receiver in its own process, and times the sync. */
export async function benchBulkSync(data: SyntheticResults, verifierThreads: number, shape: DocumentShape = 'per-tps'): Promise<BulkSyncFigures> {
  const senderDir = await tempDir('titip-bench-sender-');
  const receiverDir = await tempDir('titip-bench-receiver-');
  const sender = await startNodePeer({ dataDir: senderDir.path, scopes: ['1906'], root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'] });
  try {
    await holdSynthetic(sender.replica, data, shape);
    const receiverMain = fileURLToPath(new URL('../receiver-main.js', import.meta.url));
    const child = spawn(process.execPath, [receiverMain, receiverDir.path, toHex(data.trust.network.root), sender.peer.addresses[0]!, String(data.submissions.length), String(verifierThreads)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const cpu0 = process.cpuUsage();
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error(`receiver exited with ${code}`);
    const cpu = process.cpuUsage(cpu0);
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { held: number; syncMs: number; cpuMs: number; threadCpuMs: ThreadCpu; maxRssMB: number; bytesIn: number; bytesOut: number };
    if (result.held !== data.submissions.length) throw new Error(`receiver held ${result.held} of ${data.submissions.length}`);
    return {
      submissions: data.submissions.length,
      documents: data.byDoc.size,
      documentShape: shape,
      syncMs: Math.round(result.syncMs),
      receiverMaxRssMB: Math.round(result.maxRssMB),
      wireBytes: result.bytesIn + result.bytesOut,
      verifierThreads,
      receiverCpuMs: Math.round(result.cpuMs),
      receiverThreadCpuMs: result.threadCpuMs,
      senderCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await sender.stop();
    await senderDir.remove();
    await receiverDir.remove();
  }
}
