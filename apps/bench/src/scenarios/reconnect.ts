import { startNodePeer } from '@titip/sync/node';
import { eventually, tempDir } from '@titip/testkit';
import { holdSynthetic, type SyntheticResults } from '../synthetic-results.js';

/** Figures of a reconnect between two peers already in agreement. */
export interface ReconnectFigures {
  slots: number;
  documents: number;
  /** Bytes both sides sent during the reconnect (frames, both directions). */
  bytes: number;
  frames: number;
  /** From opening the sync stream (connection already up) until both sides know they agree. */
  agreementMs: number;
  /** Including the libp2p dial (TCP + noise + yamux). */
  withDialMs: number;
}

/** Two peers holding the same slots: sync once, hang up, reconnect and measure. */
export async function benchReconnect(data: SyntheticResults): Promise<ReconnectFigures> {
  const dirs = [await tempDir('titip-bench-a-'), await tempDir('titip-bench-b-')];
  const [a, b] = await Promise.all(
    dirs.map((d) => startNodePeer({ dataDir: d.path, scopes: ['1906'], root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'] })),
  );
  try {
    await holdSynthetic(a!.replica, data, 'per-tps');
    await b!.peer.connect(a!.peer.addresses[0]!);
    await eventually(() => b!.replica.objectCount === data.submissions.length, 'first sync', 120_000);
    await b!.peer.hangUp(a!.peer.peerId);
    await eventually(() => a!.peer.engine.sessions().length === 0, 'hang up');
    const t0 = performance.now();
    const connection = await b!.peer.libp2p.dial(a!.peer.libp2p.peerId);
    const t1 = performance.now();
    const session = await b!.peer.connect(a!.peer.peerId);
    await eventually(() => session.stats.agreedAtHello && (a!.peer.engine.sessions()[0]?.stats.agreedAtHello ?? false), 'agreement', 10_000);
    const t2 = performance.now();
    const other = a!.peer.engine.sessions()[0]!;
    void connection;
    return {
      slots: data.submissions.length,
      documents: data.byDoc.size,
      bytes: session.stats.bytesOut + other.stats.bytesOut,
      frames: session.stats.framesOut + other.stats.framesOut,
      agreementMs: Math.round((t2 - t1) * 10) / 10,
      withDialMs: Math.round((t2 - t0) * 10) / 10,
    };
  } finally {
    await Promise.all([a!.stop(), b!.stop()]);
    await Promise.all(dirs.map((d) => d.remove()));
  }
}
