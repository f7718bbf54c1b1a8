import type { SyncEngine } from '@titip/sync';

/** Options of {@link awaitSyncQuiet}. */
export interface AwaitSyncQuietOptions {
  /** How long no frame may arrive on any open session for sync to count as quiet. @default 300 */
  readonly quietMs?: number;
  /** The longest wait. @default 3000 */
  readonly maxMs?: number;
}

/**
 * Waits until the engine's open sessions have received no frame for `quietMs` (or `maxMs` passed): after a receipt
 * arrives, what the peer sends in the same exchange (e.g. another device's submission of the same TPS, an
 * equivocation) is then held before the caller looks at the replica.
 */
export async function awaitSyncQuiet(engine: Pick<SyncEngine, 'sessions'>, options: AwaitSyncQuietOptions = {}): Promise<void> {
  const quietMs = options.quietMs ?? 300;
  const deadline = Date.now() + (options.maxMs ?? 3_000);
  const framesIn = () => engine.sessions().reduce((sum, s) => sum + s.stats.framesIn, 0);
  let last = framesIn();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = framesIn();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
}
