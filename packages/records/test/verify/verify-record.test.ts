import { createCredentialCache, hashHex, issueCredential } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createSubmission } from '../../src/create/create-submission.js';
import { RecordVerificationError } from '../../src/errors.js';
import { recordFailureCodes, type RecordFailureCode } from '../../src/record/record-failure.js';
import { createRecordValidator } from '../../src/verify/record-validator.js';
import { assertRecord, verifyRecord, type VerifyRecordOptions } from '../../src/verify/verify-record.js';
import { failureCases, type Scenario } from '../helpers/failure-cases.js';
import { flipBit } from '../helpers/forge.js';
import {
  ELECTION_DAY,
  HOUR,
  OPERATOR_FROM,
  OPERATOR_UNTIL,
  OTHER_TPS,
  genderBrokenForm,
  keyNamed,
  pkwkk1906,
  provider,
  scenario,
  submissionParams,
} from '../helpers/scenario.js';

async function options(s: Scenario, extra: Partial<VerifyRecordOptions> = {}): Promise<VerifyRecordOptions> {
  return { root: s.root.publicKey, provider, ...extra };
}

async function codeOf(bytes: Uint8Array, s: Scenario, extra: Partial<VerifyRecordOptions> = {}): Promise<RecordFailureCode | 'ok'> {
  const result = await verifyRecord(bytes, await options(s, extra));
  return result.ok ? 'ok' : result.failure.code;
}

describe('verifyRecord: happy paths', () => {
  it('accepts a submission, its receipt and a PPK attestation, from bytes or from the record', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider, pkwkk1906);
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission, receivedAt: ELECTION_DAY + HOUR }, provider);
    const attestation = await createAttestation(
      { keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601', seenAt: ELECTION_DAY + 2 * HOUR },
      provider,
    );
    for (const record of [submission, receipt, attestation]) {
      const result = await verifyRecord(record.bytes, await options(s, { elections: (id) => (id === 'pkwkk' ? pkwkk1906 : undefined) }));
      expect(result.ok, record.kind).toBe(true);
      if (result.ok) expect(result.record.id).toBe(record.id);
      expect((await verifyRecord(record, await options(s))).ok).toBe(true);
    }
  });

  it('accepts an overridden hard-rule failure, and it stays visible in the verified record', async () => {
    const s = await scenario();
    const overrides = [{ rule: 'gender-total', reason: 'as written on the sheet' }];
    const submission = await createSubmission({ ...submissionParams(s), form: genderBrokenForm(), overrides }, provider);
    const result = await verifyRecord(submission.bytes, await options(s));
    expect(result.ok && result.record.kind === 'submission' && result.record.body.overrides).toEqual(overrides);
  });

  it('verifies the bytes of a record object, not fields edited beside them', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    const edited = { ...submission, body: { ...submission.body, tps: OTHER_TPS } };
    const result = await verifyRecord(edited, await options(s));
    expect(result.ok && result.record.body.tps).toBe(submission.body.tps);
  });

  it('with checkTimeAt: claimed, tolerates a device clock off by less than clockSkewMs at the window edges', async () => {
    const s = await scenario();
    const early = await createSubmission({ ...submissionParams(s), deviceTime: OPERATOR_FROM - 30 * 60_000 }, provider);
    expect(await codeOf(early.bytes, s, { checkTimeAt: 'claimed' })).toBe('ok');
    expect(await codeOf(early.bytes, s, { checkTimeAt: 'claimed', clockSkewMs: 0 })).toBe('not-yet-valid');
    expect(await codeOf(early.bytes, s, { checkTimeAt: OPERATOR_UNTIL + 2 * 3_600_000 })).toBe('expired');
  });

  it('admission judges no time: a device clock far ahead or behind does not make a valid result invalid', async () => {
    const s = await scenario();
    for (const deviceTime of [OPERATOR_UNTIL + 365 * 24 * 3_600_000, 0]) {
      const misdated = await createSubmission({ ...submissionParams(s), deviceTime }, provider);
      expect(await codeOf(misdated.bytes, s)).toBe('ok');
    }
  });

  it('assertRecord throws a RecordVerificationError carrying the failure', async () => {
    const s = await scenario();
    const submission = await createSubmission(submissionParams(s), provider);
    await expect(assertRecord(submission.bytes, await options(s))).resolves.toMatchObject({ id: submission.id });
    const attempt = assertRecord(flipBit(submission.bytes, -1), await options(s));
    await expect(attempt).rejects.toBeInstanceOf(RecordVerificationError);
    await expect(attempt).rejects.toMatchObject({ code: 'RECORDS_VERIFICATION', failureCode: 'bad-signature' });
  });
});

describe('verifyRecord and the validator: every failure code', () => {
  for (const c of failureCases) {
    it(`${c.code}: ${c.name}`, async () => {
      const s = await scenario();
      const { bytes, id, extra } = await c.make(s);
      const validator = createRecordValidator({ ...(await options(s, extra)), cache: createCredentialCache() });
      const viaValidator = await validator(id ?? hashHex(bytes), bytes);
      expect(viaValidator.ok ? 'ok' : viaValidator.failure.code).toBe(c.code);
      if (id === undefined) expect(await codeOf(bytes, s, extra)).toBe(c.code);
    });
  }

  it('the cases cover every RecordFailureCode', () => {
    expect(new Set(failureCases.map((c) => c.code))).toEqual(new Set(recordFailureCodes));
  });
});

describe('credential cache across records', () => {
  it('verifies the issuer credential once for many submissions', async () => {
    const s = await scenario();
    const cache = createCredentialCache();
    const records = [];
    for (let i = 0; i < 20; i++) {
      const op = await keyNamed(`op-${i}`);
      const tps = `1906012001${String(i + 1).padStart(3, '0')}`;
      const cred = await issueCredential(s.issuer, { role: 'operator', subject: op.publicKey, regions: [tps], elections: ['pkwkk'], validFrom: OPERATOR_FROM, validUntil: OPERATOR_UNTIL }, provider);
      records.push(await createSubmission({ ...submissionParams(s), keyPair: op, credentials: [cred.bytes, s.issuerCred.bytes], tps }, provider));
    }
    for (const r of records) expect((await verifyRecord(r.bytes, await options(s, { cache }))).ok).toBe(true);
    expect(cache.stats()).toMatchObject({ size: 21, misses: 21 });
  });
});
