import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2';
import { identify } from '@libp2p/identify';
import type { Libp2p } from '@libp2p/interface';
import { mdns } from '@libp2p/mdns';
import { tcp } from '@libp2p/tcp';
import { webSockets } from '@libp2p/websockets';
import { createLibp2p, type Libp2pOptions } from 'libp2p';
import { checkInteger } from './channel-options.js';
import { InvalidTransportOptionError } from './errors.js';
import { commonLibp2pOptions, type CommonPeerOptions, type PeerServices, type PlatformLimitDefaults } from './peer-config.js';
import { loadOrCreatePeerKey } from './peer-key-file.js';
import { relayServerInit, type RelayServerOptions } from './relay-server-options.js';
import { webRTCTransport, type WebRTCOptions } from './webrtc-transport.js';

/** Options of {@link createNodeLibp2p}. */
export interface NodePeerOptions extends CommonPeerOptions {
  /**
   * Multiaddrs to listen on: `/ip4/…/tcp/…` (TCP), `/ip4/…/tcp/…/ws` (WebSockets), `/webrtc` (with `webrtc`),
   * `/p2p-circuit` (take a reservation on a relay). Use LAN addresses explicitly; avoid `0.0.0.0`.
   * @default ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws']
   */
  readonly listen?: readonly string[];
  /** Key file holding the peer identity (created on first start, see `loadOrCreatePeerKey`); ignored with `privateKey`. */
  readonly peerKeyFile?: string;
  /**
   * mDNS discovery on the LAN. Discovery only: the node emits `peer:discovery` events and the caller dials what it
   * wants. Binds UDP 5353 on all interfaces (multicast needs it). Off when absent.
   */
  readonly mdns?: MdnsOptions;
  /** Run a circuit relay v2 server (a relay laptop through which browsers signal WebRTC). Off when absent. */
  readonly relayServer?: RelayServerOptions;
  /** Add the WebRTC transport (signalled over a circuit relay) and listen on `/webrtc`. Off when absent. */
  readonly webrtc?: WebRTCOptions;
}

/** mDNS discovery settings. */
export interface MdnsOptions {
  /** Milliseconds between queries. @default 10000 */
  readonly interval?: number;
  /** DNS-SD service name; peers with another tag do not see each other. @default '_p2p._udp.local' */
  readonly serviceTag?: string;
}

/** The limits a Node node defaults to (see `PeerLimits`). */
const NODE_LIMIT_DEFAULTS: PlatformLimitDefaults = { maxConnections: 64, dialTimeoutMs: 10_000, addressDialTimeoutMs: 6_000 };

/** The default listen addresses of a Node peer: TCP and WebSockets on loopback, ephemeral ports. */
export const DEFAULT_NODE_LISTEN = Object.freeze(['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws']);

/**
 * A started libp2p node for Node.js: TCP, WebSockets and the circuit relay transport, noise, yamux, identify, the
 * LAN connection gater and the limits of `options.limits`; optionally mDNS discovery, a circuit relay server and
 * WebRTC. The caller stops it.
 */
export async function createNodeLibp2p(options: NodePeerOptions = {}): Promise<Libp2p<PeerServices>> {
  const privateKey = options.privateKey ?? (options.peerKeyFile ? await loadOrCreatePeerKey(options.peerKeyFile) : undefined);
  const listen = [...(options.listen ?? DEFAULT_NODE_LISTEN)];
  // The circuit relay transport dials /p2p-circuit addresses (and takes reservations when listening on one).
  const transports: NonNullable<Libp2pOptions['transports']> = [tcp(), webSockets(), circuitRelayTransport()];
  if (options.webrtc !== undefined) {
    transports.push(await webRTCTransport(options.webrtc));
    if (!listen.includes('/webrtc')) listen.push('/webrtc');
  }
  const peerDiscovery: NonNullable<Libp2pOptions['peerDiscovery']> = [];
  if (options.mdns !== undefined) peerDiscovery.push(mdns(mdnsInit(options.mdns)));
  const config: Libp2pOptions<PeerServices> = {
    ...commonLibp2pOptions({ ...options, ...(privateKey ? { privateKey } : {}) }, NODE_LIMIT_DEFAULTS),
    addresses: { listen, ...(options.announce ? { announce: [...options.announce] } : {}) },
    transports,
    peerDiscovery,
    services: {
      identify: identify(),
      ...(options.relayServer !== undefined ? { relay: circuitRelayServer(relayServerInit(options.relayServer)) } : {}),
    },
  };
  return createLibp2p(config);
}

function mdnsInit(options: MdnsOptions): { interval: number; serviceTag?: string } {
  const interval = options.interval ?? 10_000;
  checkInteger('mdns.interval', interval, 100, 2 ** 31 - 1);
  if (options.serviceTag !== undefined && !/^[A-Za-z0-9_.-]{1,200}$/.test(options.serviceTag)) {
    throw new InvalidTransportOptionError('mdns.serviceTag', 'expected a DNS-SD service name');
  }
  return { interval, ...(options.serviceTag ? { serviceTag: options.serviceTag } : {}) };
}
