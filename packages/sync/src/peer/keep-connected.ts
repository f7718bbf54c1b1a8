import { silentLogger, type Logger } from '@titip/log';
import type { SyncSession } from '../replication/sync-session.js';

/** Options of {@link KeepConnected}. */
export interface KeepConnectedOptions {
  /** First retry delay. @default 500 */
  readonly minDelayMs?: number;
  /** Longest retry delay (the delay doubles up to it). @default 30000 */
  readonly maxDelayMs?: number;
  /**
   * A session that stayed open at least this long resets the delay to `minDelayMs`; one that closed sooner (the
   * other side hung up at once, a link flapping) doubles it like a failed connect, so a peer that keeps closing on us
   * is not redialled several times a second (which its per-minute session limit would rightly punish). @default 10000
   */
  readonly stableMs?: number;
  /** Clock (ms) for session lifetimes. @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/**
 * Keeps one session open: connects, waits for it to close, and connects again with exponential backoff (failed
 * connects and short-lived sessions double the delay; a session that lasted `stableMs` resets it).
 */
export class KeepConnected {
  readonly #connect: () => Promise<SyncSession>;
  readonly #min: number;
  readonly #max: number;
  readonly #stableMs: number;
  readonly #now: () => number;
  readonly #logger: Logger;
  #running = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay: number;

  constructor(connect: () => Promise<SyncSession>, options: KeepConnectedOptions = {}) {
    this.#connect = connect;
    this.#min = options.minDelayMs ?? 500;
    this.#max = options.maxDelayMs ?? 30_000;
    this.#stableMs = options.stableMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#delay = this.#min;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Starts connecting. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#attempt();
  }

  /** Stops; the current session (if any) is left to the caller. */
  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  async #attempt(): Promise<void> {
    if (!this.#running) return;
    try {
      const session = await this.#connect();
      const opened = this.#now();
      await session.closed;
      const lasted = this.#now() - opened;
      if (lasted >= this.#stableMs) this.#delay = this.#min;
      else {
        this.#logger.debug('session closed soon after opening, backing off', { lastedMs: lasted, delayMs: this.#delay });
        this.#delay = Math.min(this.#delay * 2, this.#max);
      }
    } catch (error) {
      this.#logger.debug('connect failed, will retry', { delayMs: this.#delay, error });
      this.#delay = Math.min(this.#delay * 2, this.#max);
    }
    if (!this.#running) return;
    this.#timer = setTimeout(() => void this.#attempt(), this.#delay);
  }
}
