import { circuitRelayTransport } from '@libp2p/circuit-relay-v2';
import { identify } from '@libp2p/identify';
import type { Libp2p } from '@libp2p/interface';
import { webSockets } from '@libp2p/websockets';
import { createLibp2p, type Libp2pOptions } from 'libp2p';
import { commonLibp2pOptions, type CommonPeerOptions, type PeerServices, type PlatformLimitDefaults } from './peer-config.js';
import { webRTCTransport, type WebRTCOptions } from './webrtc-transport.js';

/** Options of {@link createBrowserLibp2p}. */
export interface BrowserPeerOptions extends CommonPeerOptions {
  /**
   * Multiaddrs to listen on: `/p2p-circuit` takes a reservation on a connected relay (the relay laptop) so other
   * browsers can reach this one, `/webrtc` accepts the direct WebRTC connections signalled through it.
   * @default ['/p2p-circuit', '/webrtc']
   */
  readonly listen?: readonly string[];
  /** WebRTC settings; `false` leaves WebRTC out (WebSockets to a relay laptop only). @default {} */
  readonly webrtc?: WebRTCOptions | false;
}

/** The limits a browser node defaults to (see `PeerLimits`). */
const BROWSER_LIMIT_DEFAULTS: PlatformLimitDefaults = { maxConnections: 16, dialTimeoutMs: 20_000, addressDialTimeoutMs: 15_000 };

/** The default listen addresses of a browser peer. */
export const DEFAULT_BROWSER_LISTEN = Object.freeze(['/p2p-circuit', '/webrtc']);

/**
 * A started libp2p node for the browser (universal: no Node APIs): WebSockets (plain `ws://` and private LAN
 * addresses allowed, which the browser's default gater refuses), the circuit relay transport and WebRTC, noise,
 * yamux, identify, the LAN connection gater and `options.limits`. Persist the identity with `encodePeerKey` and
 * pass it back as `privateKey`. The caller dials the relay laptop and stops the node.
 */
export async function createBrowserLibp2p(options: BrowserPeerOptions = {}): Promise<Libp2p<PeerServices>> {
  const webrtc = options.webrtc ?? {};
  const listen = [...(options.listen ?? (webrtc === false ? ['/p2p-circuit'] : DEFAULT_BROWSER_LISTEN))];
  const transports: NonNullable<Libp2pOptions['transports']> = [webSockets(), circuitRelayTransport()];
  if (webrtc !== false) transports.push(await webRTCTransport(webrtc));
  const config: Libp2pOptions<PeerServices> = {
    ...commonLibp2pOptions(options, BROWSER_LIMIT_DEFAULTS),
    addresses: { listen, ...(options.announce ? { announce: [...options.announce] } : {}) },
    transports,
    services: { identify: identify() },
  };
  return createLibp2p(config);
}
