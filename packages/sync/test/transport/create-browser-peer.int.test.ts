// createBrowserLibp2p is universal; here it runs in Node against a relay laptop on loopback (the browser build
// swaps in libp2p's browser connection gater, which this node's LAN gater replaces; that part needs a browser).
import { afterEach, describe, expect, it } from 'vitest';
import {
  InvalidTransportOptionError,
  createBrowserLibp2p,
  decodePeerKey,
  encodePeerKey,
  generatePeerKey,
  handleFrameProtocol,
  openFrameChannel,
} from '../../src/transport/index.js';
import { ChannelInbox } from './fixtures/channel-inbox.js';
import { rejectionOf } from './fixtures/frames.js';
import { NodeSet, addressOf } from './fixtures/peers.js';

const PROTOCOL = '/titip/sync/1.0.0';
const nodes = new NodeSet();
const browsers: Array<Awaited<ReturnType<typeof createBrowserLibp2p>>> = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((node) => node.stop()));
  await nodes.stopAll();
});

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('createBrowserLibp2p', () => {
  it('dials the relay laptop over plain ws:// on a local address, reserves a circuit slot and syncs frames', async () => {
    const relay = await nodes.start({ relayServer: {} });
    const inbox = new ChannelInbox();
    await handleFrameProtocol(relay, PROTOCOL, inbox.handler);
    const key = await generatePeerKey();
    const browser = await createBrowserLibp2p({ privateKey: decodePeerKey(encodePeerKey(key)) });
    browsers.push(browser);
    const sameKey = await createBrowserLibp2p({ privateKey: key, webrtc: false });
    browsers.push(sameKey);
    expect(sameKey.peerId.toString()).toBe(browser.peerId.toString());

    const channel = await openFrameChannel(browser, addressOf(relay, 'ws'), PROTOCOL);
    const atRelay = await inbox.next();
    expect(atRelay.remotePeer).toBe(browser.peerId.toString());
    await channel.send(new TextEncoder().encode('C.Hasil TPS 001'));
    const received = await atRelay.frames()[Symbol.asyncIterator]().next();
    expect(new TextDecoder().decode(received.value)).toBe('C.Hasil TPS 001');

    // Listening on /p2p-circuit and /webrtc: the browser takes a reservation and becomes reachable for WebRTC.
    const webrtcAddress = await waitFor(
      () => browser.getMultiaddrs().find((a) => a.toString().includes('/p2p-circuit/webrtc')),
      'a /p2p-circuit/webrtc address',
    );
    expect(webrtcAddress.toString()).toContain(`/p2p/${relay.peerId.toString()}/p2p-circuit/webrtc/p2p/${browser.peerId.toString()}`);
    await channel.close();
  });

  it('refuses out-of-range limits', async () => {
    expect(await rejectionOf(createBrowserLibp2p({ limits: { dialTimeoutMs: 0 } }))).toBeInstanceOf(InvalidTransportOptionError);
  });
});
