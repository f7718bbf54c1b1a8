import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_ID } from '../../src/replication/constants.js';
import { openFrameChannel } from '../../src/transport/protocol-channel.js';
import { Attacker } from '../replication/attacker.js';
import { DESA, expectIntact, expectOnDisk, expectReported, HonestNetwork, idsOnDisk, reEnvelope, rejectOf, snapshot } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: a forged signature', () => {
  // Validation on the main thread (createRecordValidator) and in worker threads (createWorkerRecordValidator).
  for (const verifierThreads of [0, 2]) {
    it(`a relay pushing a result with a forged signature is refused (invalid-object, bad-signature), reported and banned; honest results and receipts keep flowing, nothing stored is harmed (${verifierThreads} validation threads)`, async () => {
      network = await HonestNetwork.start({ verifierThreads });
      const first = await network.submitHonest('the first result');
      const before = snapshot(network.sink);
      const { attacker, peerId } = await network.attacker(network.sink);
      await attacker.holds(DESA, network.sink.replica.heads(DESA));

      const forged = reEnvelope(first.bytes, (parts) => {
        const signature = new Uint8Array(parts[4] as Uint8Array);
        signature[0]! ^= 0xff;
        parts[4] = signature;
      });
      await attacker.tamper(DESA, (doc) => void (doc[forged.id] = forged.bytes));
      await eventually(() => attacker.rejected, 'the sink refuses');

      expect(rejectOf(attacker)).toMatchObject({ reason: 'invalid-object', doc: DESA });
      expect(rejectOf(attacker)!.detail).toContain('bad-signature');
      expectReported(network.sink, peerId, 'invalid-object', 'bad-signature');
      expect(network.sink.replica.object(forged.id)).toBeUndefined();
      const next = await network.submitHonest('a result after the attack');
      expectIntact(before, network.sink, network.honestIds);
      expectOnDisk(await idsOnDisk(network, network.sink, ['']), before, [next.id]);
    });
  }

  it('the ban lasts banMs: refused meanwhile, the same peer id may sync again after it', async () => {
    network = await HonestNetwork.start({ sinkBanMs: 1500 });
    const first = await network.submitHonest('the first result');
    const { attacker, peerId, node } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const forged = reEnvelope(first.bytes, (parts) => void ((parts[4] as Uint8Array)[1]! ^= 0x01));
    await attacker.tamper(DESA, (doc) => void (doc[forged.id] = forged.bytes));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expectReported(network.sink, peerId, 'invalid-object', 'bad-signature');
    // While banned, a new session is refused at once.
    const refusedChannel = await openFrameChannel(node, network.sink.address, SYNC_PROTOCOL_ID).catch(() => undefined);
    if (refusedChannel) await expect(Attacker.over(refusedChannel, [DESA]).holds(DESA, network.sink.replica.heads(DESA), 500)).rejects.toThrow();
    // After the ban the same peer syncs like anyone else.
    await eventually(() => !network!.sink.peer.engine.isBanned(peerId), 'the ban ends', 10_000);
    const again = Attacker.over(await openFrameChannel(node, network.sink.address, SYNC_PROTOCOL_ID), [DESA]);
    await again.holds(DESA, network.sink.replica.heads(DESA));
    expect(again.rejected).toBe(false);
    await network.submitHonest('a result after the ban');
  });
});
