import * as A from '@automerge/automerge';
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

  it('junk hidden as a losing concurrent value of a held result (the diff shows only the held bytes) is refused (overwrite), reported and banned', async () => {
    network = await HonestNetwork.start();
    const first = await network.submitHonest('the first result');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    // A put made concurrently with the held one, by an actor that sorts first: it loses the conflict, so the document
    // still reads the held bytes, but the junk would be stored with it.
    const loser = A.change(A.init<Record<string, unknown>>({ actor: '00000000000000000000000000000001' }), (doc) => {
      doc[first.id] = new Uint8Array([0xde, 0xad]);
    });
    await attacker.rewrite(DESA, (doc) => A.merge(doc, loser));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'overwrite', doc: DESA });
    expectReported(network.sink, peerId, 'overwrite');
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });

  it('junk hidden in history (put, then overwritten by a valid new result in the same change) is refused (overwrite) whole', async () => {
    network = await HonestNetwork.start();
    await network.submitHonest('the first result');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const other = await network.submission('1906012001003');
    await attacker.tamper(DESA, (doc) => {
      doc[other.id] = new Uint8Array(1000).fill(0x66); // junk, kept only in the history…
      doc[other.id] = other.bytes; // …under the valid object the document shows
    });
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'overwrite', doc: DESA });
    expectReported(network.sink, peerId, 'overwrite');
    expect(network.sink.replica.object(other.id)).toBeUndefined();
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });
});
