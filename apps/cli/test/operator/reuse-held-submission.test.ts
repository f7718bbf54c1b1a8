import { docIdOf, type SubmissionRecord } from '@titip/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { SubmissionConflictError } from '../../src/errors.js';
import { reuseHeldSubmission } from '../../src/operator/reuse-held-submission.js';
import { signSubmission, type SignSubmissionParams } from '../../src/operator/sign-submission.js';
import { exampleForm } from '../fixtures/forms.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { makeTestTrust, type TestTrust } from '../fixtures/trust.js';

const TPS = '1906012001001';
let trust: TestTrust;
let params: SignSubmissionParams;

beforeAll(async () => {
  trust = await makeTestTrust('reuse');
  const operator = await trust.operator(TPS);
  params = { keyPair: operator.keyPair, chain: operator.chain, tps: TPS, election: 'pkwkk', form: exampleForm('c-hasil-pkwkk.json'), deviceTime: trust.now, root: trust.root.publicKey };
});

async function held(record: SubmissionRecord) {
  const replica = await memoryReplica(trust);
  await replica.addLocal(docIdOf(record), [{ id: record.id, bytes: record.bytes }], { trusted: true });
  return replica;
}

describe('reuseHeldSubmission', () => {
  it('returns the fresh submission when nothing comparable is held', async () => {
    const fresh = await signSubmission(params);
    expect(reuseHeldSubmission(await memoryReplica(trust), fresh)).toBe(fresh);
    expect(reuseHeldSubmission(await held(fresh), fresh)).toBe(fresh); // the same one
  });

  it('returns the held submission when the same numbers were signed earlier (another device time)', async () => {
    const earlier = await signSubmission(params);
    const again = await signSubmission({ ...params, deviceTime: trust.now + 60_000 });
    expect(again.id).not.toBe(earlier.id);
    expect(reuseHeldSubmission(await held(earlier), again).id).toBe(earlier.id);
  });

  it('refuses different numbers for the same revision: that would be an equivocation', async () => {
    const earlier = await signSubmission(params);
    const form = exampleForm('c-hasil-pkwkk.json');
    form.suara.paslon['1000526'] = 149;
    form.suara.paslon['1000527'] = 241;
    const changed = await signSubmission({ ...params, form, deviceTime: trust.now + 60_000 });
    const replica = await held(earlier);
    let thrown: unknown;
    try {
      reuseHeldSubmission(replica, changed);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SubmissionConflictError);
    expect(thrown).toMatchObject({ code: 'CLI_SUBMISSION_CONFLICT', existingId: earlier.id });
    expect((thrown as Error).message).toContain(`--supersedes ${earlier.id}`);
  });

  it('does not mix revisions, elections or signers', async () => {
    const first = await signSubmission(params);
    const replica = await held(first);
    const revision2 = await signSubmission({ ...params, revision: 2, supersedes: first.id });
    expect(reuseHeldSubmission(replica, revision2)).toBe(revision2);
    const otherOperator = await trust.operator(TPS);
    const theirs = await signSubmission({ ...params, keyPair: otherOperator.keyPair, chain: otherOperator.chain });
    expect(reuseHeldSubmission(replica, theirs)).toBe(theirs);
  });
});
