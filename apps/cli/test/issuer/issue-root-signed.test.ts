import { decodeCredential, verifyCredentialChain } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { describe, expect, it } from 'vitest';
import { IssueRefusedError, type IssueRefusalReason } from '../../src/errors.js';
import { issueIssuerCredential, issueServerCredential, type RootSignedParams } from '../../src/issuer/issue-root-signed.js';
import { DAY, networkOf, seededKeyPair } from '../fixtures/trust.js';

const now = Date.UTC(2024, 10, 1);
const scope: RootSignedParams = { regions: ['1906'], elections: ['pkwkp', 'pkwkk'], validFrom: now, validUntil: now + 60 * DAY, label: 'KPU Belitung Timur' };

async function refusal(promise: Promise<unknown>): Promise<{ reason: IssueRefusalReason; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IssueRefusedError);
  const refused = error as IssueRefusedError;
  expect(refused.code).toBe('CLI_ISSUE_REFUSED');
  return { reason: refused.reason, message: refused.message };
}

describe('issueIssuerCredential / issueServerCredential', () => {
  it('signs an issuer credential that verifies under the root, with the scope asked for', async () => {
    const root = await seededKeyPair('root');
    const issuer = await seededKeyPair('issuer');
    const chain = await issueIssuerCredential(root, issuer.publicKey, { ...scope, network: networkOf(root.publicKey) });
    expect(chain).toHaveLength(1);
    const verified = await verifyCredentialChain(chain, { root: root.publicKey, provider: nodeEd25519, role: 'issuer', at: now + DAY });
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.leaf).toMatchObject({ role: 'issuer', regions: ['1906'], elections: ['pkwkp', 'pkwkk'], validFrom: now, validUntil: now + 60 * DAY, label: 'KPU Belitung Timur' });
  });

  it('signs a national server credential; accepts ISO times with a zone, Dates and hex subjects', async () => {
    const root = await seededKeyPair('root');
    const server = await seededKeyPair('server');
    const hex = Buffer.from(server.publicKey).toString('hex');
    const chain = await issueServerCredential(root, hex, {
      regions: [''],
      elections: ['pkwkk'],
      validFrom: '2024-11-01T00:00:00+07:00',
      validUntil: new Date('2025-01-01T00:00:00Z'),
    });
    const decoded = decodeCredential(chain[0]);
    expect(decoded.ok && decoded.obj.body).toMatchObject({ role: 'server', regions: [''], validFrom: Date.parse('2024-10-31T17:00:00Z'), validUntil: Date.UTC(2025, 0, 1) });
    expect((await verifyCredentialChain(chain, { root: root.publicKey, provider: nodeEd25519, role: 'server' })).ok).toBe(true);
  });

  it('refuses a signer that is not the network root (wrong signer for the role)', async () => {
    const root = await seededKeyPair('root');
    const notRoot = await seededKeyPair('issuer');
    const subject = await seededKeyPair('subject');
    const r = await refusal(issueIssuerCredential(notRoot, subject.publicKey, { ...scope, network: networkOf(root.publicKey) }));
    expect(r.reason).toBe('unknown-root');
    expect(r.message).toContain('signed by the KPU root key');
    expect((await refusal(issueServerCredential(notRoot, subject.publicKey, { ...scope, network: networkOf(root.publicKey) }))).reason).toBe('unknown-root');
  });

  it('refuses elections the network does not define, and regions outside every election region', async () => {
    const root = await seededKeyPair('root');
    const subject = await seededKeyPair('subject');
    const network = networkOf(root.publicKey);
    expect((await refusal(issueIssuerCredential(root, subject.publicKey, { ...scope, elections: ['ppwp'], network }))).reason).toBe('unknown-election');
    // Kota Pangkal Pinang (1971) lies in the province (pkwkp 19) but not in Belitung Timur (pkwkk 1906).
    const outside = await refusal(issueIssuerCredential(root, subject.publicKey, { ...scope, regions: ['1971'], network }));
    expect(outside).toMatchObject({ reason: 'outside-election-region' });
    expect(outside.message).toContain('pkwkk');
    // A provincial issuer (19) overlaps pkwkk's 1906: allowed.
    expect(await issueIssuerCredential(root, subject.publicKey, { ...scope, regions: ['19'], network })).toHaveLength(1);
  });

  it.each([
    ['no regions', { regions: [] }, 'at least one region'],
    ['a region twice', { regions: ['1906', '1906'] }, 'twice'],
    ['a BPS code', { regions: ['1906010'] }, 'not a Kemendagri region code'],
    ['no elections', { elections: [] }, 'at least one election'],
    ['an election twice', { elections: ['pkwkk', 'pkwkk'] }, 'twice'],
    ['a bad election id', { elections: ['PKWKK!'] }, 'not an election id'],
    ['an empty window', { validUntil: now }, 'must be before'],
    ['a bare date', { validFrom: '2024-11-01' }, 'with a zone'],
    ['a local time', { validFrom: '2024-11-01T00:00:00' }, 'with a zone'],
    ['a negative time', { validFrom: -5 }, 'validFrom'],
    ['a long label', { label: 'x'.repeat(201) }, 'label'],
  ] as const)('refuses %s (invalid-input)', async (_what, change, text) => {
    const root = await seededKeyPair('root');
    const subject = await seededKeyPair('subject');
    const r = await refusal(issueIssuerCredential(root, subject.publicKey, { ...scope, ...change } as RootSignedParams));
    expect(r.reason).toBe('invalid-input');
    expect(r.message).toContain(text);
  });

  it('refuses a subject key that is not 32 bytes or 64 hex digits', async () => {
    const root = await seededKeyPair('root');
    expect((await refusal(issueIssuerCredential(root, new Uint8Array(31), scope))).reason).toBe('invalid-input');
    expect((await refusal(issueServerCredential(root, 'ABCD', scope))).message).toContain('64 lowercase hex');
  });
});
