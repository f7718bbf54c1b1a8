import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesEqual, decodeCanonical, encodeCanonical, type CanonicalValue } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord, type RevocationRecord } from '@titip/records';
import { tempDir } from '@titip/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import { issueOperatorCredential, issueRelayCredential } from '../../src/issuer/issue-by-issuer.js';
import { issueIssuerCredential } from '../../src/issuer/issue-root-signed.js';
import { encodeRevocationFile, MAX_REVOCATIONS_PER_FILE, parseRevocationFile, readRevocationFile } from '../../src/issuer/revocation-file.js';
import { signRevocations } from '../../src/issuer/sign-revocation.js';
import { DESA_A, signedResults } from '../fixtures/bundle-results.js';
import { DAY, makeTestTrust, networkOf, seededKeyPair } from '../fixtures/trust.js';
import { deepCbor, fuzzParams, fuzzTimeout, mutatedBytes, randomBytes, rawCbor, typedOutcome, typedOutcomeAsync } from '@titip/testkit/fuzz';

const dir = await tempDir('titip-fuzz-revocation-');
afterAll(() => dir.remove());
const file = join(dir.path, 'input.revocation');

// Revocations as `titip-issuer revoke` signs them: an issuer revoking an operator (two desa documents), the root
// revoking an issuer and a relay.
const from = Date.UTC(2024, 10, 1);
const root = await seededKeyPair('fuzz/root');
const issuer = await seededKeyPair('fuzz/issuer');
const window = { elections: ['pkwkk'], validFrom: from, validUntil: from + 60 * DAY, network: networkOf(root.publicKey) };
const issuerChain = await issueIssuerCredential(root, issuer.publicKey, { ...window, regions: ['1906'] });
const operatorChain = await issueOperatorCredential(issuer, issuerChain, (await seededKeyPair('fuzz/operator')).publicKey, { ...window, tps: ['1906012001001', '1906012002001'] });
const relayChain = await issueRelayCredential(issuer, issuerChain, (await seededKeyPair('fuzz/relay')).publicKey, { ...window, regions: ['190601'] });
const byIssuer = await signRevocations({ signer: issuer, signerChain: issuerChain, revoked: operatorChain, root: root.publicKey, from, reason: 'HP hilang' });
const byRoot = await signRevocations({ signer: root, revoked: issuerChain, root: root.publicKey, from, reason: 'kunci bocor' });
const relay = await signRevocations({ signer: root, revoked: relayChain, root: root.publicKey, from, reason: 'laptop hilang', regions: ['1906012001'] });
const genuine: RevocationRecord[] = [...byIssuer, ...byRoot, ...relay];
const files = [byIssuer, byRoot, relay, genuine].map(encodeRevocationFile);
// A signed submission (another kind of record) and a credential, for splicing into files.
const trust = await makeTestTrust('fuzz-revocation');
const [submission] = await signedResults(trust, DESA_A, 1);
const others: Uint8Array[] = [submission!.bytes, operatorChain[0]!];
const isGenuine = (bytes: Uint8Array) => genuine.some((r) => bytesEqual(r.bytes, bytes));
const verified = new Map<string, boolean>();

/**
 * Only InputFileError. An accepted file holds 1–1000 revocations, is exactly the canonical encoding of them, and
 * every one of them that is not a genuine revocation byte for byte fails verification (the reader decodes; the
 * network verifies: nothing forged gets through both).
 */
async function checkOutcome(bytes: Uint8Array, outcome: { ok: true; value: RevocationRecord[] } | { ok: false; error: Error }): Promise<void> {
  if (!outcome.ok) {
    expect((outcome.error as InputFileError).code).toBe('CLI_INPUT_FILE');
    expect(outcome.error.message.length).toBeLessThan(4000);
    return;
  }
  const records = outcome.value;
  expect(records.length >= 1 && records.length <= MAX_REVOCATIONS_PER_FILE).toBe(true);
  expect(bytesEqual(encodeRevocationFile(records), bytes)).toBe(true);
  for (const record of records) {
    expect(record.kind).toBe('revocation');
    const key = Buffer.from(record.bytes).toString('base64');
    let ok = verified.get(key);
    if (ok === undefined) {
      ok = (await verifyRecord(record, { root: root.publicKey, provider: nodeEd25519 })).ok;
      if (verified.size < 10_000) verified.set(key, ok);
    }
    expect(ok).toBe(isGenuine(record.bytes));
  }
}

const check = (bytes: Uint8Array) => checkOutcome(bytes, typedOutcome(() => parseRevocationFile(bytes, file), [InputFileError]));
async function checkFile(bytes: Uint8Array): Promise<void> {
  await writeFile(file, bytes);
  await checkOutcome(bytes, await typedOutcomeAsync(() => readRevocationFile(file), [InputFileError]));
}

const item: fc.Arbitrary<CanonicalValue> = fc.oneof(
  { arbitrary: fc.constantFrom(...genuine.map((r) => r.bytes)), weight: 3 },
  { arbitrary: mutatedBytes(genuine.map((r) => r.bytes), 2), weight: 3 },
  fc.constantFrom(...others),
  fc.oneof(randomBytes(64), fc.constantFrom<CanonicalValue>('revocation', 1, null, [], {}, new Uint8Array(0))),
);
/** Well-formed files (canonical arrays) of genuine, mutated, foreign and odd items: past the outer layer. */
const structured = fc.array(item, { minLength: 0, maxLength: 5 }).map((items) => encodeCanonical(items));
/** A genuine file with one item's envelope re-encoded with a node changed (the signature no longer covers it). */
const reencoded = fc.tuple(fc.nat(genuine.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.oneof(fc.string({ maxLength: 8 }), fc.nat(), randomBytes(33))).map(([i, path, odd]) => {
  const replace = (value: CanonicalValue, p: readonly number[]): CanonicalValue => {
    if (p.length === 0 || value === null || typeof value !== 'object' || value instanceof Uint8Array) return odd;
    if (Array.isArray(value)) return value.length === 0 ? [odd] : value.map((v, j) => (j === p[0]! % value.length ? replace(v, p.slice(1)) : v));
    const keys = Object.keys(value);
    const k = keys[p[0]! % Math.max(1, keys.length)];
    return k === undefined ? { x: odd } : { ...(value as Record<string, CanonicalValue>), [k]: replace((value as Record<string, CanonicalValue>)[k]!, p.slice(1)) };
  };
  try {
    return encodeCanonical([encodeCanonical(replace(decodeCanonical(genuine[i]!.bytes), path))]);
  } catch {
    return files[0]!;
  }
});

describe('fuzz: readRevocationFile (the files titip-issuer revoke writes and inject reads)', () => {
  it('accepts its seeds, through the file', async () => {
    for (const bytes of files) await checkFile(bytes);
    expect((await readRevocationFile(file)).length).toBe(genuine.length);
  });
  it('mutated files (bit flips, truncations, splices)', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(files), check), fuzzParams(1500, 0.4, 241));
  });
  it('arrays of genuine, mutated, foreign and odd items', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(structured, check), fuzzParams(1000, 0.25, 242));
  });
  it('a revocation re-encoded with one node changed', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(reencoded, check), fuzzParams(500, 0.15, 243));
  });
  it('random bytes, CBOR items, deep nesting', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(randomBytes(256), rawCbor, deepCbor), check), fuzzParams(1000, 0.19, 244));
  });
  it('through the file: mutated files written and read back', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(files), checkFile), fuzzParams(100, 0.01, 245));
  });
});
