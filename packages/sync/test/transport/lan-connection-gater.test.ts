import { generateKeyPair } from '@libp2p/crypto/keys';
import type { MultiaddrConnection, PeerId } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';
import { describe, expect, it } from 'vitest';
import { lanConnectionGater } from '../../src/transport/index.js';

/** A real peer id, from a libp2p node that is created but never started (no sockets). */
async function somePeerId(): Promise<PeerId> {
  const node = await createLibp2p({ start: false, privateKey: await generateKeyPair('Ed25519') });
  return node.peerId;
}

const inbound = (address: string): MultiaddrConnection => ({ remoteAddr: multiaddr(address) }) as MultiaddrConnection;

describe('lanConnectionGater', () => {
  it('allows loopback, LAN and plain ws:// addresses (which the browser default gater refuses)', async () => {
    const gater = lanConnectionGater();
    for (const address of ['/ip4/127.0.0.1/tcp/1/ws', '/ip4/192.168.1.2/tcp/8080/ws', '/ip4/10.0.0.1/tcp/1', '/dns4/ppk.local/tcp/80/ws']) {
      expect(await gater.denyDialMultiaddr?.(multiaddr(address)), address).toBe(false);
      expect(await gater.denyInboundConnection?.(inbound(address)), address).toBe(false);
    }
  });

  it('allows public addresses by default and refuses them with allowPublicAddresses: false', async () => {
    const open = lanConnectionGater();
    const lanOnly = lanConnectionGater({ allowPublicAddresses: false });
    const kpu = multiaddr('/dns4/sirekap.kpu.go.id/tcp/443/wss');
    expect(await open.denyDialMultiaddr?.(kpu)).toBe(false);
    expect(await lanOnly.denyDialMultiaddr?.(kpu)).toBe(true);
    expect(await lanOnly.denyInboundConnection?.(inbound('/ip4/8.8.8.8/tcp/5555'))).toBe(true);
    expect(await lanOnly.denyDialMultiaddr?.(multiaddr('/ip4/192.168.0.9/tcp/1'))).toBe(false);
  });

  it('never dials the wildcard address', async () => {
    expect(await lanConnectionGater().denyDialMultiaddr?.(multiaddr('/ip4/0.0.0.0/tcp/4001'))).toBe(true);
  });

  it('refuses denied peers', async () => {
    const peer = await somePeerId();
    const gater = lanConnectionGater({ deniedPeers: [peer.toString()] });
    expect(await gater.denyDialPeer?.(peer)).toBe(true);
    expect(await gater.denyInboundEncryptedConnection?.(peer, inbound('/ip4/10.0.0.2/tcp/1'))).toBe(true);
    expect(await lanConnectionGater().denyDialPeer?.(peer)).toBe(false);
  });
});
