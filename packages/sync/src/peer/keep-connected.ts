import { silentLogger, type Logger } from '@titip/log';
import type { SyncSession } from '../replication/sync-session.js';

/** Options of {@link KeepConnected}. */
export interface KeepConnectedOptions {
  /** First retry delay. @default 500 */
  readonly minDelayMs?: number;
  /** Longest retry delay (the delay doubles up to it). @default 30000 */
  readonly maxDelayMs?: number;
  readonly logger?: Logger;
}

/** Keeps one session open: connects, waits for it to close, and connects again with exponential backoff. */
export class KeepConnected {
  readonly #connect: () => Promise<SyncSession>;
  readonly #min: number;
  readonly #max: number;
  readonly #logger: Logger;
  #running = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay: number;

  constructor(connect: () => Promise<SyncSession>, options: KeepConnectedOptions = {}) {
    this.#connect = connect;
    this.#min = options.minDelayMs ?? 500;
    this.#max = options.maxDelayMs ?? 30_000;
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
      this.#delay = this.#min;
      await session.closed;
    } catch (error) {
      this.#logger.debug('connect failed, will retry', { delayMs: this.#delay, error });
      this.#delay = Math.min(this.#delay * 2, this.#max);
    }
    if (!this.#running) return;
    this.#timer = setTimeout(() => void this.#attempt(), this.#delay);
  }
}
