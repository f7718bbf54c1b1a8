import type { Libp2p, PeerId } from '@libp2p/interface';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { silentLogger, type Logger } from '@titip/log';
import { checkInteger, resolveFrameChannelOptions } from './channel-options.js';
import { DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS } from './constants.js';
import { ChannelOpenError, StreamLimitError } from './errors.js';
import type { FrameChannel } from './frame-channel.js';
import { frameChannelFromStream, type StreamFrameChannelOptions } from './frame-channel-from-stream.js';

/** The part of a libp2p node the protocol helpers use. */
export type FrameProtocolHost = Pick<Libp2p, 'handle' | 'unhandle' | 'dial'>;

/** What is known about the connection an inbound channel arrived on. */
export interface InboundChannelInfo {
  /** The remote address of the connection (a multiaddr string). */
  readonly remoteAddr: string;
  /** True on a relayed connection with data/duration limits (only if `runOnLimitedConnection` was set). */
  readonly limited: boolean;
}

/** Called with each inbound channel; a throw or rejection aborts the channel (and is logged). */
export type InboundChannelHandler = (channel: FrameChannel, info: InboundChannelInfo) => void | Promise<void>;

/** Options of {@link handleFrameProtocol}. */
export interface HandleFrameProtocolOptions extends StreamFrameChannelOptions {
  /** Concurrent inbound streams of this protocol per connection; libp2p resets the ones past it. @default 8 */
  readonly maxInboundStreams?: number;
  /**
   * Concurrent outbound streams of this protocol per connection; {@link openFrameChannel} refuses the ones past it
   * with `StreamLimitError`. Once this node handles the protocol, this limit applies to every outbound stream of it.
   * @default 8
   */
  readonly maxOutboundStreams?: number;
  /** Also accept streams on relayed connections with limits (128 KiB / 2 min by default). @default false */
  readonly runOnLimitedConnection?: boolean;
  readonly logger?: Logger;
}

/** A registered frame protocol. */
export interface FrameProtocolRegistration {
  readonly protocolId: string;
  /** Stops accepting new streams of the protocol (open channels stay open). */
  unhandle(): Promise<void>;
}

/** Registers `protocolId` on `node`: each inbound stream becomes a {@link FrameChannel} passed to `onChannel`. */
export async function handleFrameProtocol(
  node: FrameProtocolHost,
  protocolId: string,
  onChannel: InboundChannelHandler,
  options: HandleFrameProtocolOptions = {},
): Promise<FrameProtocolRegistration> {
  resolveFrameChannelOptions(options);
  const maxInboundStreams = options.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS;
  const maxOutboundStreams = options.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS;
  checkInteger('maxInboundStreams', maxInboundStreams, 1, 1_000_000);
  checkInteger('maxOutboundStreams', maxOutboundStreams, 1, 1_000_000);
  const logger = (options.logger ?? silentLogger).child('frame-protocol');
  await node.handle(
    protocolId,
    (stream, connection) => {
      const remotePeer = connection.remotePeer.toString();
      const channel = frameChannelFromStream(stream, remotePeer, options);
      const info: InboundChannelInfo = { remoteAddr: connection.remoteAddr.toString(), limited: connection.limits != null };
      Promise.resolve()
        .then(() => onChannel(channel, info))
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error : new Error(String(error));
          logger.warn('inbound channel handler failed', { protocolId, remotePeer, error: reason.message });
          channel.abort(reason);
        });
    },
    { maxInboundStreams, maxOutboundStreams, runOnLimitedConnection: options.runOnLimitedConnection ?? false },
  );
  return { protocolId, unhandle: () => node.unhandle(protocolId) };
}

/** Options of {@link openFrameChannel}. */
export interface OpenFrameChannelOptions extends StreamFrameChannelOptions {
  /** Cancels the dial and the protocol negotiation. */
  readonly signal?: AbortSignal;
  /** Outbound stream limit when this node does not itself handle the protocol. @default 8 */
  readonly maxOutboundStreams?: number;
  /** Allow opening the stream on a relayed connection with limits. @default false */
  readonly runOnLimitedConnection?: boolean;
}

/**
 * Dials `peer` (a peer id, a peer id string, a multiaddr or a multiaddr string; an existing connection is reused)
 * and opens a `protocolId` stream as a {@link FrameChannel}. Throws `StreamLimitError` past the outbound stream
 * limit and `ChannelOpenError` for any other failure.
 */
export async function openFrameChannel(
  node: FrameProtocolHost,
  peer: string | PeerId | Multiaddr,
  protocolId: string,
  options: OpenFrameChannelOptions = {},
): Promise<FrameChannel> {
  resolveFrameChannelOptions(options);
  const maxOutboundStreams = options.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS;
  checkInteger('maxOutboundStreams', maxOutboundStreams, 1, 1_000_000);
  const shown = peer.toString();
  try {
    const target = typeof peer === 'string' ? multiaddr(peer.startsWith('/') ? peer : `/p2p/${peer}`) : peer;
    const connection = await node.dial(target, options.signal ? { signal: options.signal } : {});
    const stream = await connection.newStream(protocolId, {
      ...(options.signal ? { signal: options.signal } : {}),
      maxOutboundStreams,
      runOnLimitedConnection: options.runOnLimitedConnection ?? false,
    });
    if (stream.status === 'reset' || stream.status === 'aborted') {
      throw new Error(`the stream was ${stream.status} during negotiation (a stream limit of the remote?)`);
    }
    return frameChannelFromStream(stream, connection.remotePeer.toString(), options);
  } catch (error) {
    if (error instanceof Error && error.name === 'TooManyOutboundProtocolStreamsError') {
      throw new StreamLimitError(protocolId, { cause: error });
    }
    throw new ChannelOpenError(shown, protocolId, { cause: error });
  }
}

