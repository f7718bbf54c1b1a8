import { bytesEqual, decodeCanonical, encodeCanonical, hashHex, type CanonicalValue } from '@titip/identity';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createRevocation } from '../../src/create/create-revocation.js';
import { createSubmission } from '../../src/create/create-submission.js';
import { MalformedRecordError } from '../../src/errors.js';
import { createWorkerRecordValidator } from '../../src/node/worker-record-validator.js';
import { decodeRecord } from '../../src/record/decode-record.js';
import { createRecordValidator } from '../../src/verify/record-validator.js';
import { ELECTION_DAY, HOUR, pkwkk1906, provider, scenario, submissionParams } from '../helpers/scenario.js';
import { fuzzParams, fuzzTimeout, longForm, mutatedBytes, oddJson, randomBytes, rawCbor, typedOutcome } from '@titip/testkit/fuzz';

const s = await scenario();
const submission = await createSubmission(submissionParams(s), provider, pkwkk1906);
const revision = await createSubmission({ ...submissionParams(s), revision: 2, supersedes: submission.id, deviceTime: ELECTION_DAY + HOUR }, provider, pkwkk1906);
const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission, receivedAt: ELECTION_DAY + 2 * HOUR }, provider);
const attestation = await createAttestation({ keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601', seenAt: ELECTION_DAY + HOUR }, provider);
const revocation = await createRevocation({ keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: '1906012001', reason: 'HP hilang' }, provider);
const rootRevocation = await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: ELECTION_DAY, region: '1906', reason: 'kunci bocor' }, provider);
const seeds = [submission.bytes, revision.bytes, receipt.bytes, attestation.bytes, revocation.bytes, rootRevocation.bytes];
const elections = (id: string) => (id === 'pkwkk' ? pkwkk1906 : undefined);
const validator = createRecordValidator({ root: s.root.publicKey, provider, elections });
const isSeed = (bytes: Uint8Array) => seeds.some((seed) => bytesEqual(seed, bytes));
const DECODE_CODES = ['too-large', 'malformed', 'schema'];

/**
 * decodeRecord refuses with a MalformedRecordError only; and a record that is not one of the seeds byte for byte
 * never passes the validator, whether offered under its own hash or under the seed's id.
 */
async function check(bytes: Uint8Array): Promise<void> {
  const decoded = typedOutcome(() => decodeRecord(bytes), [MalformedRecordError]);
  if (!decoded.ok) expect(DECODE_CODES).toContain((decoded.error as MalformedRecordError).failure.code);
  const verdict = await validator(hashHex(bytes), bytes);
  expect(verdict.ok).toBe(isSeed(bytes));
  if (!verdict.ok && decoded.ok) expect(DECODE_CODES).not.toContain(verdict.failure.code);
  if (!isSeed(bytes)) expect((await validator(submission.id, bytes)).ok).toBe(false);
}

/** One node of a CBOR value tree replaced by an odd value (wrong type, bytes, bigint, deeper map). */
function replaceAt(value: CanonicalValue, path: readonly number[], replacement: CanonicalValue): CanonicalValue {
  if (path.length === 0 || value === null || typeof value !== 'object' || value instanceof Uint8Array) return replacement;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const copy = [...(value as CanonicalValue[])];
    const i = path[0]! % copy.length;
    copy[i] = replaceAt(copy[i]!, path.slice(1), replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { x: replacement };
  const key = keys[path[0]! % keys.length]!;
  return { ...(value as Record<string, CanonicalValue>), [key]: replaceAt((value as Record<string, CanonicalValue>)[key]!, path.slice(1), replacement) };
}

const oddValue: fc.Arbitrary<CanonicalValue> = fc.oneof(
  oddJson.filter((v) => typeof v !== 'number' || Number.isSafeInteger(v)).map((v) => v as CanonicalValue),
  fc.uint8Array({ maxLength: 70 }),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n - 1n }),
  fc.constantFrom<CanonicalValue>('1906012001002', '1906012001001', '1906', 'pkwkp', 'ppk', 'pps', 'submission', 'receipt', 'revocation', 0, 601, 99_999, 100_000, -1),
  fc.constantFrom(...seeds).map((b) => b as CanonicalValue),
);

/** A seed with one node of its envelope or body replaced, canonically re-encoded (the signature no longer covers it). */
const structurallyMutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), oddValue).map(([seed, path, odd]) => {
  try {
    return encodeCanonical(replaceAt(decodeCanonical(seed), path, odd));
  } catch {
    return seed; // not encodable canonically (too deep, a float…): nothing to test
  }
});

describe('fuzz: decodeRecord and the record validator', () => {
  it('accepts its seeds', async () => {
    for (const seed of seeds) await check(seed);
  });
  it('mutated records (bit flips, truncations, splices between kinds)', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(seeds), check), fuzzParams(2000, 0.5, 41));
  });
  it('records with a field of the envelope or body replaced by an odd value', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(structurallyMutated, check), fuzzParams(1500, 0.3, 42));
  });
  it('raw CBOR items and random bytes', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(rawCbor, randomBytes(300)), check), fuzzParams(1000, 0.2, 43));
  });
});

describe('fuzz: the worker validator gives the same verdicts', () => {
  const workers = createWorkerRecordValidator({ root: s.root.publicKey, threads: 2, elections: [pkwkk1906], chunkSize: 16 });
  afterAll(() => workers.close());
  it('on batches of mutated records', { timeout: fuzzTimeout }, async () => {
    const entry = fc.oneof(mutatedBytes(seeds), structurallyMutated, fc.constantFrom(...seeds)).map((bytes) => ({ id: hashHex(bytes), bytes }));
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 40 }), async (entries) => {
        const [single, pooled] = await Promise.all([validator.batch(entries), workers.batch(entries)]);
        expect(pooled.map((r) => (r.ok ? 'ok' : r.failure.code))).toEqual(single.map((r) => (r.ok ? 'ok' : r.failure.code)));
      }),
      // the long form's share is in batches of ~20 inputs: 1/20 of the runs give as many inputs again
      fuzzParams(40, longForm ? 0.05 : 1, 44),
    );
  });
});
