import { createCredentialCache, issueCredential } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { createRevocation } from '../../src/create/create-revocation.js';
import { InvalidRecordInputError } from '../../src/errors.js';
import { docIdOf } from '../../src/doc-id.js';
import { createRecordValidator } from '../../src/verify/record-validator.js';
import { verifyRecord } from '../../src/verify/verify-record.js';
import { ELECTION_DAY, ISSUER_FROM, ISSUER_UNTIL, keyNamed, provider, scenario } from '../helpers/scenario.js';

const DESA = '1906012001';

describe('revocations', () => {
  it('an issuer revokes an operator credential it issued; the revocation lives in the desa it names', async () => {
    const s = await scenario();
    const revocation = await createRevocation(
      { keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: DESA, reason: 'phone stolen' },
      provider,
    );
    const result = await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider });
    expect(result.ok).toBe(true);
    expect(result.ok && result.credential?.role).toBe('issuer');
    expect(docIdOf(revocation)).toBe(DESA);
    const validator = createRecordValidator({ root: s.root.publicKey, provider, cache: createCredentialCache() });
    expect((await validator.batch([{ id: revocation.id, bytes: revocation.bytes }]))[0]?.ok).toBe(true);
  });

  it('the root key revokes an issuer credential, with no chain (credential null)', async () => {
    const s = await scenario();
    const revocation = await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: ELECTION_DAY, region: DESA, reason: 'issuer key leaked' }, provider);
    const result = await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider });
    expect(result.ok && result.credential).toBeNull();
  });

  it('an issuer revocation filed in the kabupaten document reaches every replica of the kabupaten', async () => {
    const s = await scenario();
    const revocation = await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: ELECTION_DAY, region: '1906', reason: 'issuer key leaked' }, provider);
    expect((await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider })).ok).toBe(true);
    expect(docIdOf(revocation)).toBe('1906');
    const elsewhere = await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: ELECTION_DAY, region: '1971', reason: 'x' }, provider);
    const result = await verifyRecord(elsewhere.bytes, { root: s.root.publicKey, provider });
    expect(!result.ok && result.failure.code).toBe('outside-region');
  });

  it('the root key may revoke an operator credential too', async () => {
    const s = await scenario();
    const revocation = await createRevocation({ keyPair: s.root, revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: DESA, reason: 'ordered by KPU' }, provider);
    expect((await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider })).ok).toBe(true);
  });

  it('another issuer (valid, same region) may not revoke a credential it did not sign', async () => {
    const s = await scenario();
    const other = await keyNamed('other-issuer');
    const otherCred = await issueCredential(s.root, { role: 'issuer', subject: other.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: ISSUER_FROM, validUntil: ISSUER_UNTIL }, provider);
    const revocation = await createRevocation({ keyPair: other, credentials: [otherCred.bytes], revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: DESA, reason: 'x' }, provider);
    const result = await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider });
    expect(!result.ok && result.failure.code).toBe('revocation-not-allowed');
  });

  it('an operator may not revoke (wrong role of the chain)', async () => {
    const s = await scenario();
    const revocation = await createRevocation({ keyPair: s.operator, credentials: s.operatorChain, revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: DESA, reason: 'x' }, provider);
    const result = await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider });
    expect(!result.ok && result.failure.code).toBe('revocation-not-allowed');
  });

  it('a forged revoked credential is refused (bad-signature, detail.revoked)', async () => {
    const s = await scenario();
    const forged = Uint8Array.from(s.operatorChain[0]!);
    forged[forged.length - 1]! ^= 1;
    const revocation = await createRevocation({ keyPair: s.root, revoked: forged, from: ELECTION_DAY, region: DESA, reason: 'x' }, provider);
    const result = await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider });
    expect(!result.ok && result.failure).toMatchObject({ code: 'bad-signature', detail: { revoked: true } });
  });

  it('junk as the revoked credential is malformed, not a crash', async () => {
    const s = await scenario();
    const revocation = await createRevocation({ keyPair: s.root, revoked: Uint8Array.of(1, 2, 3), from: ELECTION_DAY, region: DESA, reason: 'x' }, provider);
    const result = await verifyRecord(revocation.bytes, { root: s.root.publicKey, provider });
    expect(!result.ok && result.failure.code).toBe('malformed');
  });

  it('createRevocation refuses a body outside the schema', async () => {
    const s = await scenario();
    await expect(createRevocation({ keyPair: s.root, revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: '1906012001001', reason: 'x' }, provider)).rejects.toBeInstanceOf(InvalidRecordInputError);
    await expect(createRevocation({ keyPair: s.root, revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: DESA, reason: '' }, provider)).rejects.toBeInstanceOf(InvalidRecordInputError);
  });
});
