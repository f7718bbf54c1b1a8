import type { Stream, StreamCloseEvent, StreamMessageEvent } from '@libp2p/interface';
import { checkInteger, resolveFrameChannelOptions, type FrameChannelOptions } from './channel-options.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, DEFAULT_MAX_PAUSED_READ_BYTES } from './constants.js';
import { ChannelClosedError, ChannelResetError, FrameTooLargeError, TruncatedFrameError } from './errors.js';
import type { FrameChannel } from './frame-channel.js';
import { FrameDecoder } from './frame-decoder.js';
import { FrameQueue } from './frame-queue.js';
import { encodeUnsignedVarint } from './unsigned-varint.js';

/** Options of {@link frameChannelFromStream}. */
export interface StreamFrameChannelOptions extends FrameChannelOptions {
  /**
   * Bytes the libp2p stream may buffer unread while the channel has paused it; raised on the stream if it is lower.
   * Past it libp2p resets the stream.
   * @default 17825792 (17 MiB: one full yamux receive window of 16 MiB, plus slack)
   */
  readonly maxPausedReadBytes?: number;
  /** How long `close()` waits for queued frames to reach the transport before it aborts the stream. @default 10000 */
  readonly closeTimeoutMs?: number;
}

/**
 * A {@link FrameChannel} over a libp2p 3 stream (a message stream: 'message' events, `send` returning false under
 * backpressure). Each frame is an unsigned-varint length prefix and the bytes. An incoming length above
 * `maxFrameBytes` is refused from the prefix alone: the frames before it are still delivered, then `frames()`
 * throws `FrameTooLargeError` and the stream is aborted. The channel pauses the stream while
 * `readHighWaterMark` bytes of frames sit unread. Call it as soon as the stream exists (before awaiting anything),
 * so no 'message' event is missed by another listener.
 */
export function frameChannelFromStream(
  stream: Stream,
  remotePeer: string,
  options: StreamFrameChannelOptions = {},
): FrameChannel {
  return new StreamFrameChannel(stream, remotePeer, options);
}

