import { resolveCurrentResult } from '@titip/records';
import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DESA, expectIntact, HonestNetwork, receiptOf, snapshot, submissionsOf, TPS } from './fixtures/honest-network.js';

let network: HonestNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: equivocation (two different results with the same revision)', () => {
  it('both are kept and receipted, flagged at the sink and at the operator (contested, no current result), the relay is not banned for carrying a validly signed object; a later revision settles it', async () => {
    network = await HonestNetwork.start();
    const honest = await network.submitHonest('the honest revision 1');
    const before = snapshot(network.sink);
    const { attacker } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));

    // The operator's key, copied onto a second device: a different revision 1 with other numbers, validly signed.
    const rival = await network.submission(TPS, { '1000526': 300, '1000527': 20 }, 1, null);
    network.honestIds.add(rival.id); // validly signed by the TPS's own credential: the network must keep it
    await attacker.tamper(DESA, (doc) => void (doc[rival.id] = rival.bytes));

    // Kept at the sink, next to the honest one; the sink receipts each submission it receives.
    await eventually(() => network!.sink.replica.object(rival.id) !== undefined, 'the sink stores the rival result');
    expect(network.sink.replica.object(honest.id)).toEqual(honest.bytes);
    const atSink = resolveCurrentResult(submissionsOf(network.sink, TPS));
    expect(atSink.equivocations).toEqual([{ revision: 1, ids: [honest.id, rival.id].sort() }]);
    expect(atSink.contested).toBe(true);
    expect(atSink.current).toBeNull(); // neither counts (the server holds the TPS out of its totals)

    // Flagged to the operator: the rival result and its receipt travel down the mesh to the operator's phone, whose
    // status (`titip-operator status`, `operatorStatus`) resolves the same way and warns of the equivocation.
    await eventually(() => network!.operator.replica.object(rival.id) !== undefined, 'the operator learns of the rival result');
    await eventually(() => receiptOf(network!.operator, rival.id) !== undefined, 'and of its receipt');
    const atOperator = resolveCurrentResult(submissionsOf(network.operator, TPS));
    expect(atOperator.equivocations).toEqual(atSink.equivocations);
    expect(atOperator.contested).toBe(true);

    // Not a protocol violation: the relay carried a correctly signed object; the key's owner answers for it.
    expect(attacker.rejected).toBe(false);
    expect(network.sink.peer.engine.reports()).toEqual([]);

    // The operator settles it with revision 2 (superseding its own revision 1): current again, still flagged.
    const fixed = await network.submitHonest('revision 2 that settles it');
    const settled = resolveCurrentResult(submissionsOf(network.sink, TPS));
    expect(settled.current?.id).toBe(fixed.id);
    expect(settled.contested).toBe(false);
    expect(settled.equivocations).toHaveLength(1);
    expectIntact(before, network.sink, network.honestIds);
  });
});
