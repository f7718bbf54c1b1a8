import type { SyncSession, TitipPeer } from '@titip/sync';

/** Bytes the sync sessions of some in-process peers sent and received, closed sessions included. */
export interface ByteMeter {
  /** Looks for new sessions now (also done every `intervalMs`). */
  sample(): void;
  /** Totals over every session seen so far. */
  totals(): { sent: number; received: number; sessions: number };
  /** Stops sampling (the totals stay readable). */
  stop(): void;
}

/**
 * Samples the sessions of `peers` every `intervalMs` and keeps each one seen, so that the bytes of a session that a
 * link flap closed still count (a session shorter than the interval may be missed: the figure is a lower bound).
 */
export function meterBytes(peers: () => Iterable<TitipPeer>, intervalMs = 200): ByteMeter {
  const seen = new Set<SyncSession>();
  const sample = () => {
    for (const peer of peers()) for (const session of peer.engine.sessions()) seen.add(session);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    totals() {
      let sent = 0;
      let received = 0;
      for (const s of seen) {
        sent += s.stats.bytesOut;
        received += s.stats.bytesIn;
      }
      return { sent, received, sessions: seen.size };
    },
    stop: () => clearInterval(timer),
  };
}
