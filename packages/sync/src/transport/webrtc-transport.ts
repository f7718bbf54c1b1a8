import type { Libp2pOptions } from 'libp2p';

/** WebRTC settings. */
export interface WebRTCOptions {
  /**
   * STUN/TURN servers for ICE. On a LAN host candidates suffice, and the libp2p default (public STUN servers)
   * would only delay an offline connection, so none are used unless given.
   * @default []
   */
  readonly iceServers?: readonly RTCIceServer[];
}

type TransportFactory = NonNullable<Libp2pOptions['transports']>[number];

/**
 * The libp2p WebRTC (browser-to-browser, signalled over a circuit relay) transport, loaded on demand so that
 * importing this package does not load a WebRTC implementation (node-datachannel on Node).
 */
export async function webRTCTransport(options: WebRTCOptions): Promise<TransportFactory> {
  const { webRTC } = await import('@libp2p/webrtc');
  return webRTC({ rtcConfiguration: { iceServers: [...(options.iceServers ?? [])] } });
}
