import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord } from '@titip/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { RuleViolationError, SubmissionRefusedError } from '../../src/errors.js';
import { signSubmission, type SignSubmissionParams } from '../../src/operator/sign-submission.js';
import { exampleForm } from '../fixtures/forms.js';
import { DAY, makeTestTrust, seededKeyPair, type TestIdentity, type TestTrust } from '../fixtures/trust.js';

const TPS = '1906012001001';
let trust: TestTrust;
let operator: TestIdentity;
let base: SignSubmissionParams;

beforeAll(async () => {
  trust = await makeTestTrust('sign');
  operator = await trust.operator(TPS);
  base = {
    keyPair: operator.keyPair,
    chain: operator.chain,
    tps: TPS,
    election: 'pkwkk',
    form: exampleForm('c-hasil-pkwkk.json'),
    electionDefinition: trust.network.election('pkwkk'),
    root: trust.root.publicKey,
    deviceTime: trust.now,
  };
});

async function refusedWith(params: SignSubmissionParams): Promise<SubmissionRefusedError> {
  const error = await signSubmission(params).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SubmissionRefusedError);
  expect((error as SubmissionRefusedError).code).toBe('CLI_SUBMISSION_REFUSED');
  return error as SubmissionRefusedError;
}

describe('signSubmission', () => {
  it('signs a valid form into a submission every verifier accepts', async () => {
    const record = await signSubmission(base);
    expect(record.kind).toBe('submission');
    expect(record.body).toMatchObject({ tps: TPS, election: 'pkwkk', revision: 1, supersedes: null, overrides: [], photos: [], deviceTime: trust.now });
    const verified = await verifyRecord(record.bytes, { root: trust.root.publicKey, provider: nodeEd25519, elections: trust.network.election });
    expect(verified.ok).toBe(true);
  });

  it('refuses a form breaking hard rules without override, listing the violations in Bahasa Indonesia and English', async () => {
    const error = await signSubmission({ ...base, form: exampleForm('c-hasil-pkwkk-typo.json') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolationError);
    const violation = error as RuleViolationError;
    expect(violation.code).toBe('CLI_RULE_VIOLATION');
    expect(violation.unoverridden).toEqual(['gender-total', 'category-sum']);
    expect(violation.violations.map((v) => v.rule)).toEqual(['gender-total', 'category-sum']);
    expect(violation.message).toContain('pemilih.dpt: J = 409, padahal L + P = 250 + 240 = 490.');
    expect(violation.message).toContain('pemilih.dpt: J = 409 but L + P = 250 + 240 = 490.');
    expect(violation.report.warnings.map((w) => w.rule)).toEqual(['ballots-received-off']);
  });

  it('signs the same form with one override per failing rule; the overrides travel in the record', async () => {
    const overrides = [
      { rule: 'gender-total', reason: 'J di lembar salah tulis, L dan P benar' },
      { rule: 'category-sum', reason: 'ikut dari baris DPT' },
    ];
    const record = await signSubmission({ ...base, form: exampleForm('c-hasil-pkwkk-typo.json'), overrides });
    expect(record.body.overrides).toEqual(overrides);
    // Half the overrides is still a violation.
    await expect(signSubmission({ ...base, form: exampleForm('c-hasil-pkwkk-typo.json'), overrides: overrides.slice(0, 1) })).rejects.toThrow(RuleViolationError);
  });

  it('signs a correction as revision 2 superseding revision 1', async () => {
    const first = await signSubmission(base);
    const second = await signSubmission({ ...base, revision: 2, supersedes: first.id, deviceTime: trust.now + 60_000 });
    expect(second.body).toMatchObject({ revision: 2, supersedes: first.id });
  });

  it('refuses a TPS or an election outside the operator credential', async () => {
    expect((await refusedWith({ ...base, tps: '1906012001002' })).reason).toBe('tps-not-allowed');
    const bupatiOnly = await trust.operator(TPS, ['pkwkk']);
    const error = await refusedWith({ ...base, keyPair: bupatiOnly.keyPair, chain: bupatiOnly.chain, election: 'pkwkp', electionDefinition: trust.network.election('pkwkp'), form: exampleForm('c-hasil-pkwkp.json') });
    expect(error.reason).toBe('election-not-allowed');
  });

  it('signs with a device clock outside the credential window and says so (the network judges the first-witnessed time)', async () => {
    for (const deviceTime of [trust.window.validUntil + 2 * 3_600_000, trust.window.validFrom - 2 * 3_600_000]) {
      const warnings: string[] = [];
      const record = await signSubmission({ ...base, deviceTime, onWarning: (w) => warnings.push(w) });
      expect(record.kind).toBe('submission');
      expect(record.body.deviceTime).toBe(deviceTime);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(deviceTime > trust.window.validUntil ? /after the operator credential's window/ : /before the operator credential's window/);
    }
    // Within the skew: no warning.
    const warnings: string[] = [];
    expect((await signSubmission({ ...base, deviceTime: trust.window.validUntil + 60_000, onWarning: (w) => warnings.push(w) })).kind).toBe('submission');
    expect(warnings).toEqual([]);
  });

  it('refuses a key that is not the credential subject, and a credential that is not an operator credential', async () => {
    const stranger = await seededKeyPair('stranger');
    expect((await refusedWith({ ...base, keyPair: stranger })).reason).toBe('signer-mismatch');
    expect((await refusedWith({ ...base, keyPair: trust.server.keyPair, chain: trust.server.chain })).reason).toBe('wrong-role');
    expect((await refusedWith({ ...base, chain: [Uint8Array.of(1)] })).reason).toBe('malformed');
    expect((await refusedWith({ ...base, chain: [] })).reason).toBe('malformed');
  });

  it("refuses a TPS outside the election's region and a definition of another election", async () => {
    // A Bupati election of Kota Pangkal Pinang (1971): a Belitung Timur TPS does not vote in it.
    const other = { ...trust.network.election('pkwkk')!, region: '1971' };
    expect((await refusedWith({ ...base, electionDefinition: other })).reason).toBe('tps-not-allowed');
    expect((await refusedWith({ ...base, electionDefinition: trust.network.election('pkwkp') })).reason).toBe('invalid-input');
  });

  it('refuses inconsistent input: a revision without supersedes, an override of a rule that passes', async () => {
    expect((await refusedWith({ ...base, revision: 2 })).reason).toBe('invalid-input');
    expect((await refusedWith({ ...base, overrides: [{ rule: 'gender-total', reason: 'no reason to' }] })).reason).toBe('invalid-input');
  });

  it('refuses a chain that does not lead to the given root', async () => {
    const otherRoot = await seededKeyPair('another-root');
    expect((await refusedWith({ ...base, root: otherRoot.publicKey })).reason).toBe('unknown-root');
  });

  it('without a root, still checks the chain is consistent (signed by its own root)', async () => {
    const { root: _root, ...withoutRoot } = base;
    expect((await signSubmission(withoutRoot)).kind).toBe('submission');
  });

  it('uses the device clock by default', async () => {
    const before = Date.now();
    const { deviceTime: _t, ...params } = base;
    const record = await signSubmission(params);
    expect(record.body.deviceTime).toBeGreaterThanOrEqual(before);
    expect(record.body.deviceTime).toBeLessThan(before + DAY);
  });
});
