import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_READ_HIGH_WATER_MARK, MAX_FRAME_BYTES_LIMIT } from './constants.js';
import { InvalidTransportOptionError } from './errors.js';

/** Options every {@link FrameChannel} implementation takes. */
export interface FrameChannelOptions {
  /**
   * Largest frame, in bytes, this end accepts and sends. A longer incoming frame is refused from its length prefix
   * with `FrameTooLargeError` and the channel is torn down; a longer outgoing one is refused by `send`.
   * @default 4194304 (4 MiB)
   */
  readonly maxFrameBytes?: number;
  /**
   * Bytes of received frames queued unread before the channel stops reading from the transport (backpressure).
   * @default 1048576 (1 MiB)
   */
  readonly readHighWaterMark?: number;
}

/** {@link FrameChannelOptions} with defaults applied and ranges checked. */
export interface ResolvedFrameChannelOptions {
  readonly maxFrameBytes: number;
  readonly readHighWaterMark: number;
}

/** Applies defaults and checks ranges; throws `InvalidTransportOptionError`. */
export function resolveFrameChannelOptions(options: FrameChannelOptions = {}): ResolvedFrameChannelOptions {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  checkInteger('maxFrameBytes', maxFrameBytes, 0, MAX_FRAME_BYTES_LIMIT);
  const readHighWaterMark = options.readHighWaterMark ?? DEFAULT_READ_HIGH_WATER_MARK;
  checkInteger('readHighWaterMark', readHighWaterMark, 1, Number.MAX_SAFE_INTEGER);
  return { maxFrameBytes, readHighWaterMark };
}

/** Throws `InvalidTransportOptionError` unless `value` is an integer in `[min, max]`. */
export function checkInteger(option: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidTransportOptionError(option, `expected an integer in [${min}, ${max}], got ${String(value)}`);
  }
}
