import type { ConnectionGater, MultiaddrConnection, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { addressScope } from './address-scope.js';

/** Options of {@link lanConnectionGater}. */
export interface LanConnectionGaterOptions {
  /**
   * Also dial and accept public (internet) addresses, e.g. the KPU server. `false` keeps the node on loopback,
   * LAN and link-local addresses only.
   * @default true
   */
  readonly allowPublicAddresses?: boolean;
  /** Peer ids (strings) never dialled nor accepted. @default [] */
  readonly deniedPeers?: readonly string[];
}

/**
 * A connection gater for LAN use: loopback, private (RFC 1918, IPv6 ULA, `*.local`) and link-local addresses are
 * allowed, over any transport including plain `ws://` (the browser's default gater refuses both private addresses
 * and `ws://`); public addresses are allowed unless `allowPublicAddresses` is false; the wildcard address is never
 * dialled. Universal.
 */
export function lanConnectionGater(options: LanConnectionGaterOptions = {}): ConnectionGater {
  const allowPublic = options.allowPublicAddresses ?? true;
  const denied = new Set(options.deniedPeers ?? []);
  const refusesAddress = (address: Multiaddr): boolean => {
    const scope = addressScope(address);
    return scope === 'unspecified' || (scope === 'public' && !allowPublic);
  };
  const refusesPeer = (peer: PeerId): boolean => denied.has(peer.toString());
  return {
    denyDialPeer: refusesPeer,
    denyDialMultiaddr: refusesAddress,
    denyInboundConnection: (connection: MultiaddrConnection) => refusesAddress(connection.remoteAddr),
    denyInboundEncryptedConnection: refusesPeer,
    denyOutboundEncryptedConnection: refusesPeer,
    filterMultiaddrForPeer: (_peer: PeerId, address: Multiaddr) => !refusesAddress(address),
  };
}
