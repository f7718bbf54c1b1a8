import { parseCredentialFile, serialiseCredentialFile } from '@titip/config';
import { verifyCredentialChain } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { describe, expect, it } from 'vitest';
import { IssueRefusedError, type IssueRefusalReason } from '../../src/errors.js';
import { issueOperatorCredential, issueRelayCredential, type OperatorCredentialParams } from '../../src/issuer/issue-by-issuer.js';
import { issueIssuerCredential } from '../../src/issuer/issue-root-signed.js';
import { DAY, networkOf, seededKeyPair } from '../fixtures/trust.js';

const from = Date.UTC(2024, 10, 1);
const until = from + 60 * DAY;
const TPS = '1906012001001';

async function setup() {
  const root = await seededKeyPair('root');
  const issuer = await seededKeyPair('issuer');
  const network = networkOf(root.publicKey);
  const issuerChain = await issueIssuerCredential(root, issuer.publicKey, { regions: ['1906'], elections: ['pkwkp', 'pkwkk'], validFrom: from, validUntil: until, network });
  const operator = await seededKeyPair('operator');
  const params: OperatorCredentialParams = { tps: [TPS], elections: ['pkwkk'], validFrom: from + 25 * DAY, validUntil: from + 33 * DAY, label: 'KPPS TPS 001', network };
  return { root, issuer, network, issuerChain, operator, params };
}

async function reasonOf(promise: Promise<unknown>): Promise<IssueRefusalReason> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IssueRefusedError);
  return (error as IssueRefusedError).reason;
}

