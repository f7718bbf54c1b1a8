import { decodeRecord, docIdOf } from '@titip/records';
import { createMemoryChannelPair, SyncSession } from '@titip/sync';
import { eventually } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachServerCore } from '../src/server-core.js';
import { memoryReplica, receiptsHeld } from './fixtures/memory-replica.js';
import { bupatiForm, scenario, submit, TPS_A, TPS_B, type Scenario } from './fixtures/scenario.js';

let s: Scenario;
beforeAll(async () => {
  s = await scenario('server-core');
});

const core = (replica: Parameters<typeof attachServerCore>[0]['replica']) =>
  attachServerCore({ replica, network: s.trust.network, keyPair: s.server.keyPair, credential: s.server.credential });

describe('attachServerCore', () => {
  it('receipts submissions arriving by sync in the write that stores them, once, and they go back in the answer', async () => {
    const relay = await memoryReplica(s.trust.network);
    const subs = [await submit(await s.operator(TPS_A), TPS_A, bupatiForm(100, 200)), await submit(await s.operator(TPS_B), TPS_B, bupatiForm(10, 20))];
    const docId = docIdOf(subs[0]!);
    await relay.replica.addLocal(docId, subs.map((x) => ({ id: x.id, bytes: x.bytes })), { trusted: true });
    relay.events.length = 0;
    const { replica, events } = await memoryReplica(s.trust.network);
    const c = core(replica);
    const [toRelay, toServer] = createMemoryChannelPair('server', 'relay');
    const sessions = [new SyncSession({ replica, channel: toRelay }), new SyncSession({ replica: relay.replica, channel: toServer })];
    const running = sessions.map((x) => x.run());
    await eventually(() => relay.events.length > 0 && sessions.every((x) => x.phase === 'live'), 'receipts back at the relay', 5000);
    // one write at the server: its receipts (announced first, by this server) with the submissions they answer
    expect(events.map((e) => [e.origin, e.added.map((x) => decodeRecord(x.bytes).kind)])).toEqual([
      ['local', ['receipt', 'receipt']],
      [{ peer: 'relay' }, ['submission', 'submission']],
    ]);
    expect(relay.events.map((e) => [e.origin, e.added.map((x) => decodeRecord(x.bytes).kind)])).toEqual([[{ peer: 'server' }, ['receipt', 'receipt']]]);
    await c.issuer.idle();
    expect(c.issuer.stats()).toMatchObject({ issued: 2, pending: 0, failures: 0 });
    const held = receiptsHeld(replica, decodeRecord);
    expect(subs.map((x) => held.get(x.id)?.length)).toEqual([1, 1]);
    expect(events).toHaveLength(2); // no second write of receipts
    expect(sessions[0]!.stats.framesOut).toBeLessThanOrEqual(4); // hello, heads, one answer (with the receipts), at most one more
    for (const x of sessions) await x.close();
    await Promise.all(running);
    await c.stop();
  });

  it('receipts what was stored before it started (a crash between storing and receipting loses nothing), once', async () => {
    const { replica, store } = await memoryReplica(s.trust.network);
    const stored = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(100, 200));
    await replica.addLocal(docIdOf(stored), [{ id: stored.id, bytes: stored.bytes }]); // stored, then "crash"

    const first = core(replica);
    expect(first.loaded).toBe(1);
    await first.issuer.idle();
    expect(receiptsHeld(replica, decodeRecord).get(stored.id)).toHaveLength(1);
    await first.stop();

    // Restart on the same store: the receipt is found, nothing new is signed.
    const { replica: reopened } = await memoryReplica(s.trust.network, store);
    const second = core(reopened);
    expect(second.loaded).toBe(2);
    await second.issuer.idle();
    expect(second.issuer.stats().issued).toBe(0);
    expect(receiptsHeld(reopened, decodeRecord).get(stored.id)).toHaveLength(1);
    expect(second.index.receiptsOf(stored.id)).toHaveLength(1);
    await second.stop();
  });

  it('indexes new objects, totals current results, and receipts every revision', async () => {
    const { replica } = await memoryReplica(s.trust.network);
    const c = core(replica);
    const a = await s.operator(TPS_A);
    const r1 = await submit(a, TPS_A, bupatiForm(100, 200));
    await replica.addLocal(docIdOf(r1), [{ id: r1.id, bytes: r1.bytes }]);
    const other = await submit(await s.operator(TPS_B), TPS_B, bupatiForm(10, 20, 1));
    await replica.addLocal(docIdOf(other), [{ id: other.id, bytes: other.bytes }]);
    const r2 = await submit(a, TPS_A, bupatiForm(150, 150), { revision: 2, supersedes: r1.id });
    await replica.addLocal(docIdOf(r2), [{ id: r2.id, bytes: r2.bytes }]);
    await c.issuer.idle();

    const kab = c.totals.election('pkwkk')!.totals('1906');
    expect({ tps: kab.tps, sah: kab.sah, tidakSah: kab.tidakSah, paslon: Object.fromEntries(kab.paslon) }).toEqual({
      tps: 2,
      sah: 330,
      tidakSah: 4,
      paslon: { '1000526': 160, '1000527': 170 },
    });
    const held = receiptsHeld(replica, decodeRecord);
    expect([r1.id, r2.id, other.id].map((id) => held.get(id)?.length)).toEqual([1, 1, 1]);
    expect(c.index.counts()).toEqual({ submissions: 3, receipts: 3, attestations: 0 });
    await c.stop();
  });
});
