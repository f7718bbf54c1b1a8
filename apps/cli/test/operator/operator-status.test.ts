import { nodeEd25519 } from '@titip/identity/node';
import { createReceipt, docIdOf, type SubmissionRecord } from '@titip/records';
import type { Replica } from '@titip/sync';
import { describe, expect, it } from 'vitest';
import { operatorStatus } from '../../src/operator/operator-status.js';
import { signSubmission } from '../../src/operator/sign-submission.js';
import { exampleForm } from '../fixtures/forms.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { makeTestTrust, type TestIdentity, type TestTrust } from '../fixtures/trust.js';

const OWN = '1906012001001';
const NEIGHBOUR_A = '1906012001002';
const NEIGHBOUR_B = '1906012001003';

function sign(trust: TestTrust, op: TestIdentity, tps: string, options: { votes?: [number, number]; revision?: number; supersedes?: string; at?: number } = {}) {
  const form = exampleForm('c-hasil-pkwkk.json');
  if (options.votes) [form.suara.paslon['1000526'], form.suara.paslon['1000527']] = options.votes;
  return signSubmission({
    keyPair: op.keyPair,
    chain: op.chain,
    tps,
    election: 'pkwkk',
    form,
    deviceTime: options.at ?? trust.now,
    root: trust.root.publicKey,
    ...(options.revision ? { revision: options.revision, supersedes: options.supersedes ?? null } : {}),
  });
}

async function hold(replica: Replica, ...records: SubmissionRecord[]) {
  for (const r of records) await replica.addLocal(docIdOf(r), [{ id: r.id, bytes: r.bytes }], { trusted: true });
}

describe('operatorStatus', () => {
  it("lists only the operator's TPS and counts the neighbours' results the desa document carries", async () => {
    const trust = await makeTestTrust('own-status');
    const replica = await memoryReplica(trust);
    const mine = await sign(trust, await trust.operator(OWN), OWN);
    const a = await sign(trust, await trust.operator(NEIGHBOUR_A), NEIGHBOUR_A);
    const b = await sign(trust, await trust.operator(NEIGHBOUR_B), NEIGHBOUR_B);
    const b2 = await sign(trust, await trust.operator(NEIGHBOUR_B), NEIGHBOUR_B, { votes: [151, 239] });
    await hold(replica, mine, a, b, b2);

    const status = await operatorStatus(replica, [OWN], { root: trust.root.publicKey });
    expect(status.tps).toEqual([OWN]);
    expect(status.submissions.map((s) => s.id)).toEqual([mine.id]);
    expect(status.submissions[0]).toMatchObject({ tps: OWN, equivocated: false, current: true, receipt: null });
    expect(status.equivocations).toEqual([]); // the neighbours' dispute is theirs, not reported as the operator's
    expect(status.neighbours).toEqual({ tps: [NEIGHBOUR_A, NEIGHBOUR_B], submissions: 3 });
  });

  it('flags two different revision-1 submissions signed with the same key, both receipted, as a contested equivocation', async () => {
    const trust = await makeTestTrust('equivocation');
    const replica = await memoryReplica(trust);
    const op = await trust.operator(OWN);
    const first = await sign(trust, op, OWN);
    const second = await sign(trust, op, OWN, { votes: [151, 239], at: trust.now + 60_000 });
    await hold(replica, first, second);
    for (const s of [first, second]) {
      const receipt = await createReceipt({ keyPair: trust.server.keyPair, credentials: trust.server.chain, submission: s, receivedAt: trust.now + 120_000 }, nodeEd25519);
      await replica.addLocal(docIdOf(receipt), [{ id: receipt.id, bytes: receipt.bytes }]);
    }

    const status = await operatorStatus(replica, [OWN], { root: trust.root.publicKey });
    expect(status.submissions).toHaveLength(2);
    for (const s of status.submissions) expect(s).toMatchObject({ equivocated: true, current: false, receipt: { receivedAt: new Date(trust.now + 120_000).toISOString() } });
    const ids = [first.id, second.id].sort();
    expect(status.equivocations).toEqual([
      { tps: OWN, election: 'pkwkk', revision: 1, ids, sameSigner: true, contested: true, current: null, message: expect.any(Object) },
    ]);
    const { message } = status.equivocations[0]!;
    expect(message.en).toContain('2 DIFFERENT submissions claim revision 1');
    expect(message.en).toContain('same key');
    expect(message.en).toContain('does NOT count it');
    expect(message.en).toContain('sign revision 2 with --supersedes');
    expect(message.id).toContain('ekuivokasi');
    expect(message.id).toContain('TIDAK menghitungnya');
  });

  it('a later single revision settles an equivocation: it is current, the warning says so and is not contested', async () => {
    const trust = await makeTestTrust('equivocation-settled');
    const replica = await memoryReplica(trust);
    const op = await trust.operator(OWN);
    const first = await sign(trust, op, OWN);
    const second = await sign(trust, op, OWN, { votes: [151, 239], at: trust.now + 60_000 });
    const fixed = await sign(trust, op, OWN, { revision: 2, supersedes: first.id, at: trust.now + 120_000 });
    await hold(replica, first, second, fixed);

    const status = await operatorStatus(replica, [OWN]);
    expect(status.submissions.map((s) => [s.revision, s.equivocated, s.current])).toEqual(
      expect.arrayContaining([
        [1, true, false],
        [1, true, false],
        [2, false, true],
      ]),
    );
    expect(status.equivocations).toMatchObject([{ revision: 1, contested: false, current: fixed.id }]);
    expect(status.equivocations[0]!.message.en).toContain('Revision 2');
    expect(status.equivocations[0]!.message.en).toContain('is the one counted');
  });

  it('is empty, with no neighbours, for an empty replica', async () => {
    const trust = await makeTestTrust('own-status-empty');
    expect(await operatorStatus(await memoryReplica(trust), [OWN])).toEqual({ tps: [OWN], submissions: [], equivocations: [], neighbours: { tps: [], submissions: 0 } });
  });
});
