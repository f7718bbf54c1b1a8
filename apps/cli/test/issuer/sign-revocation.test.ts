import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord } from '@titip/records';
import { tempDir } from '@titip/testkit';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InputFileError, IssueRefusedError, type IssueRefusalReason } from '../../src/errors.js';
import { issueOperatorCredential, issueRelayCredential } from '../../src/issuer/issue-by-issuer.js';
import { issueIssuerCredential } from '../../src/issuer/issue-root-signed.js';
import { readRevocationFile, writeRevocationFile } from '../../src/issuer/revocation-file.js';
import { revocationRegionsOf } from '../../src/issuer/revocation-regions.js';
import { signRevocations } from '../../src/issuer/sign-revocation.js';
import { DAY, networkOf, seededKeyPair } from '../fixtures/trust.js';

const from = Date.UTC(2024, 10, 1);
const until = from + 60 * DAY;
const TPS = '1906012001001';
const OTHER_DESA_TPS = '1906012002001';

async function setup() {
  const root = await seededKeyPair('root');
  const issuer = await seededKeyPair('issuer');
  const other = await seededKeyPair('other-issuer');
  const network = networkOf(root.publicKey);
  const window = { elections: ['pkwkk'], validFrom: from, validUntil: until, network };
  const issuerChain = await issueIssuerCredential(root, issuer.publicKey, { ...window, regions: ['1906'] });
  const otherChain = await issueIssuerCredential(root, other.publicKey, { ...window, regions: ['1906'] });
  const operator = await seededKeyPair('operator');
  const operatorChain = await issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...window, tps: [TPS, OTHER_DESA_TPS] });
  const relayChain = await issueRelayCredential(issuer, issuerChain, (await seededKeyPair('relay')).publicKey, { ...window, regions: ['190601'] });
  return { root, issuer, other, network, issuerChain, otherChain, operatorChain, relayChain };
}

async function reasonOf(promise: Promise<unknown>): Promise<IssueRefusalReason> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IssueRefusedError);
  return (error as IssueRefusedError).reason;
}

describe('revocationRegionsOf', () => {
  it('files an operator revocation in the desa of each TPS, a relay or issuer one in its own regions', () => {
    expect(revocationRegionsOf([TPS, '1906012001002', OTHER_DESA_TPS])).toEqual(['1906012001', '1906012002']);
    expect(revocationRegionsOf(['190601', '1906'])).toEqual(['190601', '1906']);
    expect(revocationRegionsOf([''])).toBeNull();
  });
});

describe('signRevocations', () => {
  it('the issuer revokes an operator it issued: one verified revocation per desa', async () => {
    const s = await setup();
    const records = await signRevocations({ signer: s.issuer, signerChain: s.issuerChain, revoked: s.operatorChain, root: s.root.publicKey, from: '2024-11-27T14:00:00+07:00', reason: 'HP hilang' });
    expect(records.map((r) => r.body.region)).toEqual(['1906012001', '1906012002']);
    expect(records[0]!.body.from).toBe(Date.parse('2024-11-27T07:00:00Z'));
    for (const r of records) expect((await verifyRecord(r, { root: s.root.publicKey, provider: nodeEd25519 })).ok).toBe(true);
  });

  it('the root revokes an issuer (in its kabupaten document) and a relay', async () => {
    const s = await setup();
    const [issuerRevocation] = await signRevocations({ signer: s.root, revoked: s.issuerChain, root: s.root.publicKey, from, reason: 'kunci bocor' });
    expect(issuerRevocation!.body).toMatchObject({ region: '1906', credentials: [] });
    const relay = await signRevocations({ signer: s.root, revoked: s.relayChain, root: s.root.publicKey, from, reason: 'laptop hilang', regions: ['1906012001'] });
    expect(relay.map((r) => r.body.region)).toEqual(['1906012001']);
  });

  it('refuses what peers would refuse, before handing anything out', async () => {
    const s = await setup();
    const base = { revoked: s.operatorChain, root: s.root.publicKey, from, reason: 'x' };
    expect(await reasonOf(signRevocations({ ...base, signer: s.other, signerChain: s.otherChain }))).toBe('wrong-signer');
    expect(await reasonOf(signRevocations({ ...base, signer: s.issuer }))).toBe('invalid-input');
    expect(await reasonOf(signRevocations({ ...base, signer: s.root, signerChain: s.issuerChain }))).toBe('invalid-input');
    expect(await reasonOf(signRevocations({ ...base, signer: s.issuer, signerChain: s.issuerChain, regions: ['1971'] }))).toBe('outside-region');
    expect(await reasonOf(signRevocations({ ...base, signer: s.issuer, signerChain: s.issuerChain, reason: '' }))).toBe('invalid-input');
    expect(await reasonOf(signRevocations({ ...base, signer: s.issuer, signerChain: s.issuerChain, from: 'yesterday' }))).toBe('invalid-input');
    expect(await reasonOf(signRevocations({ ...base, signer: s.issuer, signerChain: s.issuerChain, revoked: [Uint8Array.of(1, 2)] }))).toBe('invalid-input');
    const server = await issueIssuerCredential(s.root, (await seededKeyPair('nation')).publicKey, { elections: ['pkwkk'], validFrom: from, validUntil: until, network: s.network, regions: [''] });
    expect(await reasonOf(signRevocations({ ...base, signer: s.root, revoked: server }))).toBe('region-needed');
  });
});

describe('revocation files', () => {
  it('round-trip, and a file that is not one is an InputFileError', async () => {
    const s = await setup();
    const records = await signRevocations({ signer: s.issuer, signerChain: s.issuerChain, revoked: s.operatorChain, root: s.root.publicKey, from, reason: 'x' });
    const dir = await tempDir('titip-revocation-file-');
    try {
      const path = join(dir.path, 'r.cbor');
      await writeRevocationFile(path, records);
      expect((await readRevocationFile(path)).map((r) => r.id)).toEqual(records.map((r) => r.id));
      for (const [name, content] of [['junk', Uint8Array.of(0xff, 0x00)], ['empty', Uint8Array.of(0x80)], ['not-bytes', Uint8Array.of(0x81, 0x01)], ['submission-like', Uint8Array.of(0x81, 0x41, 0x00)]] as const) {
        const bad = join(dir.path, name);
        await writeFile(bad, content);
        await expect(readRevocationFile(bad)).rejects.toBeInstanceOf(InputFileError);
      }
    } finally {
      await dir.remove();
    }
  });
});
