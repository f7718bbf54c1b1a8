import * as A from '@automerge/automerge';
import { resolveCurrentResult } from '@titip/records';
import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWireMessage } from '../../src/replication/message-codec.js';
import { DESA, expectIntact, expectReported, HonestNetwork, rejectOf, snapshot, submissionsOf, TPS } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: replay of an old revision', () => {
  it('an old revision replayed (its signed bytes, and the very sync message that carried it) changes nothing: revision order is signed, the current result stays the newest, nothing is added, nobody is banned', async () => {
    network = await HonestNetwork.start();
    const old = await network.submitHonest('revision 1');
    const newest = await network.submitHonest('revision 2');
    const before = snapshot(network.sink);
    const { attacker } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));

    // 1. Every sync message the sink sent the attacker, sent back verbatim: Automerge changes are content-addressed,
    //    the sink already holds them, so its document, heads and store do not move.
    const sent = attacker.received.filter((m) => m.t === 'sync');
    expect(sent.length).toBeGreaterThan(0);
    for (const message of sent) await attacker.sendRaw(encodeWireMessage(message));
    // 2. The old revision pushed again as an object: it is held already (same id, same bytes), nothing to add.
    await network.submitHonest('a result during the replay');
    expect(resolveCurrentResult(submissionsOf(network.sink, TPS)).current?.body.revision).toBe(3);
    expect(network.sink.replica.object(old.id)).toEqual(old.bytes);
    expect(network.sink.replica.object(newest.id)).toEqual(newest.bytes);
    expect(network.sink.peer.engine.reports()).toEqual([]);
    expect(attacker.rejected).toBe(false);
    expectIntact(before, network.sink, network.honestIds);
  });

  it('an old revision delivered late to a peer that only holds the newer one is kept as history and does not become current', async () => {
    network = await HonestNetwork.start();
    const old = await network.submitHonest('revision 1');
    const newest = await network.submitHonest('revision 2');
    // A peer of the desa that heard only of revision 2 (e.g. by bundle), then meets a carrier with revision 1.
    const late = await network.startPeer([DESA], 'carrier', []);
    await network.author(late, newest);
    expect(resolveCurrentResult(submissionsOf(late, TPS)).current?.id).toBe(newest.id);
    const { attacker } = await network.attacker(late);
    await attacker.tamper(DESA, (doc) => void (doc[old.id] = old.bytes));
    await eventually(() => late.replica.object(old.id) !== undefined, 'the old revision is stored as history');
    const result = resolveCurrentResult(submissionsOf(late, TPS));
    expect(result.current?.id).toBe(newest.id);
    expect(result.history.map((s) => s.body.revision)).toEqual([1, 2]);
    expect(late.peer.engine.reports()).toEqual([]);
  });

  it('re-putting a held object as a new change (the same bytes, again and again: unbounded storage for the sink) is refused (rewrite), reported and banned', async () => {
    network = await HonestNetwork.start();
    const old = await network.submitHonest('revision 1');
    const before = snapshot(network.sink);
    const heads = network.sink.replica.heads(DESA);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, heads);
    // (Automerge's JS API skips a put of the value already there: go through another value in the same change.)
    await attacker.tamper(DESA, (doc) => {
      doc[old.id] = new Uint8Array(0);
      doc[old.id] = old.bytes;
    });
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'rewrite', doc: DESA });
    expectReported(network.sink, peerId, 'rewrite');
    expect(network.sink.replica.heads(DESA)).toEqual(heads);
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });

  it('an empty change (no object at all, only history for the sink to store) is refused (empty-change), reported and banned', async () => {
    network = await HonestNetwork.start();
    await network.submitHonest('revision 1');
    const before = snapshot(network.sink);
    const heads = network.sink.replica.heads(DESA);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, heads);
    await attacker.rewrite(DESA, (doc) => A.emptyChange(doc));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'empty-change', doc: DESA });
    expectReported(network.sink, peerId, 'empty-change');
    expect(network.sink.replica.heads(DESA)).toEqual(heads);
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });

  it('an empty change riding along with a valid new result in the same message is refused (empty-change) whole', async () => {
    network = await HonestNetwork.start();
    await network.submitHonest('revision 1');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const other = await network.submission('1906012001003');
    await attacker.rewrite(DESA, (doc) => A.emptyChange(A.change(doc, (d) => void (d[other.id] = other.bytes))));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'empty-change', doc: DESA });
    expectReported(network.sink, peerId, 'empty-change');
    expect(network.sink.replica.object(other.id)).toBeUndefined();
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });

  it('a held result copied in 40 concurrent puts (identical bytes: forged concurrent history) is refused past 32 copies (rewrite)', async () => {
    network = await HonestNetwork.start();
    const old = await network.submitHonest('revision 1');
    const before = snapshot(network.sink);
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    await attacker.rewrite(DESA, (doc) => {
      let merged = doc;
      for (let i = 0; i < 40; i++) {
        const actor = (i + 1).toString(16).padStart(32, '0');
        merged = A.merge(merged, A.change(A.init<Record<string, unknown>>({ actor }), (d) => void (d[old.id] = old.bytes)));
      }
      return merged;
    });
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)).toMatchObject({ reason: 'rewrite', doc: DESA });
    expect(rejectOf(attacker)!.detail).toContain('concurrent copies');
    expectReported(network.sink, peerId, 'rewrite');
    await network.submitHonest('a result after the attack');
    expectIntact(before, network.sink, network.honestIds);
  });
});
