import { eventually } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_ID } from '../../src/replication/constants.js';
import type { FrameChannel } from '../../src/transport/frame-channel.js';
import { openFrameChannel } from '../../src/transport/protocol-channel.js';
import { DESA, expectIntact, expectReported, HonestNetwork, snapshot, type StoredSnapshot } from './fixtures/honest-network.js';

// Small per-peer budgets on the sink, so bounded loops reach them; the honest relay lives under the same limits.
const LIMITS = { maxSessionsPerPeer: 4, maxSessionsPerPeerPerMinute: 10, maxFramesPerPeerPerMinute: 300, maxBytesPerPeerPerMinute: 512 * 1024 };

let network: HonestNetwork;
let before: StoredSnapshot;
beforeAll(async () => {
  network = await HonestNetwork.start({ sinkLimits: LIMITS });
  await network.submitHonest('the first result');
  before = snapshot(network.sink);
});
afterAll(async () => {
  await network?.stop();
});

/** The attack is contained: reported for `detail`, its sessions gone, honest traffic still flowing, nothing harmed. */
async function expectContained(peerId: string, detail: string, during: Promise<unknown>): Promise<void> {
  await eventually(() => network.sink.peer.engine.reports().some((r) => r.peer === peerId), 'the attacker is reported');
  expectReported(network.sink, peerId, 'PEER_LIMIT', detail);
  await eventually(() => !network.sink.peer.sessionWith(peerId), "the attacker's sessions end");
  await during; // the honest result sent while the flood ran arrived and was receipted
  await network.submitHonest('a result after the flood');
  expect(network.relay.peer.sessionWith(network.sink.peer.peerId)?.phase).toBe('live');
  expectIntact(before, network.sink, network.honestIds);
}

describe('attack: a peer flooding streams or frames', () => {
  it('a peer opening sync streams in a loop and keeping them open is refused past 4 sessions (PEER_LIMIT), reported and banned; the honest relay is unaffected', async () => {
    const { node, peerId } = await network.attacker(network.sink);
    const during = network.submitHonest('a result during the flood');
    const opened: FrameChannel[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        opened.push(await openFrameChannel(node, network.sink.address, SYNC_PROTOCOL_ID, { maxOutboundStreams: 16 }));
      } catch {
        break; // refused
      }
    }
    await expectContained(peerId, 'concurrent sync sessions', during);
    await Promise.allSettled(opened.map((c) => c.close()));
  });

  it('a peer opening and closing sessions in a loop is refused past 10 a minute (PEER_LIMIT), reported and banned', async () => {
    const { attacker, node, peerId } = await network.attacker(network.sink);
    await attacker.channel.close();
    const during = network.submitHonest('a result during the flood');
    for (let i = 0; i < 20 && !network.sink.peer.engine.isBanned(peerId); i++) {
      await eventually(() => !network.sink.peer.sessionWith(peerId), 'the last session closed');
      const channel = await openFrameChannel(node, network.sink.address, SYNC_PROTOCOL_ID).catch(() => undefined);
      await channel?.close();
    }
    await expectContained(peerId, 'sync sessions opened per minute', during);
  });

  it('a peer that overshoots the session rate by a few (an honest one on a flapping link) is refused but not reported or banned', async () => {
    const { attacker, node, peerId } = await network.attacker(network.sink);
    await attacker.channel.close();
    // The attacker helper opened one session already; 10 a minute are allowed, and half as many refusals forgiven.
    let refused = 0;
    for (let i = 0; i < 13; i++) {
      await eventually(() => !network.sink.peer.sessionWith(peerId), 'the last session closed');
      const channel = await openFrameChannel(node, network.sink.address, SYNC_PROTOCOL_ID).catch(() => undefined);
      if (channel === undefined) refused++;
      else {
        // An accepted session starts with the sink's hello; a refused channel ends (or fails) with no frame.
        const first = channel.frames()[Symbol.asyncIterator]().next();
        const accepted = await Promise.race([first.then((r) => r.done !== true, () => false), new Promise<boolean>((r) => setTimeout(() => r(true), 2_000))]);
        if (!accepted) refused++;
        await channel.close().catch(() => undefined);
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(network.sink.peer.engine.reports().some((r) => r.peer === peerId)).toBe(false);
    expect(network.sink.peer.engine.isBanned(peerId)).toBe(false);
  });

  it('a peer sending small frames as fast as it can is cut off past 300 frames a minute (PEER_LIMIT), reported and banned; the honest relay is unaffected', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const during = network.submitHonest('a result during the flood');
    // (The sink stops reading once it has refused; yamux does not tell the writer, so the loop is bounded by count.)
    for (let sent = 0; sent < 2000 && !attacker.rejected; sent++) {
      const ok = await attacker.send({ t: 'heads', v: 1, docs: [] }).then(() => true, () => false);
      if (!ok) break;
    }
    await expectContained(peerId, 'frames received per minute', during);
  });

  it('a peer sending large frames as fast as it can is cut off past 512 KiB a minute (PEER_LIMIT), reported and banned; the honest relay is unaffected', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const during = network.submitHonest('a result during the flood');
    const heads = Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (let sent = 0; sent < 200 && !attacker.rejected; sent++) {
      const ok = await attacker.send({ t: 'heads', v: 1, docs: [[DESA, heads]] }).then(() => true, () => false);
      if (!ok) break;
    }
    await expectContained(peerId, 'bytes received per minute', during);
  });
});
