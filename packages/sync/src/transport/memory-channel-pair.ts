import { resolveFrameChannelOptions, checkInteger, type FrameChannelOptions } from './channel-options.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, MAX_FRAME_BYTES_LIMIT } from './constants.js';
import { ChannelClosedError, ChannelResetError, FrameTooLargeError } from './errors.js';
import type { FrameChannel } from './frame-channel.js';
import { FrameQueue } from './frame-queue.js';

/** Options of {@link createMemoryChannelPair}. */
export interface MemoryChannelPairOptions extends FrameChannelOptions {
  /** `maxFrameBytes` of side A only, e.g. to simulate a peer that sends frames the other refuses. @default maxFrameBytes */
  readonly maxFrameBytesA?: number;
  /** `maxFrameBytes` of side B only. @default maxFrameBytes */
  readonly maxFrameBytesB?: number;
  /** How long `close()` waits for frames the other side has not made room for, before it aborts. @default 10000 */
  readonly closeTimeoutMs?: number;
}

/**
 * Two connected in-memory {@link FrameChannel}s, `[a, b]`: what `a` sends `b` receives and back; `a.remotePeer`
 * is `nameB` and `b.remotePeer` is `nameA`. Behaves like the libp2p channel: ordered, copies frames, backpressure
 * (a `send` waits while the receiver holds `readHighWaterMark` bytes unread), oversized frames refused by the
 * receiver with `FrameTooLargeError` (the sender sees a reset), `close` ends the other side's `frames()`.
 * Universal: no Node APIs.
 */
export function createMemoryChannelPair(
  nameA: string,
  nameB: string,
  options: MemoryChannelPairOptions = {},
): readonly [FrameChannel, FrameChannel] {
  const shared = resolveFrameChannelOptions(options);
  const limitA = options.maxFrameBytesA ?? shared.maxFrameBytes;
  const limitB = options.maxFrameBytesB ?? shared.maxFrameBytes;
  checkInteger('maxFrameBytesA', limitA, 0, MAX_FRAME_BYTES_LIMIT);
  checkInteger('maxFrameBytesB', limitB, 0, MAX_FRAME_BYTES_LIMIT);
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  checkInteger('closeTimeoutMs', closeTimeoutMs, 0, 2 ** 31 - 1);
  const a = new MemoryFrameChannel(nameB, limitA, shared.readHighWaterMark, closeTimeoutMs);
  const b = new MemoryFrameChannel(nameA, limitB, shared.readHighWaterMark, closeTimeoutMs);
  a.connect(b);
  b.connect(a);
  return [a, b];
}

class MemoryFrameChannel implements FrameChannel {
  readonly remotePeer: string;
  readonly #maxFrameBytes: number;
  readonly #closeTimeoutMs: number;
  readonly #inbound: FrameQueue;
  #peer!: MemoryFrameChannel;
  /** False once close or abort started: new sends are refused. */
  #writable = true;
  /** True once torn down: queued sends fail too. */
  #aborted = false;
  #tail: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(remotePeer: string, maxFrameBytes: number, readHighWaterMark: number, closeTimeoutMs: number) {
    this.remotePeer = remotePeer;
    this.#maxFrameBytes = maxFrameBytes;
    this.#closeTimeoutMs = closeTimeoutMs;
    this.#inbound = new FrameQueue(readHighWaterMark);
  }

  connect(peer: MemoryFrameChannel): void {
    this.#peer = peer;
  }

  send(frame: Uint8Array): Promise<void> {
    if (!this.#writable) return Promise.reject(new ChannelClosedError());
    if (frame.byteLength > this.#maxFrameBytes) {
      return Promise.reject(new FrameTooLargeError(frame.byteLength, this.#maxFrameBytes));
    }
    const copy = frame.slice();
    const sent = this.#tail.then(() => this.#deliver(copy));
    this.#tail = sent.catch(() => {});
    return sent;
  }

  frames(): AsyncIterable<Uint8Array> {
    return this.#inbound.frames();
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  abort(reason: Error): void {
    if (this.#aborted) return;
    this.#tearDown(reason);
    this.#peer.#tearDown(new ChannelResetError(this.#peer.remotePeer, { cause: reason }));
  }

  async #deliver(frame: Uint8Array): Promise<void> {
    const receiver = this.#peer;
    if (this.#aborted) throw new ChannelClosedError();
    if (frame.byteLength > receiver.#maxFrameBytes) {
      const refusal = new FrameTooLargeError(frame.byteLength, receiver.#maxFrameBytes);
      receiver.#inbound.fail(refusal);
      receiver.#markTornDown();
      this.#tearDown(new ChannelResetError(this.remotePeer, { cause: refusal }));
      return;
    }
    await receiver.#inbound.waitForSpace();
    if (this.#aborted) throw new ChannelClosedError();
    receiver.#inbound.push(frame);
  }

  async #close(): Promise<void> {
    this.#writable = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.#closeTimeoutMs)));
    const timedOutFirst = await Promise.race([this.#tail.then(() => false), timedOut]);
    clearTimeout(timer);
    if (timedOutFirst) {
      this.abort(new ChannelClosedError('close timed out waiting for the remote to read'));
      return;
    }
    this.#inbound.discard();
    if (!this.#aborted) this.#peer.#inbound.end();
  }

  /** Drops what was received unread; `frames()` throws `reason`. */
  #tearDown(reason: Error): void {
    if (this.#aborted) return;
    this.#markTornDown();
    this.#inbound.discard(reason);
  }

  #markTornDown(): void {
    this.#aborted = true;
    this.#writable = false;
  }
}
