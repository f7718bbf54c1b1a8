import type { Network } from '@titip/config';
import type { Logger } from '@titip/log';
import { docIdOf, type TitipRecord } from '@titip/records';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { AbortedError, DeliveryTimeoutError } from '../errors.js';

/** Options of {@link injectRecords}. */
export interface InjectOptions {
  /** Root key and elections: the local peer validates what it holds like any peer. */
  readonly network: Pick<Network, 'root' | 'elections'>;
  /** Peers to hand the records to (multiaddrs with `/p2p/<id>`). */
  readonly dial: readonly string[];
  /** The local peer's data dir (LevelDB and libp2p key; created if missing): the records stay there. */
  readonly dataDir: string;
  /** How long to wait for the peers to confirm. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/** Which peers confirmed holding the records. */
export interface InjectResult {
  readonly records: readonly string[];
  /** Peer ids that hold every record (digest agreement on a fresh session). */
  readonly confirmedBy: readonly string[];
  /** Targets that did not confirm in time. */
  readonly pending: readonly string[];
}

const RETRY_MS = 250;

/**
 * Hands signed records (revocations, or any record) to peers the way an operator submits: a Titip peer on `dataDir`
 * scoped to the records' documents holds them (validated like remote objects) and syncs with each target. A target
 * is confirmed once a fresh session opens in digest agreement: it then holds everything this peer holds in the
 * documents they share, the records included. Resolves when every target confirmed, or at `timeoutMs` with those
 * that did.
 * @throws {DeliveryTimeoutError} when no target confirmed in time (the records stay in `dataDir` for another run).
 * @throws {AbortedError} when `signal` aborts first.
 */
export async function injectRecords(records: readonly TitipRecord[], options: InjectOptions): Promise<InjectResult> {
  const byDoc = new Map<string, TitipRecord[]>();
  for (const record of records) {
    const docId = docIdOf(record);
    byDoc.set(docId, [...(byDoc.get(docId) ?? []), record]);
  }
  const peer: RunningNodePeer = await startNodePeer({
    dataDir: options.dataDir,
    scopes: [...byDoc.keys()],
    root: options.network.root,
    elections: options.network.elections,
    role: 'issuer',
    listen: [],
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    for (const [docId, list] of byDoc) await peer.replica.addLocal(docId, list.map((r) => ({ id: r.id, bytes: r.bytes })));
    const deadline = Date.now() + options.timeoutMs;
    const confirmed = new Map<string, string>();
    while (confirmed.size < options.dial.length && Date.now() < deadline) {
      if (options.signal?.aborted) throw new AbortedError('stopped waiting for the peers to confirm');
      for (const target of options.dial) {
        if (confirmed.has(target)) continue;
        const agreed = await freshSessionAgrees(peer, target, deadline).catch(() => undefined);
        if (agreed !== undefined) confirmed.set(target, agreed);
      }
      if (confirmed.size < options.dial.length) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    if (confirmed.size === 0) throw new DeliveryTimeoutError(`${records.length} record(s)`, options.timeoutMs);
    return {
      records: records.map((r) => r.id),
      confirmedBy: [...confirmed.values()],
      pending: options.dial.filter((t) => !confirmed.has(t)),
    };
  } finally {
    await peer.stop();
  }
}

/**
 * Opens a session with `target` and waits until it is live; returns the remote peer id when it opened in digest
 * agreement, else hangs up (after letting the sync run a moment) and returns undefined.
 */
async function freshSessionAgrees(peer: RunningNodePeer, target: string, deadline: number): Promise<string | undefined> {
  const session = await peer.peer.connect(target);
  while (session.phase !== 'live' && session.phase !== 'closed' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (session.phase === 'live' && session.stats.agreedAtHello) {
    await peer.peer.hangUp(session.peer);
    return session.peer;
  }
  await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  await peer.peer.hangUp(session.peer);
  return undefined;
}
