import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
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
});
