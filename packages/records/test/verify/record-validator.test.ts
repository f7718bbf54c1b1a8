import { InvalidElectionDefinitionError } from '@titip/election';
import { createCredentialCache, decodeSignedObject, hashHex, issueCredential, signObject, type BatchVerifier } from '@titip/identity';
import { createWorkerVerifier } from '@titip/identity/node';
import { describe, expect, it } from 'vitest';
import { createSubmission } from '../../src/create/create-submission.js';
import { createRecordValidator } from '../../src/verify/record-validator.js';
import { flipBit } from '../helpers/forge.js';
import { OPERATOR_FROM, OPERATOR_UNTIL, keyNamed, pkwkk1906, provider, scenario, submissionParams, validForm } from '../helpers/scenario.js';

async function manySubmissions(count: number) {
  const s = await scenario();
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const op = await keyNamed(`batch-op-${i % 10}`);
    const tps = `1906012001${String((i % 10) + 1).padStart(3, '0')}`;
    const cred = await issueCredential(s.issuer, { role: 'operator', subject: op.publicKey, regions: [tps], elections: ['pkwkk'], validFrom: OPERATOR_FROM, validUntil: OPERATOR_UNTIL }, provider);
    const r = await createSubmission({ ...submissionParams(s), keyPair: op, credentials: [cred.bytes, s.issuerCred.bytes], tps, deviceTime: OPERATOR_FROM + i * 1000 }, provider);
    out.push(r.bytes);
  }
  return { s, out };
}

describe('createRecordValidator', () => {
  it('checks the id before anything else', async () => {
    const s = await scenario();
    const r = await createSubmission(submissionParams(s), provider);
    const validate = createRecordValidator({ root: s.root.publicKey, provider });
    expect(await validate(r.id, r.bytes)).toMatchObject({ ok: true });
    expect(await validate(r.id.toUpperCase(), r.bytes)).toMatchObject({ ok: false, failure: { code: 'hash-mismatch' } });
    expect(await validate('', Uint8Array.of(1))).toMatchObject({ ok: false, failure: { code: 'hash-mismatch' } });
    expect(await validate('x', new Uint8Array(70_000))).toMatchObject({ ok: false, failure: { code: 'too-large' } });
    expect(await validate('x', 'bytes' as unknown as Uint8Array)).toMatchObject({ ok: false, failure: { code: 'malformed' } });
  });

  it('batch: same verdicts as one by one, in input order, through the worker pool', async () => {
    const { s, out } = await manySubmissions(40);
    const entries = out.map((bytes) => ({ id: hashHex(bytes), bytes }));
    entries[3] = { id: entries[3]!.id, bytes: flipBit(entries[3]!.bytes, -5) }; // hash mismatch
    const forged = flipBit(out[7]!, -5);
    entries[7] = { id: hashHex(forged), bytes: forged }; // bad signature
    entries[9] = { id: hashHex(Uint8Array.of(1)), bytes: Uint8Array.of(1) }; // malformed
    const single = createRecordValidator({ root: s.root.publicKey, provider });
    const expected = await Promise.all(entries.map((e) => single(e.id, e.bytes)));
    const codes = expected.map((r) => (r.ok ? 'ok' : r.failure.code));
    expect(codes.filter((c) => c !== 'ok')).toEqual(['hash-mismatch', 'bad-signature', 'malformed']);
    expect(codes[3]).toBe('hash-mismatch');
    expect(codes[7]).toBe('bad-signature');

    const pool = createWorkerVerifier({ threads: 2 });
    try {
      const cache = createCredentialCache();
      const batched = createRecordValidator({ root: s.root.publicKey, provider, cache, batchVerifier: pool });
      const results = await batched.batch(entries);
      expect(results.map((r) => (r.ok ? 'ok' : r.failure.code))).toEqual(codes);
      expect(cache.stats().size).toBe(11); // 10 operator credentials + the issuer's
    } finally {
      await pool.close();
    }
  });

  it('batch without a pool uses the provider, and an empty batch is fine', async () => {
    const { s, out } = await manySubmissions(3);
    let calls = 0;
    const counting: BatchVerifier = {
      async verifyBatch(items) {
        calls++;
        return Promise.all(items.map((i) => provider.verify(i.publicKey, i.message, i.signature)));
      },
    };
    const validate = createRecordValidator({ root: s.root.publicKey, provider, batchVerifier: counting });
    expect(await validate.batch([])).toEqual([]);
    const results = await validate.batch(out.map((bytes) => ({ id: hashHex(bytes), bytes })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(calls).toBe(2); // credentials once, record signatures once
    await validate.batch(out.map((bytes) => ({ id: hashHex(bytes), bytes })));
    expect(calls).toBe(3); // credentials are cached now: only the record signatures
  });
});

describe('createRecordValidator: election definitions', () => {
  it('runs the rules with the definition (paslon set), and an invalid definition throws its typed error', async () => {
    const s = await scenario();
    const form = validForm();
    if (form.form !== 'kwk') throw new Error('unreachable');
    form.suara.paslon = { '1000526': 150, '9999999': 240 }; // not a candidate of pkwkk
    const r = await createSubmission({ ...submissionParams(s), form }, provider);
    const without = createRecordValidator({ root: s.root.publicKey, provider });
    expect((await without(r.id, r.bytes)).ok).toBe(true);
    const validate = createRecordValidator({ root: s.root.publicKey, provider, elections: () => pkwkk1906 });
    for (let i = 0; i < 2; i++) {
      expect(await validate(r.id, r.bytes)).toMatchObject({ ok: false, failure: { code: 'unoverridden-rule', detail: { rules: ['paslon-set'] } } });
    }
    const broken = createRecordValidator({ root: s.root.publicKey, provider, elections: () => ({ ...pkwkk1906, paslon: [] }) });
    await expect(broken(r.id, r.bytes)).rejects.toBeInstanceOf(InvalidElectionDefinitionError);
  });

  it('refuses a submission signed with an override of paslon-set (no override lifts it), whoever signed it', async () => {
    const s = await scenario();
    const valid = await createSubmission(submissionParams(s), provider, pkwkk1906);
    const body = structuredClone(decodeSignedObject(valid.bytes).body) as { form: { suara: { paslon: Record<string, number>; sah: number } }; overrides: unknown[] };
    body.form.suara.paslon['999'] = 1;
    body.form.suara.sah += 1;
    body.overrides = [{ rule: 'paslon-set', reason: 'tertulis di lembar' }];
    // Signed by hand, as a modified operator app could: createSubmission refuses to.
    const forged = await signObject('submission', body, s.operator, provider);
    const validate = createRecordValidator({ root: s.root.publicKey, provider, elections: () => pkwkk1906 });
    expect(await validate(forged.hash, forged.bytes)).toMatchObject({ ok: false, failure: { code: 'unoverridden-rule', detail: { rules: expect.arrayContaining(['paslon-set']) } } });
  });

  it('close() is a no-op for the single-thread validator', async () => {
    const s = await scenario();
    const r = await createSubmission(submissionParams(s), provider);
    const validate = createRecordValidator({ root: s.root.publicKey, provider });
    await validate.close();
    expect((await validate(r.id, r.bytes)).ok).toBe(true);
  });
});