describe('issueOperatorCredential / issueRelayCredential', () => {
  it('issues an operator chain [operator, issuer] that verifies under the root', async () => {
    const { root, issuer, issuerChain, operator, params } = await setup();
    const chain = await issueOperatorCredential(issuer, issuerChain, operator.publicKey, params);
    expect(chain).toHaveLength(2);
    expect(chain[1]).toEqual(issuerChain[0]);
    const verified = await verifyCredentialChain(chain, { root: root.publicKey, provider: nodeEd25519, role: 'operator', at: from + 26 * DAY });
    expect(verified.ok && verified.leaf).toMatchObject({ role: 'operator', regions: [TPS], elections: ['pkwkk'], label: 'KPPS TPS 001' });
  });

  it('takes the issuer chain as read from a credential file, and the result serialises', async () => {
    const { root, issuer, issuerChain, operator, params } = await setup();
    const fromFile = parseCredentialFile(serialiseCredentialFile(issuerChain));
    const chain = await issueOperatorCredential(issuer, fromFile, operator.publicKey, params);
    const again = parseCredentialFile(serialiseCredentialFile(chain));
    expect(again.leaf.role).toBe('operator');
    expect((await verifyCredentialChain(again.chain, { root: root.publicKey, provider: nodeEd25519 })).ok).toBe(true);
  });

  it('issues a relay credential for a kecamatan', async () => {
    const { root, issuer, issuerChain, network } = await setup();
    const relay = await seededKeyPair('relay');
    const chain = await issueRelayCredential(issuer, issuerChain, relay.publicKey, { regions: ['190601'], elections: ['pkwkp', 'pkwkk'], validFrom: from, validUntil: until, network });
    expect((await verifyCredentialChain(chain, { root: root.publicKey, provider: nodeEd25519, role: 'relay' })).ok).toBe(true);
  });

  it('refuses TPS outside the issuer regions', async () => {
    const { issuer, issuerChain, operator, params } = await setup();
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, tps: ['1971011001001'], network: undefined }))).toBe('outside-region');
    const relay = await seededKeyPair('relay');
    expect(await reasonOf(issueRelayCredential(issuer, issuerChain, relay.publicKey, { ...params, regions: ['190701'] }))).toBe('outside-region');
  });

  it('refuses elections the issuer does not have', async () => {
    const { root, issuer, issuerChain, operator, params } = await setup();
    const withPpwp = networkOf(root.publicKey, [...networkOf(root.publicKey).elections, { id: 'ppwp', name: 'Presiden', form: 'ppwp', region: '', date: '2024-02-14', maxVotersPerTps: 300, paslon: [{ id: '100025', nomorUrut: 1, nama: 'A' }, { id: '100026', nomorUrut: 2, nama: 'B' }] }]);
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, elections: ['ppwp'], network: withPpwp }))).toBe('election-not-allowed');
  });

  it('refuses a window that starts before or ends after the issuer window', async () => {
    const { issuer, issuerChain, operator, params } = await setup();
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, validFrom: from - 1 }))).toBe('window-outside-issuer');
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, validUntil: until + 1 }))).toBe('window-outside-issuer');
  });

  it('refuses a signer that is not the subject of the issuer credential (e.g. the root key)', async () => {
    const { root, issuerChain, operator, params } = await setup();
    expect(await reasonOf(issueOperatorCredential(root, issuerChain, operator.publicKey, params))).toBe('wrong-signer');
  });

  it('refuses a signer credential that is not an issuer credential', async () => {
    const { issuer, issuerChain, operator, params } = await setup();
    const operatorChain = await issueOperatorCredential(issuer, issuerChain, operator.publicKey, params);
    // The operator tries to issue a credential with its own chain.
    const other = await seededKeyPair('other');
    expect(await reasonOf(issueOperatorCredential(operator, operatorChain, other.publicKey, params))).toBe('wrong-role');
  });

  it('refuses an issuer chain of another root, a tampered chain and an empty chain', async () => {
    const { issuer, issuerChain, operator, params } = await setup();
    const otherRoot = await seededKeyPair('other-root');
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, network: networkOf(otherRoot.publicKey) }))).toBe('unknown-root');
    const tampered = Uint8Array.from(issuerChain[0]!);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1; // flip a signature bit
    expect(await reasonOf(issueOperatorCredential(issuer, [tampered], operator.publicKey, params))).toBe('issuer-chain-invalid');
    expect(await reasonOf(issueOperatorCredential(issuer, [Uint8Array.of(1, 2, 3)], operator.publicKey, params))).toBe('issuer-chain-invalid');
    expect(await reasonOf(issueOperatorCredential(issuer, [], operator.publicKey, params))).toBe('issuer-chain-invalid');
  });

  it('refuses operator regions that are not TPS codes', async () => {
    const { issuer, issuerChain, operator, params } = await setup();
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, tps: ['1906012001'] }))).toBe('invalid-input');
    expect(await reasonOf(issueOperatorCredential(issuer, issuerChain, operator.publicKey, { ...params, tps: [] }))).toBe('invalid-input');
  });

  it("refuses (with the network) TPS outside an election's region, and elections it does not define", async () => {
    const root = await seededKeyPair('root');
    const issuer = await seededKeyPair('issuer-19');
    const network = networkOf(root.publicKey);
    // A provincial issuer may issue pkwkp (19) for a Pangkal Pinang TPS, but not pkwkk (Belitung Timur only).
    const chain19 = await issueIssuerCredential(root, issuer.publicKey, { regions: ['19'], elections: ['pkwkp', 'pkwkk'], validFrom: from, validUntil: until, network });
    const operator = await seededKeyPair('operator');
    const base = { tps: ['1971011001001'], validFrom: from, validUntil: until, network };
    expect(await issueOperatorCredential(issuer, chain19, operator.publicKey, { ...base, elections: ['pkwkp'] })).toHaveLength(2);
    expect(await reasonOf(issueOperatorCredential(issuer, chain19, operator.publicKey, { ...base, elections: ['pkwkk'] }))).toBe('outside-election-region');
    const smaller = networkOf(root.publicKey, network.elections.filter((e) => e.id === 'pkwkp'));
    expect(await reasonOf(issueOperatorCredential(issuer, chain19, operator.publicKey, { ...base, elections: ['pkwkk'], network: smaller }))).toBe('unknown-election');
  });
});
