import { describe, expect, it } from 'vitest';
import { meteredChannel } from '../../src/peer/metered-channel.js';
import { PeerBudgets } from '../../src/peer/peer-budgets.js';
import { resolvePeerSyncLimits } from '../../src/peer/peer-limits.js';
import { encodeWireMessage } from '../../src/replication/message-codec.js';
import { SyncEngine } from '../../src/replication/sync-engine.js';
import { PeerLimitError } from '../../src/transport/errors.js';
import { createMemoryChannelPair } from '../../src/transport/memory-channel-pair.js';
import { memoryReplica, waitFor } from '../replication/fixtures.js';

async function collect(frames: AsyncIterable<Uint8Array>): Promise<{ got: number; error: unknown }> {
  let got = 0;
  try {
    for await (const _ of frames) got++;
  } catch (error) {
    return { got, error };
  }
  return { got, error: undefined };
}

describe('meteredChannel', () => {
  it('delivers frames while the budget pays for them, then throws PeerLimitError (bytes-per-minute) instead of the frame', async () => {
    const limits = resolvePeerSyncLimits({ maxBytesPerPeerPerMinute: 250 });
    const [a, b] = createMemoryChannelPair('a', 'b');
    const metered = meteredChannel(b, new PeerBudgets(limits).of('a'), { bytes: 250, frames: limits.maxFramesPerPeerPerMinute });
    for (let i = 0; i < 3; i++) await a.send(new Uint8Array(100));
    await a.close();
    const { got, error } = await collect(metered.frames());
    expect(got).toBe(2);
    expect(error).toBeInstanceOf(PeerLimitError);
    expect(error).toMatchObject({ code: 'PEER_LIMIT', limit: 'bytes-per-minute', allowed: 250, remotePeer: 'a' });
  });

  it('counts frames as well (frames-per-minute), and shares one budget across all channels of a peer', async () => {
    const budgets = new PeerBudgets(resolvePeerSyncLimits({ maxFramesPerPeerPerMinute: 3 }));
    const [a1, b1] = createMemoryChannelPair('a', 'b');
    const [a2, b2] = createMemoryChannelPair('a', 'b');
    for (const a of [a1, a2]) {
      await a.send(new Uint8Array(1));
      await a.send(new Uint8Array(1));
      await a.close();
    }
    const first = await collect(meteredChannel(b1, budgets.of('a'), { bytes: 1e9, frames: 3 }).frames());
    const second = await collect(meteredChannel(b2, budgets.of('a'), { bytes: 1e9, frames: 3 }).frames());
    expect([first.got, second.got]).toEqual([2, 1]);
    expect(second.error).toMatchObject({ limit: 'frames-per-minute' });
  });

  it('a session over a metered channel reports the peer past its budget (PEER_LIMIT), rejects and bans it', async () => {
    const { replica } = await memoryReplica(['190601']);
    const engine = new SyncEngine({ replica });
    const [attacker, victim] = createMemoryChannelPair('attacker', 'victim');
    engine.attach(meteredChannel(victim, new PeerBudgets(resolvePeerSyncLimits({ maxFramesPerPeerPerMinute: 2 })).of('attacker'), { bytes: 1e9, frames: 2 }));
    const received: Uint8Array[] = [];
    void (async () => {
      for await (const frame of attacker.frames()) received.push(frame);
    })().catch(() => undefined);
    await attacker.send(encodeWireMessage({ t: 'hello', v: 1, scopes: ['190601'], digest: new Uint8Array(32) }));
    for (let i = 0; i < 3; i++) await attacker.send(encodeWireMessage({ t: 'heads', v: 1, docs: [] })).catch(() => undefined);
    await waitFor(() => engine.reports().length > 0);
    expect(engine.reports()[0]).toMatchObject({ peer: 'attacker', code: 'PEER_LIMIT' });
    expect(engine.reports()[0]!.detail).toContain('2 frames received per minute');
    expect(engine.isBanned('attacker')).toBe(true);
    await engine.stop();
  });
});
