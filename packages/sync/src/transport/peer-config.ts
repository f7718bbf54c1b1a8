import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import type { Identify } from '@libp2p/identify';
import type { CircuitRelayService } from '@libp2p/circuit-relay-v2';
import type { PrivateKey } from '@libp2p/interface';
import type { Libp2pOptions } from 'libp2p';
import { checkInteger } from './channel-options.js';
import { lanConnectionGater, type LanConnectionGaterOptions } from './lan-connection-gater.js';

/** The services a Titip libp2p node runs: identify always, the circuit relay server on relay laptops. */
export type PeerServices = {
  identify: Identify;
  relay?: CircuitRelayService;
};

/** Connection and stream limits of a node (per-protocol stream limits are set in `handleFrameProtocol`). */
export interface PeerLimits {
  /** Open connections before libp2p prunes the least valuable. @default 64 on Node, 16 in the browser */
  readonly maxConnections?: number;
  /** Inbound connections still in their upgrade (noise, yamux) at once. @default 10 */
  readonly maxIncomingPendingConnections?: number;
  /** Inbound connections per second from one host before more are refused. @default 5 */
  readonly inboundConnectionThreshold?: number;
  /** Time one dial may take, resolution and upgrade included. @default 10000 on Node, 20000 in the browser */
  readonly dialTimeoutMs?: number;
  /**
   * Time one address of a dial may take before the next is tried. A WebRTC dial includes the signalling through the
   * relay and ICE, hence the longer browser default.
   * @default 6000 on Node, 15000 in the browser
   */
  readonly addressDialTimeoutMs?: number;
  /** Streams of all protocols per connection, in each direction; yamux resets those past it. @default 64 */
  readonly maxStreamsPerConnection?: number;
}

/** Options both node factories take. */
export interface CommonPeerOptions {
  /** The node's identity; a fresh Ed25519 key (a new peer id every start) when absent. */
  readonly privateKey?: PrivateKey;
  /** Addresses to announce instead of the listen addresses (e.g. the LAN address behind a port forward). */
  readonly announce?: readonly string[];
  /** Connection, dial and stream limits (each with its default). */
  readonly limits?: PeerLimits;
  /** Settings of the LAN connection gater (public addresses allowed by default). */
  readonly gater?: LanConnectionGaterOptions;
}

/** The limits that differ between Node and browser nodes. */
export interface PlatformLimitDefaults {
  readonly maxConnections: number;
  readonly dialTimeoutMs: number;
  readonly addressDialTimeoutMs: number;
}

/** The libp2p options shared by Node and browser nodes: identity, gater, limits, noise, yamux. */
export function commonLibp2pOptions(options: CommonPeerOptions, defaults: PlatformLimitDefaults): Libp2pOptions<PeerServices> {
  const limits = options.limits ?? {};
  const maxConnections = limits.maxConnections ?? defaults.maxConnections;
  const maxIncomingPendingConnections = limits.maxIncomingPendingConnections ?? 10;
  const inboundConnectionThreshold = limits.inboundConnectionThreshold ?? 5;
  const dialTimeout = limits.dialTimeoutMs ?? defaults.dialTimeoutMs;
  const addressDialTimeout = limits.addressDialTimeoutMs ?? defaults.addressDialTimeoutMs;
  const maxStreams = limits.maxStreamsPerConnection ?? 64;
  checkInteger('limits.maxConnections', maxConnections, 1, 100_000);
  checkInteger('limits.maxIncomingPendingConnections', maxIncomingPendingConnections, 1, 100_000);
  checkInteger('limits.inboundConnectionThreshold', inboundConnectionThreshold, 1, 100_000);
  checkInteger('limits.dialTimeoutMs', dialTimeout, 1, 2 ** 31 - 1);
  checkInteger('limits.addressDialTimeoutMs', addressDialTimeout, 1, 2 ** 31 - 1);
  checkInteger('limits.maxStreamsPerConnection', maxStreams, 1, 100_000);
  return {
    ...(options.privateKey ? { privateKey: options.privateKey } : {}),
    connectionManager: {
      maxConnections,
      maxIncomingPendingConnections,
      inboundConnectionThreshold,
      dialTimeout,
      addressDialTimeout,
    },
    connectionGater: lanConnectionGater(options.gater),
    connectionEncrypters: [noise()],
    streamMuxers: [yamux({ maxInboundStreams: maxStreams, maxOutboundStreams: maxStreams })],
  };
}

