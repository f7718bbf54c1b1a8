/**
 * Bytes per second over a sliding window: what status lines show. The window is cut into one-second slots, so memory
 * stays constant whatever the traffic.
 */
export class RateMeter {
  readonly #windowMs: number;
  readonly #slots: { start: number; bytes: number }[] = [];
  #total = 0;
  #first: number | undefined;

  /** @param windowMs - the span the rate is averaged over. @default 5000 */
  constructor(windowMs = 5000) {
    this.#windowMs = windowMs;
  }

  /** All bytes recorded. */
  get total(): number {
    return this.#total;
  }

  /** Records `bytes` at time `now` (ms). */
  record(bytes: number, now: number): void {
    this.#total += bytes;
    this.#first ??= now;
    const start = now - (now % 1000);
    const last = this.#slots.at(-1);
    if (last && last.start === start) last.bytes += bytes;
    else this.#slots.push({ start, bytes });
    this.#prune(now);
  }

  /** Bytes per second over the window ending at `now` (over less when recording began more recently). */
  rate(now: number): number {
    this.#prune(now);
    if (this.#first === undefined) return 0;
    const span = Math.min(this.#windowMs, Math.max(now - this.#first, 1000));
    let bytes = 0;
    for (const slot of this.#slots) bytes += slot.bytes;
    return (bytes * 1000) / span;
  }

  #prune(now: number): void {
    while (this.#slots.length > 0 && this.#slots[0]!.start + 1000 <= now - this.#windowMs) this.#slots.shift();
  }
}
