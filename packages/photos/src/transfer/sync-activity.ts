/** The part of a sync session the photo transfer looks at: its peer, phase and frame counters. */
export interface ObservedSession {
  readonly peer: string;
  readonly phase: string;
  readonly stats: { readonly framesIn: number; readonly framesOut: number };
}

/** Options of {@link SyncActivity}. */
export interface SyncActivityOptions {
  /** The open sync sessions (e.g. `() => titipPeer.engine.sessions()`). */
  readonly sessions: () => readonly ObservedSession[];
  /** How long a peer's sync sessions must have been silent before photo bytes may flow. @default 1000 */
  readonly quietMs?: number;
  /** How often the sessions are looked at (while started, and by {@link SyncActivity.whenQuiet}). @default 50 */
  readonly pollMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

const SETTLED_PHASES = new Set(['live', 'closed']);

interface Seen {
  frames: number;
  changedAt: number;
  settled: boolean;
}

/**
 * "Numbers first": tells the photo transfer when the sync protocol is busy with a peer. A peer is busy while one of
 * its sync sessions is still greeting, comparing or reconciling, and for `quietMs` after any sync frame went either
 * way. Photo traffic to that peer waits until it is quiet, so signed numbers and receipts never queue behind photo
 * bytes sent after them; only the photo bytes already in flight (capped per connection) can be ahead of them.
 * Frame counters are sampled every `pollMs` once {@link start}ed (and on every question), so a change is seen within
 * that time; a session seen for the first time counts as active at that moment.
 */
export class SyncActivity {
  readonly #sessions: () => readonly ObservedSession[];
  readonly #quietMs: number;
  readonly #pollMs: number;
  readonly #now: () => number;
  readonly #seen = new Map<string, Seen>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: SyncActivityOptions) {
    this.#sessions = options.sessions;
    this.#quietMs = options.quietMs ?? 1000;
    this.#pollMs = options.pollMs ?? 50;
    this.#now = options.now ?? Date.now;
  }

  /** Samples the sessions every `pollMs` until {@link stop}. */
  start(): void {
    this.#sample();
    this.#timer ??= setInterval(() => this.#sample(), this.#pollMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** True when photo traffic with `peer` may flow now. */
  isQuiet(peer: string): boolean {
    this.#sample();
    const seen = this.#seen.get(peer);
    return !seen || (seen.settled && this.#now() - seen.changedAt >= this.#quietMs);
  }

  /** Resolves once {@link isQuiet} holds for `peer`, looking every `pollMs`; rejects when `signal` aborts. */
  async whenQuiet(peer: string, signal?: AbortSignal): Promise<void> {
    while (!this.isQuiet(peer)) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, this.#pollMs);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    signal?.throwIfAborted();
  }

  #sample(): void {
    const now = this.#now();
    const current = new Map<string, { frames: number; settled: boolean }>();
    for (const session of this.#sessions()) {
      const entry = current.get(session.peer) ?? { frames: 0, settled: true };
      entry.frames += session.stats.framesIn + session.stats.framesOut;
      if (!SETTLED_PHASES.has(session.phase)) entry.settled = false;
      current.set(session.peer, entry);
    }
    for (const [peer, { frames, settled }] of current) {
      const seen = this.#seen.get(peer);
      if (!seen) this.#seen.set(peer, { frames, changedAt: now, settled });
      else {
        if (seen.frames !== frames) {
          seen.frames = frames;
          seen.changedAt = now;
        }
        seen.settled = settled;
      }
    }
    // A peer whose sessions all ended: keep its last activity for quietMs (its frames may still be in flight).
    for (const [peer, seen] of this.#seen) {
      if (current.has(peer)) continue;
      if (now - seen.changedAt >= this.#quietMs) this.#seen.delete(peer);
      else seen.settled = true;
    }
  }
}
