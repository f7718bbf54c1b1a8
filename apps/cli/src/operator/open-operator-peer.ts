import { stat } from 'node:fs/promises';
import type { Network } from '@titip/config';
import type { Logger } from '@titip/log';
import { StoreLockedError } from '@titip/store';
import { startNodePeer, type RunningNodePeer, dataDirProblem } from '@titip/sync/node';
import { DataDirError } from '../errors.js';

/** Options of {@link startOperatorPeer}. */
export interface OperatorPeerOptions {
  /** Where the operator's queue lives (LevelDB store and libp2p key); created if missing unless `mustExist`. */
  readonly dataDir: string;
  /** The network (root key and elections). */
  readonly network: Pick<Network, 'root' | 'elections'>;
  /** The TPS served: the peer's scope, so it replicates exactly its desa document. `['']` opens everything held. */
  readonly scopes: readonly string[];
  /** Peers to keep connected (multiaddrs with `/p2p/<peer id>`). @default [] */
  readonly dial?: readonly string[];
  /** Refuse a data dir that does not exist yet (for read-only commands). @default false */
  readonly mustExist?: boolean;
  readonly logger?: Logger;
}

/**
 * Starts the operator's Node peer (`startNodePeer` with role `operator`) on a data dir. It listens on nothing (an operator
 * dials out) and keeps the `dial` peers connected; without them it only opens the queue for inspection.
 * @throws {DataDirError} when the data dir is missing (`mustExist`), under /proc, /sys or /dev, or used by another process.
 */
export async function startOperatorPeer(options: OperatorPeerOptions): Promise<RunningNodePeer> {
  const problem = dataDirProblem(options.dataDir);
  if (problem !== null) throw new DataDirError(options.dataDir, problem.slice(options.dataDir.length + 1));
  if (options.mustExist) {
    const info = await stat(options.dataDir).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) throw new DataDirError(options.dataDir, 'no such data dir');
  }
  const dial = options.dial ?? [];
  try {
    return await startNodePeer({
      dataDir: options.dataDir,
      scopes: options.scopes,
      root: options.network.root,
      role: 'operator',
      elections: options.network.elections,
      dial,
      listen: [], // an operator only dials out
      ...(options.logger ? { logger: options.logger } : {}),
    });
  } catch (error) {
    if (error instanceof StoreLockedError || (error as { cause?: unknown })?.cause instanceof StoreLockedError) {
      throw new DataDirError(options.dataDir, 'is in use by another process (another titip-operator running?)', { cause: error });
    }
    throw error;
  }
}
