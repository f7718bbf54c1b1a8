import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DESA, expectIntact, expectOnDisk, expectReported, HonestNetwork, idsOnDisk, reEnvelope, rejectOf, snapshot } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: a relay altering the numbers', () => {
  for (const verifierThreads of [0, 2]) {
    it(`a relay that changes a vote count in a signed result (keeping the signature) is refused (invalid-object, bad-signature), reported and banned; the original stays, honest traffic flows (${verifierThreads} validation threads)`, async () => {
      network = await HonestNetwork.start({ verifierThreads });
      const first = await network.submitHonest('the first result');
      const before = snapshot(network.sink);
      const { attacker, peerId } = await network.attacker(network.sink);
      await attacker.holds(DESA, network.sink.replica.heads(DESA));

      const altered = reEnvelope(first.bytes, (parts) => {
        const body = parts[2] as { form: { suara: { paslon: Record<string, number> } } };
        body.form.suara.paslon['1000526'] = 999;
      });
      await attacker.tamper(DESA, (doc) => void (doc[altered.id] = altered.bytes));
      await eventually(() => attacker.rejected, 'the sink refuses');

      expect(rejectOf(attacker)).toMatchObject({ reason: 'invalid-object', doc: DESA });
      expect(rejectOf(attacker)!.detail).toContain('bad-signature');
      expectReported(network.sink, peerId, 'invalid-object', 'bad-signature');
      expect(network.sink.replica.object(altered.id)).toBeUndefined();
      expect(network.sink.replica.object(first.id)).toEqual(first.bytes);
      const next = await network.submitHonest('a result after the attack');
      expectIntact(before, network.sink, network.honestIds);
      expectOnDisk(await idsOnDisk(network, network.sink, ['']), before, [next.id]);
    });
  }

  it('a relay that replaces a stored result with altered bytes under the same id is refused (overwrite), reported and banned', async () => {
    network = await HonestNetwork.start();
    const first = await network.submitHonest('the first result');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));

    const altered = reEnvelope(first.bytes, (parts) => {
      (parts[2] as { form: { suara: { paslon: Record<string, number> } } }).form.suara.paslon['1000527'] = 1;
    });
    await attacker.tamper(DESA, (doc) => void (doc[first.id] = altered.bytes));
    await eventually(() => attacker.rejected, 'the sink refuses');

    expect(rejectOf(attacker)).toMatchObject({ reason: 'overwrite', doc: DESA });
    expectReported(network.sink, peerId, 'overwrite');
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });
});
