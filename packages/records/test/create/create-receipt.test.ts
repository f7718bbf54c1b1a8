import { describe, expect, it } from 'vitest';
import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createSubmission } from '../../src/create/create-submission.js';
import { InvalidRecordInputError } from '../../src/errors.js';
import { ELECTION_DAY, HOUR, provider, scenario, submissionParams } from '../helpers/scenario.js';

describe('createReceipt and createAttestation', () => {
  it('acknowledge a submission with its tps, election and revision', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission, receivedAt: ELECTION_DAY + HOUR }, provider);
    expect(receipt.kind).toBe('receipt');
    expect(receipt.body).toMatchObject({ submission: submission.id, tps: submission.body.tps, election: 'pkwkk', revision: 1 });
    const attestation = await createAttestation(
      { keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601', seenAt: ELECTION_DAY + HOUR },
      provider,
    );
    expect(attestation.body).toMatchObject({ submission: submission.id, stage: 'ppk', region: '190601' });
  });

  it('refuse inconsistent fields', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    await expect(
      createAttestation({ keyPair: s.relay, credentials: s.relayChain, submission, stage: 'pps', region: '190601' }, provider),
    ).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(createReceipt({ keyPair: s.server, credentials: [], submission }, provider)).rejects.toBeInstanceOf(InvalidRecordInputError);
  });
});
