/**
 * A token bucket: holds at most `capacity` tokens, refilled continuously at `capacity` per `periodMs`. Taking more
 * tokens than it holds fails and takes nothing. Used for the per-peer rates (bytes, frames, sessions per minute).
 */
export class TokenBucket {
  readonly capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  /**
   * @param capacity - most tokens held, and tokens added per `periodMs`.
   * @param periodMs - time in which an empty bucket fills up.
   * @param now - clock in ms.
   */
  constructor(capacity: number, periodMs: number, now: () => number = Date.now) {
    this.capacity = capacity;
    this.#perMs = capacity / periodMs;
    this.#now = now;
    this.#tokens = capacity;
    this.#at = now();
  }

  /** Takes `count` tokens; false (and nothing taken) when fewer are left. */
  take(count: number): boolean {
    this.#refill();
    if (count > this.#tokens) return false;
    this.#tokens -= count;
    return true;
  }

  /** True when the bucket is full again (nothing taken lately). */
  get full(): boolean {
    this.#refill();
    return this.#tokens >= this.capacity;
  }

  #refill(): void {
    const now = this.#now();
    if (now > this.#at) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#at) * this.#perMs);
      this.#at = now;
    }
  }
}
