import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DESA, expectIntact, expectOnDisk, expectReported, HonestNetwork, idsOnDisk, receiptOf, rejectOf, snapshot } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: a relay deleting entries', () => {
  it('a relay deleting a stored result and its receipt is refused (delete), reported and banned; both stay, on disk too, and honest traffic flows', async () => {
    network = await HonestNetwork.start();
    const first = await network.submitHonest('the first result');
    const receipt = receiptOf(network.sink, first.id)!;
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));

    await attacker.tamper(DESA, (doc) => {
      delete doc[first.id];
      delete doc[receipt.id];
    });
    await eventually(() => attacker.rejected, 'the sink refuses');

    expect(rejectOf(attacker)).toMatchObject({ reason: 'delete', doc: DESA });
    expectReported(network.sink, peerId, 'delete');
    expect(network.sink.replica.object(first.id)).toEqual(first.bytes);
    expect(network.sink.replica.object(receipt.id)).toEqual(receipt.bytes);
    const next = await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
    expectOnDisk(await idsOnDisk(network, network.sink, ['']), before, [next.id]);
  });

  it('a relay hiding a deletion behind an addition in the same change is refused (delete) as well', async () => {
    network = await HonestNetwork.start();
    const first = await network.submitHonest('the first result');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));

    const other = await network.submission('1906012001003');
    await attacker.tamper(DESA, (doc) => {
      doc[other.id] = other.bytes; // a perfectly valid new object…
      delete doc[first.id]; // …and a deletion riding along
    });
    await eventually(() => attacker.rejected, 'the sink refuses');

    expect(rejectOf(attacker)).toMatchObject({ reason: 'delete' });
    expectReported(network.sink, peerId, 'delete');
    expect(network.sink.replica.object(other.id)).toBeUndefined(); // the message is refused whole
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });
});
