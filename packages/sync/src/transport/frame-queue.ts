/**
 * The receive side of a channel: frames queued in arrival order for one consumer, with a high-water mark the
 * producer watches for backpressure. It ends cleanly (`end`), with an error after the queued frames (`fail`), or
 * at once with queued frames dropped (`discard`).
 */
export class FrameQueue {
  readonly #highWaterMark: number;
  readonly #onBelowHighWaterMark: () => void;
  #frames: Uint8Array[] = [];
  #head = 0;
  #bytes = 0;
  #done = false;
  #error: Error | undefined;
  #wakeReader: (() => void) | undefined;
  #spaceWaiters: Array<() => void> = [];

  /**
   * @param highWaterMark bytes queued at or above which `full` is true.
   * @param onBelowHighWaterMark called each time the consumer takes a frame and the queue is then below the mark.
   */
  constructor(highWaterMark: number, onBelowHighWaterMark: () => void = () => {}) {
    this.#highWaterMark = highWaterMark;
    this.#onBelowHighWaterMark = onBelowHighWaterMark;
  }

  /** Bytes queued and not yet taken. */
  get bytes(): number {
    return this.#bytes;
  }

  /** True when the producer should stop: the queue is at or above its high-water mark. */
  get full(): boolean {
    return this.#bytes >= this.#highWaterMark;
  }

  /** True once `end`, `fail` or `discard` was called: no more frames will be accepted. */
  get done(): boolean {
    return this.#done;
  }

  /** Queues one frame (ignored once done). */
  push(frame: Uint8Array): void {
    if (this.#done) return;
    this.#frames.push(frame);
    this.#bytes += frame.byteLength;
    this.#wake();
  }

  /** No more frames: the consumer ends after the queued ones. */
  end(): void {
    if (this.#done) return;
    this.#done = true;
    this.#wake();
    this.#releaseSpaceWaiters();
  }

  /** The consumer takes the queued frames, then `error` is thrown. */
  fail(error: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    this.#wake();
    this.#releaseSpaceWaiters();
  }

  /** Drops the queued frames; the consumer's next read throws `error` (or ends, without one). */
  discard(error?: Error): void {
    const wasDone = this.#done;
    this.#frames = [];
    this.#head = 0;
    this.#bytes = 0;
    this.#done = true;
    if (!wasDone || this.#error === undefined) this.#error = error;
    this.#wake();
    this.#releaseSpaceWaiters();
  }

  /** Resolves when the queue is below its high-water mark, or done. */
  async waitForSpace(): Promise<void> {
    if (!this.full || this.#done) return;
    await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
  }

  /** Yields the frames in order until the queue ends; throws the error it failed with. One consumer at a time. */
  async *frames(): AsyncGenerator<Uint8Array, void, undefined> {
    for (;;) {
      if (this.#head < this.#frames.length) {
        const frame = this.#frames[this.#head] as Uint8Array;
        this.#frames[this.#head] = EMPTY;
        this.#head++;
        if (this.#head > 1024 && this.#head * 2 > this.#frames.length) {
          this.#frames = this.#frames.slice(this.#head);
          this.#head = 0;
        }
        this.#bytes -= frame.byteLength;
        if (!this.full) {
          this.#releaseSpaceWaiters();
          this.#onBelowHighWaterMark();
        }
        yield frame;
        continue;
      }
      if (this.#done) {
        if (this.#error !== undefined) throw this.#error;
        return;
      }
      await new Promise<void>((resolve) => (this.#wakeReader = resolve));
    }
  }

  #wake(): void {
    const wake = this.#wakeReader;
    this.#wakeReader = undefined;
    wake?.();
  }

  #releaseSpaceWaiters(): void {
    const waiters = this.#spaceWaiters;
    this.#spaceWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

const EMPTY = new Uint8Array(0);
