import { decodeRecord, docIdOf, verifyRecord, type SubmissionRecord } from '@titip/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReceiptIssuer, type ReceiptSink } from '../../src/ingest/receipt-issuer.js';
import { ResultsIndex } from '../../src/index/results-index.js';
import { memoryReplica, receiptsHeld } from '../fixtures/memory-replica.js';
import { bupatiForm, gubernurForm, provider, scenario, submit, TPS_A, TPS_B, TPS_C, type Scenario } from '../fixtures/scenario.js';

let s: Scenario;
beforeAll(async () => {
  s = await scenario('receipt-issuer');
});

/** A replica holding the given submissions, an index of it, and an issuer writing into it. */
async function setup(submissions: SubmissionRecord[], sink?: (replica: ReceiptSink) => ReceiptSink, network = s.trust.network) {
  const { replica, events } = await memoryReplica(s.trust.network);
  for (const sub of submissions) await replica.addLocal(docIdOf(sub), [{ id: sub.id, bytes: sub.bytes }]);
  const index = new ResultsIndex();
  replica.onObjectsAdded((e) => e.added.forEach((o) => index.add(decodeRecord(o.bytes))));
  for (const sub of submissions) index.add(sub);
  const serverKey = Buffer.from(s.server.keyPair.publicKey).toString('hex');
  const issuer = new ReceiptIssuer({
    sink: sink ? sink(replica) : replica,
    keyPair: s.server.keyPair,
    credential: s.server.credential,
    network,
    provider,
    isReceipted: (id) => index.hasReceiptBy(id, serverKey),
    retryDelayMs: 10,
  });
  events.length = 0;
  return { replica, events, issuer };
}

