import { createAttestation, createReceipt } from '@titip/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultsIndex, type CurrentChange } from '../../src/index/results-index.js';
import { bupatiForm, provider, scenario, submit, TPS_A, TPS_B, type Scenario } from '../fixtures/scenario.js';

let s: Scenario;
beforeAll(async () => {
  s = await scenario('results-index');
});

function indexWithChanges() {
  const index = new ResultsIndex();
  const changes: CurrentChange[] = [];
  index.onCurrentChange((c) => changes.push(c));
  return { index, changes };
}

describe('ResultsIndex', () => {
  it('keeps every revision and makes the highest one current', async () => {
    const operator = await s.operator(TPS_A);
    const r1 = await submit(operator, TPS_A, bupatiForm(100, 200));
    const r2 = await submit(operator, TPS_A, bupatiForm(101, 199), { revision: 2, supersedes: r1.id });
    const { index, changes } = indexWithChanges();
    expect(index.add(r1)).toBe(true);
    expect(index.add(r2)).toBe(true);
    expect(index.add(r2)).toBe(false);
    const result = index.result(TPS_A, 'pkwkk')!;
    expect(result.current?.id).toBe(r2.id);
    expect(result.history.map((h) => h.body.revision)).toEqual([1, 2]);
    expect(changes.map((c) => [c.previous?.id ?? null, c.current?.id ?? null])).toEqual([
      [null, r1.id],
      [r1.id, r2.id],
    ]);
    expect(index.coverage('pkwkk')).toEqual({ reporting: 1, counted: 1 });
    expect(index.counts()).toEqual({ submissions: 2, receipts: 0, attestations: 0 });
    expect(index.electionsAt(TPS_A)).toEqual(['pkwkk']);
    expect(index.electionsAt(TPS_B)).toEqual([]);
  });

  it('flags an equivocation and takes the current result away instead of picking one', async () => {
    const operator = await s.operator(TPS_B);
    const a = await submit(operator, TPS_B, bupatiForm(100, 200));
    const b = await submit(operator, TPS_B, bupatiForm(200, 100));
    const { index, changes } = indexWithChanges();
    index.add(a);
    index.add(b);
    const result = index.result(TPS_B, 'pkwkk')!;
    expect(result.current).toBeNull();
    expect(result.contested).toBe(true);
    expect(result.equivocations).toEqual([{ revision: 1, ids: [a.id, b.id].sort() }]);
    expect(changes.at(-1)?.current).toBeNull();
    expect(index.coverage('pkwkk')).toEqual({ reporting: 1, counted: 0 });
  });

  it('holds a TPS out of the totals while an equivocation sits above its current result, until a later revision settles it', async () => {
    const operator = await s.operator(TPS_A);
    const r1 = await submit(operator, TPS_A, bupatiForm(100, 200));
    const r2a = await submit(operator, TPS_A, bupatiForm(110, 190), { revision: 2, supersedes: r1.id });
    const r2b = await submit(operator, TPS_A, bupatiForm(190, 110), { revision: 2, supersedes: r1.id });
    const r3 = await submit(operator, TPS_A, bupatiForm(111, 189), { revision: 3, supersedes: r2a.id });
    const { index, changes } = indexWithChanges();
    index.add(r1);
    index.add(r2a);
    index.add(r2b);
    // resolveCurrentResult falls back to revision 1, but its operator has since replaced those numbers: not counted.
    expect(index.result(TPS_A, 'pkwkk')).toMatchObject({ contested: true, current: { id: r1.id } });
    expect(changes.map((c) => c.current?.id ?? null)).toEqual([r1.id, r2a.id, null]);
    expect(index.coverage('pkwkk')).toEqual({ reporting: 1, counted: 0 });
    expect(index.contestedCount('pkwkk')).toBe(1);
    index.add(r3);
    expect(changes.at(-1)).toMatchObject({ previous: null, current: { id: r3.id } });
    expect(index.coverage('pkwkk')).toEqual({ reporting: 1, counted: 1 });
    expect(index.contestedCount('pkwkk')).toBe(0);
  });

  it('attaches attestations and receipts to their submission, whatever the order', async () => {
    const operator = await s.operator(TPS_A);
    const relay = await s.trust.relay('190601');
    const sub = await submit(operator, TPS_A, bupatiForm(100, 200));
    const attestation = await createAttestation({ keyPair: relay.keyPair, credentials: relay.chain, submission: sub, stage: 'ppk', region: '190601' }, provider);
    const receipt = await createReceipt({ keyPair: s.server.keyPair, credentials: s.server.credential.chain, submission: sub }, provider);
    const index = new ResultsIndex();
    index.add(receipt);
    index.add(attestation);
    index.add(sub);
    expect(index.attestationsOf(sub.id)).toEqual([
      expect.objectContaining({ id: attestation.id, stage: 'ppk', region: '190601', seenAt: attestation.body.seenAt }),
    ]);
    const serverKey = Buffer.from(s.server.keyPair.publicKey).toString('hex');
    expect(index.receiptsOf(sub.id)).toEqual([{ id: receipt.id, submission: sub.id, revision: 1, signer: serverKey, receivedAt: receipt.body.receivedAt }]);
    expect(index.hasReceiptBy(sub.id, serverKey)).toBe(true);
    expect(index.hasReceiptBy(sub.id, '00'.repeat(32))).toBe(false);
    expect(index.counts()).toEqual({ submissions: 1, receipts: 1, attestations: 1 });
  });
});
