/** Stable codes of the errors the transport layer raises. */
export type TransportErrorCode =
  | 'FRAME_TOO_LARGE'
  | 'FRAME_MALFORMED'
  | 'FRAME_TRUNCATED'
  | 'CHANNEL_CLOSED'
  | 'CHANNEL_RESET'
  | 'CHANNEL_OPEN_FAILED'
  | 'STREAM_LIMIT'
  | 'PEER_LIMIT'
  | 'TRANSPORT_INVALID_OPTION'
  | 'PEER_KEY_INVALID';

/** Base class of every error of the transport layer; `code` is stable and safe to switch on. */
export abstract class TransportError extends Error {
  static override name = 'TransportError';
  abstract readonly code: TransportErrorCode;
}

/** A frame longer than the channel's `maxFrameBytes`; refused from its length prefix, before its bytes are buffered. */
export class FrameTooLargeError extends TransportError {
  static override name = 'FrameTooLargeError';
  override readonly name = 'FrameTooLargeError';
  readonly code = 'FRAME_TOO_LARGE';
  /** The declared length of the frame in bytes (a lower bound when the check fired inside the prefix). */
  readonly length: number;
  /** The limit in bytes. */
  readonly maxFrameBytes: number;
  constructor(length: number, maxFrameBytes: number) {
    super(`frame of ${length} bytes exceeds the limit of ${maxFrameBytes} bytes`);
    this.length = length;
    this.maxFrameBytes = maxFrameBytes;
  }
}

/** A length prefix that is not a minimal unsigned varint. */
export class MalformedFrameError extends TransportError {
  static override name = 'MalformedFrameError';
  override readonly name = 'MalformedFrameError';
  readonly code = 'FRAME_MALFORMED';
  /** What is wrong with the prefix. */
  readonly detail: string;
  constructor(detail: string) {
    super(`malformed frame: ${detail}`);
    this.detail = detail;
  }
}

/** The remote ended its side of the stream in the middle of a frame. */
export class TruncatedFrameError extends TransportError {
  static override name = 'TruncatedFrameError';
  override readonly name = 'TruncatedFrameError';
  readonly code = 'FRAME_TRUNCATED';
  /** Bytes of the frame (prefix and body) that had arrived. */
  readonly receivedBytes: number;
  constructor(receivedBytes: number) {
    super(`stream ended inside a frame after ${receivedBytes} of its bytes`);
    this.receivedBytes = receivedBytes;
  }
}

/** `send` on a channel that has been closed or aborted (locally, by the remote, or by the transport). */
export class ChannelClosedError extends TransportError {
  static override name = 'ChannelClosedError';
  override readonly name = 'ChannelClosedError';
  readonly code = 'CHANNEL_CLOSED';
  constructor(message = 'the channel is closed', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The remote (or the connection under the stream) tore the channel down; `cause` holds the transport's error. */
export class ChannelResetError extends TransportError {
  static override name = 'ChannelResetError';
  override readonly name = 'ChannelResetError';
  readonly code = 'CHANNEL_RESET';
  /** The peer on the other end. */
  readonly remotePeer: string;
  constructor(remotePeer: string, options?: ErrorOptions) {
    super(`channel with ${remotePeer} was reset${causeSuffix(options)}`, options);
    this.remotePeer = remotePeer;
  }
}

/** Dialling the peer or negotiating the protocol failed; `cause` holds the libp2p error. */
export class ChannelOpenError extends TransportError {
  static override name = 'ChannelOpenError';
  override readonly name = 'ChannelOpenError';
  readonly code = 'CHANNEL_OPEN_FAILED';
  /** The peer id or multiaddr that was dialled. */
  readonly target: string;
  /** The protocol that was asked for. */
  readonly protocolId: string;
  constructor(target: string, protocolId: string, options?: ErrorOptions) {
    super(`could not open ${protocolId} to ${target}${causeSuffix(options)}`, options);
    this.target = target;
    this.protocolId = protocolId;
  }
}

/** Opening one more outbound stream of a protocol on a connection would exceed `maxOutboundStreams`. */
export class StreamLimitError extends TransportError {
  static override name = 'StreamLimitError';
  override readonly name = 'StreamLimitError';
  readonly code = 'STREAM_LIMIT';
  /** The protocol whose limit was hit. */
  readonly protocolId: string;
  constructor(protocolId: string, options?: ErrorOptions) {
    super(`too many outbound ${protocolId} streams on this connection`, options);
    this.protocolId = protocolId;
  }
}

/** Which per-peer limit a {@link PeerLimitError} is about (see `docs/limits.md`). */
export type PeerLimitKind = 'bytes-per-minute' | 'frames-per-minute' | 'sessions' | 'sessions-per-minute';

/**
 * A remote peer went past one of the limits a peer grants each remote (bytes or frames received per minute,
 * concurrent sync sessions, sessions opened per minute). The session ends with a `reject` carrying this code and
 * the peer is reported (and so refused for the ban period).
 */
export class PeerLimitError extends TransportError {
  static override name = 'PeerLimitError';
  override readonly name = 'PeerLimitError';
  readonly code = 'PEER_LIMIT';
  /** The remote peer. */
  readonly remotePeer: string;
  /** The limit it went past. */
  readonly limit: PeerLimitKind;
  /** The limit's value (bytes, frames or sessions; per minute for the rates). */
  readonly allowed: number;
  constructor(remotePeer: string, limit: PeerLimitKind, allowed: number) {
    super(`peer ${remotePeer} went past the limit of ${allowed} ${LIMIT_UNITS[limit]}`);
    this.remotePeer = remotePeer;
    this.limit = limit;
    this.allowed = allowed;
  }
}

const LIMIT_UNITS: Record<PeerLimitKind, string> = {
  'bytes-per-minute': 'bytes received per minute',
  'frames-per-minute': 'frames received per minute',
  sessions: 'concurrent sync sessions',
  'sessions-per-minute': 'sync sessions opened per minute',
};

/**
 * Whether a transport error raised while reading a channel is the remote peer's fault (an oversized frame, a
 * malformed length prefix, a limit exceeded), so the session reports it, rather than a network failure.
 */
export function isPeerFault(error: unknown): error is TransportError {
  return error instanceof TransportError && (error.code === 'FRAME_TOO_LARGE' || error.code === 'FRAME_MALFORMED' || error.code === 'PEER_LIMIT');
}

/** An option passed to a transport function is out of range or of the wrong type. */
export class InvalidTransportOptionError extends TransportError {
  static override name = 'InvalidTransportOptionError';
  override readonly name = 'InvalidTransportOptionError';
  readonly code = 'TRANSPORT_INVALID_OPTION';
  /** The option's name. */
  readonly option: string;
  /** What is wrong with it. */
  readonly detail: string;
  constructor(option: string, detail: string) {
    super(`invalid option ${option}: ${detail}`);
    this.option = option;
    this.detail = detail;
  }
}

/** Stored peer key bytes (or a key file) that are not a libp2p private key protobuf. */
export class PeerKeyInvalidError extends TransportError {
  static override name = 'PeerKeyInvalidError';
  override readonly name = 'PeerKeyInvalidError';
  readonly code = 'PEER_KEY_INVALID';
  /** Where the bytes came from (a file path, or 'bytes'). */
  readonly source: string;
  constructor(source: string, options?: ErrorOptions) {
    super(`invalid peer key in ${source}${causeSuffix(options)}`, options);
    this.source = source;
  }
}

function causeSuffix(options: ErrorOptions | undefined): string {
  return options?.cause instanceof Error ? `: ${options.cause.message}` : '';
}
