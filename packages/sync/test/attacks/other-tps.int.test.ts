import { signObject } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { eventually, validKwkForm } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DESA, expectIntact, expectOnDisk, expectReported, HonestNetwork, idsOnDisk, OTHER_TPS, rejectOf, snapshot, TPS } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe("attack: a valid operator signing another TPS's result", () => {
  for (const verifierThreads of [0, 2]) {
    it(`a result for ${OTHER_TPS} signed with the valid credential of ${TPS} is refused (invalid-object, tps-not-allowed), the relay pushing it reported and banned; honest traffic flows, nothing stored is harmed (${verifierThreads} validation threads)`, async () => {
      network = await HonestNetwork.start({ verifierThreads });
      await network.submitHonest('the first result');
      const before = snapshot(network.sink);
      const { attacker, peerId } = await network.attacker(network.sink);
      await attacker.holds(DESA, network.sink.replica.heads(DESA));

      // A real, valid operator key and chain for TPS 001, signing numbers for TPS 002 (same desa document).
      const operator = await network.trust.operator(TPS);
      const body = { tps: OTHER_TPS, election: 'pkwkk', form: validKwkForm({ '1000526': 1, '1000527': 300 }), photos: [], revision: 1, supersedes: null, overrides: [], deviceTime: Date.now(), credentials: operator.chain };
      const foreign = await signObject('submission', body as never, operator.keyPair, nodeEd25519);
      await attacker.tamper(DESA, (doc) => void (doc[foreign.hash] = foreign.bytes));
      await eventually(() => attacker.rejected, 'the sink refuses');

      expect(rejectOf(attacker)).toMatchObject({ reason: 'invalid-object', doc: DESA });
      expect(rejectOf(attacker)!.detail).toContain('tps-not-allowed');
      expectReported(network.sink, peerId, 'invalid-object', 'tps-not-allowed');
      expect(network.sink.replica.object(foreign.hash)).toBeUndefined();
      const next = await network.submitHonest('a result after the attack');
      expectIntact(before, network.sink, network.honestIds);
      expectOnDisk(await idsOnDisk(network, network.sink, ['']), before, [next.id]);
    });
  }

  it("a valid result of another desa's TPS smuggled into this desa's document is refused (wrong-document), reported and banned", async () => {
    network = await HonestNetwork.start();
    await network.submitHonest('the first result');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const elsewhere = await network.submission('1906012002001'); // validly signed, but it belongs in desa 1906012002
    await attacker.tamper(DESA, (doc) => void (doc[elsewhere.id] = elsewhere.bytes));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'wrong-document', doc: DESA });
    expectReported(network.sink, peerId, 'wrong-document', '1906012002');
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });
});
