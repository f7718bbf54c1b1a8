import { describe, expect, it } from 'vitest';
import { docIdOf } from '../src/doc-id.js';
import { createSubmission } from '../src/create/create-submission.js';
import { createReceipt } from '../src/create/create-receipt.js';
import { provider, scenario, submissionParams } from './helpers/scenario.js';

describe('docIdOf', () => {
  it('is the desa code of the TPS, for a submission and its receipt alike', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission }, provider);
    expect(docIdOf(submission)).toBe('1906012001');
    expect(docIdOf(receipt)).toBe('1906012001');
  });
});
