import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DESA, expectIntact, expectOnDisk, expectReported, HonestNetwork, idsOnDisk, rejectOf, snapshot } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

const junk: [string, (doc: Record<string, unknown>) => void, string, string?][] = [
  ['bytes under an id that is not their hash', (doc) => void (doc['0'.repeat(64)] = new Uint8Array(100)), 'invalid-object', 'hash-mismatch'],
  ['a text value', (doc) => void (doc['1'.repeat(64)] = 'not an object'), 'not-bytes'],
  ['a nested map', (doc) => void (doc['2'.repeat(64)] = { votes: { '1000526': 999 } }), 'not-bytes'],
  ['a number', (doc) => void (doc['3'.repeat(64)] = 42), 'not-bytes'],
];

describe('attack: a relay injecting junk into the CRDT', () => {
  for (const [what, change, reason, detail] of junk) {
    it(`a relay putting ${what} into a desa document is refused (${reason}), reported and banned; honest traffic flows, nothing stored is harmed`, async () => {
      network = await HonestNetwork.start();
      await network.submitHonest('the first result');
      const before = snapshot(network.sink);
      const { attacker, peerId } = await network.attacker(network.sink);
      await attacker.holds(DESA, network.sink.replica.heads(DESA));

      await attacker.tamper(DESA, change);
      await eventually(() => attacker.rejected, 'the sink refuses');

      expect(rejectOf(attacker)).toMatchObject({ reason, doc: DESA });
      if (detail) expect(rejectOf(attacker)!.detail).toContain(detail);
      expectReported(network.sink, peerId, reason, detail);
      const next = await network.submitHonest('a result after the attack');
      expectIntact(before, network.sink, network.honestIds);
      expectOnDisk(await idsOnDisk(network, network.sink, ['']), before, [next.id]);
    });
  }
});
