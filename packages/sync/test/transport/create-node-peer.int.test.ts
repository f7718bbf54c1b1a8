import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelOpenError,
  InvalidTransportOptionError,
  PeerKeyInvalidError,
  addressScope,
  encodePeerKey,
  handleFrameProtocol,
  openFrameChannel,
} from '../../src/transport/index.js';
import { createNodeLibp2p, loadOrCreatePeerKey } from '../../src/transport/node.js';
import { ChannelInbox } from './fixtures/channel-inbox.js';
import { rejectionOf } from './fixtures/frames.js';
import { NodeSet, addressOf } from './fixtures/peers.js';

const PROTOCOL = '/titip/sync/1.0.0';
const nodes = new NodeSet();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'titip-transport-'));
});
afterEach(async () => {
  await nodes.stopAll();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createNodeLibp2p', () => {
  it('listens on loopback TCP and WebSockets by default and is started', async () => {
    const node = await createNodeLibp2p();
    try {
      expect(node.status).toBe('started');
      const addresses = node.getMultiaddrs();
      expect(addresses.some((a) => a.toString().includes('/ws/'))).toBe(true);
      expect(addresses.some((a) => !a.toString().includes('/ws/'))).toBe(true);
      for (const address of addresses) expect(addressScope(address), address.toString()).toBe('loopback');
    } finally {
      await node.stop();
    }
  });

  it('keeps its peer id across a restart with the same key file (stored 0600 as a key protobuf)', async () => {
    const keyFile = join(dir, 'restart', 'peer.key');
    const first = await nodes.start({ peerKeyFile: keyFile });
    const id = first.peerId.toString();
    await nodes.stopAll();
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const stored = new Uint8Array(await readFile(keyFile));
    expect(stored).toEqual(encodePeerKey(await loadOrCreatePeerKey(keyFile)));

    const second = await nodes.start({ peerKeyFile: keyFile });
    expect(second.peerId.toString()).toBe(id);
    const other = await nodes.start({ peerKeyFile: join(dir, 'restart', 'other.key') });
    expect(other.peerId.toString()).not.toBe(id);
  });

  it('gives two processes racing on a new key file the same key', async () => {
    const keyFile = join(dir, 'race', 'peer.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreatePeerKey(keyFile)));
    for (const key of keys) expect(key.equals(keys[0] as (typeof keys)[number])).toBe(true);
    expect(encodePeerKey(await loadOrCreatePeerKey(keyFile))).toEqual(encodePeerKey(keys[0] as (typeof keys)[number]));
  });

  it('refuses a corrupt key file with PeerKeyInvalidError and leaves it untouched', async () => {
    const keyFile = join(dir, 'corrupt.key');
    await writeFile(keyFile, 'not a key');
    const refused = await rejectionOf(createNodeLibp2p({ peerKeyFile: keyFile }));
    expect(refused).toBeInstanceOf(PeerKeyInvalidError);
    expect(refused).toMatchObject({ code: 'PEER_KEY_INVALID', source: keyFile });
    expect(await readFile(keyFile, 'utf8')).toBe('not a key');
  });

  it('refuses out-of-range limits with InvalidTransportOptionError', async () => {
    expect(await rejectionOf(createNodeLibp2p({ limits: { maxConnections: 0 } }))).toBeInstanceOf(InvalidTransportOptionError);
    expect(await rejectionOf(createNodeLibp2p({ mdns: { interval: 1 } }))).toBeInstanceOf(InvalidTransportOptionError);
  });

  it('with allowPublicAddresses: false the gater refuses a public address before any socket is opened', async () => {
    const node = await nodes.start({ gater: { allowPublicAddresses: false } });
    const peer = await nodes.start();
    // 192.0.2.0/24 is TEST-NET-1: public in scope, reserved for documentation.
    const refused = await rejectionOf(node.dial(multiaddr(`/ip4/192.0.2.1/tcp/4001/p2p/${peer.peerId.toString()}`)));
    expect(refused).toMatchObject({ name: 'DialDeniedError' });
    // A loopback address of the same peer still works.
    await node.dial(addressOf(peer, 'tcp'));
    expect(node.getConnections(peer.peerId)).toHaveLength(1);
  });
});

describe('circuit relay server', () => {
  it('relays a reservation; the sync protocol does not run on the limited relayed connection unless allowed', async () => {
    const relay = await nodes.start({ relayServer: { maxReservations: 4 } });
    expect(relay.services.relay).toBeDefined();
    const listener = await nodes.start({ listen: ['/ip4/127.0.0.1/tcp/0', '/p2p-circuit'] });
    const dialer = await nodes.start({ listen: ['/ip4/127.0.0.1/tcp/0'] });
    const inbox = new ChannelInbox();
    await handleFrameProtocol(listener, PROTOCOL, inbox.handler);
    await handleFrameProtocol(listener, '/titip/test-limited/1.0.0', inbox.handler, { runOnLimitedConnection: true });

    await listener.dial(addressOf(relay, 'tcp'));
    const circuit = await waitFor(
      () => listener.getMultiaddrs().find((a) => a.toString().includes('/p2p-circuit')),
      'a relay reservation',
    );
    expect(circuit.toString()).toContain(relay.peerId.toString());

    const refused = await rejectionOf(openFrameChannel(dialer, circuit, PROTOCOL));
    expect(refused).toBeInstanceOf(ChannelOpenError);
    expect(((refused as ChannelOpenError).cause as Error).name).toBe('LimitedConnectionError');

    const allowed = await openFrameChannel(dialer, circuit, '/titip/test-limited/1.0.0', { runOnLimitedConnection: true });
    const { channel, info } = await inbox.nextWithInfo();
    expect(info.limited).toBe(true);
    expect(channel.remotePeer).toBe(dialer.peerId.toString());
    await allowed.send(Uint8Array.of(1, 2, 3));
    const next = await channel.frames()[Symbol.asyncIterator]().next();
    expect(next.value).toEqual(Uint8Array.of(1, 2, 3));
  });
});
