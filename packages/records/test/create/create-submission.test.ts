import { checkCHasil } from '@titip/election';
import { decodeSignedObject, verifySignature } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { createSubmission } from '../../src/create/create-submission.js';
import { InvalidRecordInputError, RuleViolationError } from '../../src/errors.js';
import { decodeRecord } from '../../src/record/decode-record.js';
import { genderBrokenForm, pkwkk1906, provider, scenario, submissionParams, validForm } from '../helpers/scenario.js';

describe('createSubmission', () => {
  it('signs a consistent form as a submission that decodes back', async () => {
    const s = await scenario();
    const record = await createSubmission(submissionParams(s), provider, pkwkk1906);
    expect(record.kind).toBe('submission');
    expect(record.id).toBe(record.hash);
    expect(record.signer).toEqual(s.operator.publicKey);
    expect(await verifySignature(record, provider)).toBe(true);
    const back = decodeRecord(record.bytes);
    expect(back).toEqual(record);
    expect(decodeSignedObject(record.bytes).body).toMatchObject({ tps: '1906012001001', revision: 1, supersedes: null });
  });

  it('refuses a form that breaks a hard rule without an override, carrying the report', async () => {
    const s = await scenario();
    const attempt = createSubmission({ ...submissionParams(s), form: genderBrokenForm() }, provider);
    await expect(attempt).rejects.toBeInstanceOf(RuleViolationError);
    const error = (await attempt.catch((e: unknown) => e)) as RuleViolationError;
    expect(error.code).toBe('RECORDS_RULE_VIOLATION');
    expect(error.unoverridden).toEqual(['gender-total']);
    expect(error.report.violations.map((v) => v.rule)).toContain('gender-total');
  });

  it('signs the same form with an override and a reason for the failing rule', async () => {
    const s = await scenario();
    const overrides = [{ rule: 'gender-total', reason: 'Angka L pada lembar tertulis 528, dicek ulang: memang tertulis demikian' }];
    const record = await createSubmission({ ...submissionParams(s), form: genderBrokenForm(), overrides }, provider);
    expect(record.body.overrides).toEqual(overrides);
  });

  it('needs an override for EVERY failing hard rule', async () => {
    const s = await scenario();
    const form = genderBrokenForm();
    if (form.form !== 'kwk') throw new Error('unreachable');
    form.suara.sah = 391; // also breaks valid-votes-sum and votes-total
    const failing = [...new Set(checkCHasil(form).violations.map((v) => v.rule))];
    expect(failing.length).toBeGreaterThan(1);
    const one = [{ rule: 'gender-total', reason: 'as written' }];
    const attempt = createSubmission({ ...submissionParams(s), form, overrides: one }, provider);
    await expect(attempt).rejects.toBeInstanceOf(RuleViolationError);
    expect(((await attempt.catch((e: unknown) => e)) as RuleViolationError).unoverridden).toEqual(failing.filter((r) => r !== 'gender-total'));
    const all = failing.map((rule) => ({ rule, reason: 'as written on the sheet' }));
    await expect(createSubmission({ ...submissionParams(s), form, overrides: all }, provider)).resolves.toMatchObject({ kind: 'submission' });
  });

  it('refuses an override of paslon-set: a vote for a paslon that does not stand is never signed', async () => {
    const s = await scenario();
    const form = validForm();
    if (form.form !== 'kwk') throw new Error('unreachable');
    form.suara.paslon = { ...form.suara.paslon, '999': 1 };
    const overrides = [
      { rule: 'paslon-set', reason: 'tertulis di lembar' },
      { rule: 'valid-votes-sum', reason: 'ikut paslon 999' },
    ];
    const attempt = createSubmission({ ...submissionParams(s), form, overrides }, provider, pkwkk1906);
    await expect(attempt).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(attempt).rejects.toThrow(/no override lifts paslon-set/);
    // Without the override the rule report names it, as for any failing hard rule.
    const plain = createSubmission({ ...submissionParams(s), form, overrides: overrides.slice(1) }, provider, pkwkk1906);
    await expect(plain).rejects.toMatchObject({ unoverridden: ['paslon-set'] });
  });

  it('refuses blank reasons, overrides of passing rules, and broken revision links', async () => {
    const s = await scenario();
    const p = submissionParams(s);
    await expect(
      createSubmission({ ...p, form: genderBrokenForm(), overrides: [{ rule: 'gender-total', reason: ' ' }] }, provider),
    ).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(createSubmission({ ...p, overrides: [{ rule: 'gender-total', reason: 'just in case' }] }, provider)).rejects.toThrow(
      /do not fail/,
    );
    await expect(createSubmission({ ...p, revision: 2 }, provider)).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(createSubmission({ ...p, supersedes: 'a'.repeat(64) }, provider)).rejects.toBeInstanceOf(InvalidRecordInputError);
    const first = await createSubmission(p, provider);
    const second = await createSubmission({ ...p, revision: 2, supersedes: first.id, deviceTime: p.deviceTime + 60_000 }, provider);
    expect(second.body.supersedes).toBe(first.id);
  });

  it('refuses a key pair that is not the credential subject, and a mismatched election definition', async () => {
    const s = await scenario();
    const p = submissionParams(s);
    await expect(createSubmission({ ...p, keyPair: s.relay }, provider)).rejects.toThrow(/not the subject/);
    await expect(createSubmission({ ...p, credentials: [Uint8Array.of(1, 2)] }, provider)).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(createSubmission(p, provider, { ...pkwkk1906, id: 'pkwkp' })).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(createSubmission(p, provider, { ...pkwkk1906, form: 'ppwp' })).rejects.toBeInstanceOf(InvalidRecordInputError);
  });

  it('with the election definition, checks the paslon set', async () => {
    const s = await scenario();
    const form = validForm();
    if (form.form !== 'kwk') throw new Error('unreachable');
    form.suara.paslon = { '1000526': 150, '9999999': 240 };
    await expect(createSubmission({ ...submissionParams(s), form }, provider)).resolves.toBeDefined();
    await expect(createSubmission({ ...submissionParams(s), form }, provider, pkwkk1906)).rejects.toBeInstanceOf(RuleViolationError);
  });
});