describe('ReceiptIssuer', () => {
  it('writes one change per document per tick, with a valid receipt for each submission', async () => {
    const subs = [
      await submit(await s.operator(TPS_A), TPS_A, bupatiForm(100, 200)),
      await submit(await s.operator(TPS_B), TPS_B, bupatiForm(10, 20)),
      await submit(await s.operator(TPS_A), TPS_A, gubernurForm(300, 1), { election: 'pkwkp' }),
      await submit(await s.operator(TPS_C), TPS_C, bupatiForm(5, 6)),
    ];
    const { replica, events, issuer } = await setup(subs);
    const t0 = Date.now();
    for (const sub of subs) issuer.offer(sub, t0 + subs.indexOf(sub));
    await issuer.idle();
    expect(events.map((e) => [e.docId, e.added.length, e.origin])).toEqual([
      ['1906012001', 3, 'local'],
      ['1906052003', 1, 'local'],
    ]);
    const held = receiptsHeld(replica, decodeRecord);
    expect([...held.keys()].sort()).toEqual(subs.map((x) => x.id).sort());
    for (const [submission, [id]] of held) {
      const verdict = await verifyRecord(replica.object(id!)!, { root: s.trust.network.root, provider });
      expect(verdict.ok).toBe(true);
      if (!verdict.ok || verdict.record.kind !== 'receipt') continue;
      const sub = subs.find((x) => x.id === submission)!;
      expect(verdict.record.body).toMatchObject({ tps: sub.body.tps, election: sub.body.election, revision: 1, receivedAt: t0 + subs.indexOf(sub) });
    }
    expect(issuer.stats()).toMatchObject({ issued: 4, pending: 0, failures: 0 });
  });

  it('never issues two receipts for one submission', async () => {
    const sub = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(1, 2));
    const { replica, issuer } = await setup([sub]);
    issuer.offer(sub);
    issuer.offer(sub);
    await issuer.idle();
    issuer.offer(sub);
    await issuer.idle();
    expect(receiptsHeld(replica, decodeRecord).get(sub.id)).toHaveLength(1);
    expect(issuer.stats().issued).toBe(1);
  });

  it('refuses submissions of elections the network file does not define, and counts why', async () => {
    const sub = await submit(await s.operator(TPS_A), TPS_A, gubernurForm(1, 2), { election: 'pkwkp' });
    const onlyBupati = { ...s.trust.network, election: (id: string) => (id === 'pkwkk' ? s.trust.network.election(id) : undefined) };
    const { replica, issuer } = await setup([sub], undefined, onlyBupati);
    issuer.offer(sub);
    await issuer.idle();
    expect(receiptsHeld(replica, decodeRecord).size).toBe(0);
    expect(issuer.stats()).toMatchObject({ issued: 0, refused: { 'unknown-election': 1 } });
  });

  it('retries a batch the store failed to write', async () => {
    const sub = await submit(await s.operator(TPS_B), TPS_B, bupatiForm(7, 8));
    let failuresLeft = 1;
    const flaky = (replica: ReceiptSink): ReceiptSink => ({
      addLocal: (docId, entries, options) => (failuresLeft-- > 0 ? Promise.reject(new Error('disk full')) : replica.addLocal(docId, entries, options)),
    });
    const { replica, issuer } = await setup([sub], flaky);
    issuer.offer(sub);
    await issuer.idle();
    expect(receiptsHeld(replica, decodeRecord).get(sub.id)).toHaveLength(1);
    expect(issuer.stats()).toMatchObject({ issued: 1, failures: 1, pending: 0 });
  });

  it('issues nothing after stop', async () => {
    const sub = await submit(await s.operator(TPS_C), TPS_C, bupatiForm(7, 8));
    const { replica, issuer } = await setup([sub]);
    await issuer.stop();
    issuer.offer(sub);
    await issuer.idle();
    await new Promise((r) => setTimeout(r, 20));
    expect(receiptsHeld(replica, decodeRecord).size).toBe(0);
  });

  it('as a merge companion: signs receipts for the submissions a merge brings, leaves refusals and receipted ones to the usual path, counts what was stored', async () => {
    const bupati = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(3, 4));
    const gubernur = await submit(await s.operator(TPS_B), TPS_B, gubernurForm(5, 6), { election: 'pkwkp' });
    const onlyBupati = { ...s.trust.network, election: (id: string) => (id === 'pkwkk' ? s.trust.network.election(id) : undefined) };
    const { issuer } = await setup([], undefined, onlyBupati);
    const entries = [bupati, gubernur].map((x) => ({ id: x.id, bytes: x.bytes }));
    const receipts = await issuer.objectsFor(docIdOf(bupati), entries);
    expect(receipts).toHaveLength(1);
    const verdict = await verifyRecord(receipts[0]!.bytes, { root: s.trust.network.root, provider });
    expect(verdict.ok && verdict.record.kind === 'receipt' && verdict.record.body.submission).toBe(bupati.id);
    expect(issuer.stats()).toMatchObject({ issued: 0, refused: { 'unknown-election': 0 } });
    issuer.settled(docIdOf(bupati), receipts, false);
    expect(issuer.stats().issued).toBe(0);
    issuer.settled(docIdOf(bupati), receipts, true);
    expect(issuer.stats().issued).toBe(1);
    // offered once stored, the refused one is counted there, once
    issuer.offer(gubernur);
    await issuer.idle();
    expect(issuer.stats()).toMatchObject({ issued: 1, refused: { 'unknown-election': 1 } });
    await issuer.stop();
    expect(await issuer.objectsFor(docIdOf(bupati), entries)).toEqual([]);
  });

  it('registers as the merge companion of its sink only with alongsideMerges, and leaves on stop', async () => {
    const { replica } = await memoryReplica(s.trust.network);
    const set: unknown[] = [];
    const sink: ReceiptSink = { addLocal: (d, e, o) => replica.addLocal(d, e, o), setMergeCompanion: (c) => set.push(c) };
    const options = { sink, keyPair: s.server.keyPair, credential: s.server.credential, network: s.trust.network, provider, isReceipted: () => false };
    const plain = new ReceiptIssuer(options);
    await plain.stop();
    expect(set).toEqual([]);
    const alongside = new ReceiptIssuer({ ...options, alongsideMerges: true });
    expect(set).toEqual([alongside]);
    await alongside.stop();
    expect(set).toEqual([alongside, undefined]);
  });
});
