import { TokenBucket } from './token-bucket.js';
import type { ResolvedPeerSyncLimits } from './peer-limits.js';

const MINUTE_MS = 60_000;

/** The rate budgets of one remote peer. */
export interface PeerBudget {
  readonly bytes: TokenBucket;
  readonly frames: TokenBucket;
  readonly sessionOpens: TokenBucket;
  /**
   * Session opens refused for the per-minute rate that are forgiven (refused without a report): half the rate. An
   * honest peer on a flapping link may overshoot the rate a little and backs off once refused; a peer that keeps
   * opening after that is flooding.
   */
  readonly forgivenSessionOpens: TokenBucket;
}

/**
 * The per-minute budgets ({@link TokenBucket}s) of every remote peer, shared by all its sessions and connections and
 * kept across reconnects (a peer cannot reset its budget by redialling). Budgets of peers that used nothing lately
 * (their buckets are full again) are forgotten once many peers are known.
 */
export class PeerBudgets {
  readonly #limits: ResolvedPeerSyncLimits;
  readonly #now: () => number;
  readonly #budgets = new Map<string, PeerBudget>();

  constructor(limits: ResolvedPeerSyncLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** The budget of `peer`, created full on first use. */
  of(peer: string): PeerBudget {
    let budget = this.#budgets.get(peer);
    if (budget === undefined) {
      if (this.#budgets.size >= 1024) this.#forgetIdle();
      budget = {
        bytes: new TokenBucket(this.#limits.maxBytesPerPeerPerMinute, MINUTE_MS, this.#now),
        frames: new TokenBucket(this.#limits.maxFramesPerPeerPerMinute, MINUTE_MS, this.#now),
        sessionOpens: new TokenBucket(this.#limits.maxSessionsPerPeerPerMinute, MINUTE_MS, this.#now),
        forgivenSessionOpens: new TokenBucket(Math.max(1, Math.floor(this.#limits.maxSessionsPerPeerPerMinute / 2)), MINUTE_MS, this.#now),
      };
      this.#budgets.set(peer, budget);
    }
    return budget;
  }

  #forgetIdle(): void {
    for (const [peer, b] of this.#budgets) if (b.bytes.full && b.frames.full && b.sessionOpens.full && b.forgivenSessionOpens.full) this.#budgets.delete(peer);
  }
}
