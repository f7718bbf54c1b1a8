// The transport layer of @titip/sync, universal (no Node APIs). Node-only factories: ./node.ts.
export type { FrameChannel } from './frame-channel.js';
export type { FrameChannelOptions } from './channel-options.js';
export {
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_READ_HIGH_WATER_MARK,
  DEFAULT_MAX_PAUSED_READ_BYTES,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_MAX_INBOUND_STREAMS,
  DEFAULT_MAX_OUTBOUND_STREAMS,
} from './constants.js';
export {
  TransportError,
  FrameTooLargeError,
  MalformedFrameError,
  TruncatedFrameError,
  ChannelClosedError,
  ChannelResetError,
  ChannelOpenError,
  StreamLimitError,
  InvalidTransportOptionError,
  PeerKeyInvalidError,
  PeerLimitError,
  isPeerFault,
  type PeerLimitKind,
  type TransportErrorCode,
} from './errors.js';
export { createMemoryChannelPair, type MemoryChannelPairOptions } from './memory-channel-pair.js';
export { frameChannelFromStream, type StreamFrameChannelOptions } from './frame-channel-from-stream.js';
export {
  handleFrameProtocol,
  openFrameChannel,
  type FrameProtocolHost,
  type FrameProtocolRegistration,
  type HandleFrameProtocolOptions,
  type InboundChannelHandler,
  type InboundChannelInfo,
  type OpenFrameChannelOptions,
} from './protocol-channel.js';
export { addressScope, type AddressScope } from './address-scope.js';
export { lanConnectionGater, type LanConnectionGaterOptions } from './lan-connection-gater.js';
export { generatePeerKey, encodePeerKey, decodePeerKey } from './peer-key.js';
export type { CommonPeerOptions, PeerLimits, PeerServices } from './peer-config.js';
export type { RelayServerOptions } from './relay-server-options.js';
export type { WebRTCOptions } from './webrtc-transport.js';
export { createBrowserLibp2p, DEFAULT_BROWSER_LISTEN, type BrowserPeerOptions } from './create-browser-peer.js';
