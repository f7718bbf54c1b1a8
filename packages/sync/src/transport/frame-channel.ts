/**
 * A bidirectional, ordered channel of frames (byte strings) with one remote peer: what the replication layer
 * speaks over. Implemented over a libp2p stream ({@link frameChannelFromStream}) and in memory
 * ({@link createMemoryChannelPair}).
 *
 * One consumer reads `frames()`; any number of callers may `send`, frames go out in call order.
 */
export interface FrameChannel {
  /** Identifies the remote peer (libp2p peer id string, or a name for in-memory pairs). */
  readonly remotePeer: string;
  /** Sends one frame; resolves once it is handed to the transport (respects backpressure). */
  send(frame: Uint8Array): Promise<void>;
  /** The frames received, in order; ends when the remote closes; throws FrameTooLargeError for an oversized one. */
  frames(): AsyncIterable<Uint8Array>;
  /** Closes gracefully (both directions). Safe to call twice. */
  close(): Promise<void>;
  /** Tears the channel down at once. */
  abort(reason: Error): void;
}