class StreamFrameChannel implements FrameChannel {
  readonly remotePeer: string;
  readonly #stream: Stream;
  readonly #maxFrameBytes: number;
  readonly #closeTimeoutMs: number;
  readonly #decoder: FrameDecoder;
  readonly #inbound: FrameQueue;
  #writable = true;
  /** Set once this side tore the stream down (abort, refusal, close timeout): its 'close' event is ours. */
  #tornDown = false;
  #tail: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(stream: Stream, remotePeer: string, options: StreamFrameChannelOptions) {
    const resolved = resolveFrameChannelOptions(options);
    const maxPausedReadBytes = options.maxPausedReadBytes ?? DEFAULT_MAX_PAUSED_READ_BYTES;
    checkInteger('maxPausedReadBytes', maxPausedReadBytes, 1, Number.MAX_SAFE_INTEGER);
    this.#closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    checkInteger('closeTimeoutMs', this.#closeTimeoutMs, 1, 2 ** 31 - 1);
    this.remotePeer = remotePeer;
    this.#stream = stream;
    this.#maxFrameBytes = resolved.maxFrameBytes;
    this.#decoder = new FrameDecoder(resolved.maxFrameBytes);
    this.#inbound = new FrameQueue(resolved.readHighWaterMark, () => this.#resumeIfPaused());
    if (stream.maxReadBufferLength < maxPausedReadBytes) stream.maxReadBufferLength = maxPausedReadBytes;
    stream.addEventListener('message', this.#onMessage);
    stream.addEventListener('end', this.#onEnd);
    stream.addEventListener('close', this.#onClose);
    if (stream.status === 'reset' || stream.status === 'aborted') {
      this.#writable = false;
      this.#inbound.discard(new ChannelResetError(remotePeer, { cause: new Error(`stream was ${stream.status} before use`) }));
    } else if (stream.status === 'closed') this.#onClose(undefined);
    else if (stream.readableEnded) this.#onEnd();
  }

  send(frame: Uint8Array): Promise<void> {
    if (!this.#writable) return Promise.reject(new ChannelClosedError());
    if (frame.byteLength > this.#maxFrameBytes) {
      return Promise.reject(new FrameTooLargeError(frame.byteLength, this.#maxFrameBytes));
    }
    const sent = this.#tail.then(() => this.#write(frame));
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
    this.#writable = false;
    this.#inbound.discard(reason);
    this.#tearDown(reason);
  }

  async #write(frame: Uint8Array): Promise<void> {
    const stream = this.#stream;
    try {
      await drained(stream);
      stream.send(encodeUnsignedVarint(frame.byteLength));
      if (frame.byteLength > 0) stream.send(frame);
      await drained(stream);
    } catch (error) {
      throw new ChannelClosedError(`cannot send to ${this.remotePeer}: the stream is ${stream.status}`, { cause: error });
    }
  }

  async #close(): Promise<void> {
    this.#writable = false;
    const stream = this.#stream;
    const deadline = AbortSignal.timeout(this.#closeTimeoutMs);
    try {
      await untilAborted(this.#tail, deadline);
      this.#inbound.discard();
      if (stream.status !== 'open') return;
      await stream.close({ signal: deadline });
      await stream.closeRead();
    } catch (error) {
      this.#inbound.discard();
      this.#tearDown(new ChannelClosedError(`close of the channel with ${this.remotePeer} failed`, { cause: error }));
    }
  }

  #tearDown(reason: Error): void {
    this.#tornDown = true;
    this.#stream.abort(reason);
  }

  readonly #onMessage = (event: StreamMessageEvent): void => {
    if (this.#inbound.done) return;
    try {
      const data = event.data;
      const chunks: Iterable<Uint8Array> = data instanceof Uint8Array ? [data] : data;
      for (const chunk of chunks) {
        this.#decoder.push(chunk, this.#onFrame);
      }
    } catch (error) {
      const refusal = error instanceof Error ? error : new Error(String(error));
      this.#writable = false;
      this.#inbound.fail(refusal);
      this.#tearDown(refusal);
      return;
    }
    if (this.#inbound.full && this.#stream.readStatus === 'readable') this.#stream.pause();
  };

  readonly #onFrame = (frame: Uint8Array): void => this.#inbound.push(frame);

  /** No more data from the remote will be delivered. */
  readonly #onEnd = (): void => {
    // On a reset or abort libp2p emits 'end' just before 'close'; that 'close' carries the error.
    if (this.#stream.status === 'reset' || this.#stream.status === 'aborted') return;
    if (this.#decoder.midFrame) this.#inbound.fail(new TruncatedFrameError(this.#decoder.pendingBytes));
    else this.#inbound.end();
  };

  readonly #onClose = (event: StreamCloseEvent | undefined): void => {
    this.#writable = false;
    const error = event?.error;
    if (error !== undefined) {
      if (!this.#tornDown) this.#inbound.discard(new ChannelResetError(this.remotePeer, { cause: error }));
      return;
    }
    // A clean close: both directions ended. Data still buffered while paused arrives after 'resume' and 'end'.
    if (this.#stream.readableEnded || this.#stream.readBufferLength === 0) this.#onEnd();
  };

  #resumeIfPaused(): void {
    if (this.#stream.readStatus === 'paused') this.#stream.resume();
  }
}

/** Resolves with `promise`, or rejects once `signal` aborts. */
async function untilAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Resolves once `stream` no longer needs a drain: its bytes have been handed to the muxer. (`stream.onDrain()` is
 * not used: in @libp2p/utils 7.4 its promise is never renewed after the first drain, so it stops waiting.)
 */
async function drained(stream: Stream): Promise<void> {
  while (stream.writableNeedsDrain) {
    if (stream.status !== 'open') throw new Error(`stream is ${stream.status}`);
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        stream.removeEventListener('drain', onDrain);
        stream.removeEventListener('close', onClose);
      };
      const onDrain = (): void => {
        done();
        resolve();
      };
      const onClose = (event: StreamCloseEvent): void => {
        done();
        reject(event.error ?? new Error('stream closed'));
      };
      stream.addEventListener('drain', onDrain);
      stream.addEventListener('close', onClose);
    });
    // The stream's own drain listener resumes sending in a microtask queued before this continuation.
    await Promise.resolve();
  }
}
