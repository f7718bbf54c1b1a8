/** Default `maxFrameBytes` of a channel: 4 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** Largest accepted `maxFrameBytes`: 1 GiB (the length prefix is then at most 5 bytes). */
export const MAX_FRAME_BYTES_LIMIT = 1024 * 1024 * 1024;

/** Default bytes of received, unread frames a channel queues before it stops reading from the transport: 1 MiB. */
export const DEFAULT_READ_HIGH_WATER_MARK = 1024 * 1024;

/**
 * Default cap on the bytes a libp2p stream may hold unread while the channel has paused it: 17 MiB.
 * A paused yamux stream stops granting window, so at most one receive window (16 MiB at most) arrives after the
 * pause; a stream that overflows this (a transport without read backpressure, such as WebRTC) is reset.
 */
export const DEFAULT_MAX_PAUSED_READ_BYTES = 17 * 1024 * 1024;

/** Default time `close()` waits for queued bytes to reach the transport before it aborts the stream: 10 s. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** Default concurrent inbound streams of one frame protocol per connection. */
export const DEFAULT_MAX_INBOUND_STREAMS = 8;

/** Default concurrent outbound streams of one frame protocol per connection. */
export const DEFAULT_MAX_OUTBOUND_STREAMS = 8;
