import { encodeCanonical } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createSubmission } from '../../src/create/create-submission.js';
import { MalformedRecordError } from '../../src/errors.js';
import { decodeRecord } from '../../src/record/decode-record.js';
import { nonCanonical, signRaw } from '../helpers/forge.js';
import { provider, scenario, submissionParams } from '../helpers/scenario.js';

function failureOf(bytes: Uint8Array, maxBytes?: number) {
  try {
    decodeRecord(bytes, { maxBytes });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedRecordError);
    expect((error as MalformedRecordError).code).toBe('RECORDS_MALFORMED');
    return (error as MalformedRecordError).failure;
  }
}

describe('decodeRecord', () => {
  it('decodes each kind into the discriminated union', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission }, provider);
    const attestation = await createAttestation({ keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601' }, provider);
    for (const r of [submission, receipt, attestation]) {
      const back = decodeRecord(r.bytes);
      expect(back.kind).toBe(r.kind);
      expect(back.id).toBe(r.id);
      if (back.kind === 'submission') expect(back.body.form.form).toBe('kwk');
    }
  });

  it('refuses oversized, non-canonical, junk, unknown kinds and bodies that break the schema', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    expect(failureOf(submission.bytes, submission.bytes.length - 1)).toMatchObject({ code: 'too-large' });
    expect(failureOf(nonCanonical(submission.bytes))).toMatchObject({ code: 'malformed', detail: { reason: 'non-canonical' } });
    expect(failureOf(Uint8Array.of(0x85, 0x01))).toMatchObject({ code: 'malformed' });
    expect(failureOf(encodeCanonical({ not: 'an envelope' }))).toMatchObject({ code: 'malformed', detail: { reason: 'envelope' } });
    expect(failureOf(await signRaw('note', {}, s.operator))).toMatchObject({ code: 'malformed', detail: { reason: 'unknown-kind' } });
    const bad = await signRaw('submission', { ...submission.body, revision: 0 }, s.operator);
    expect(failureOf(bad)).toMatchObject({ code: 'schema' });
    expect(failureOf('x' as unknown as Uint8Array)).toMatchObject({ code: 'malformed' });
  });
});
