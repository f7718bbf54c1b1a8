import { generateKeyPair, issueCredential, nobleEd25519, toHex } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { parseCredentialFile, serialiseCredentialFile } from '../src/credential-file.js';
import { ConfigFileError } from '../src/errors.js';
import { parseNetworkFile, serialiseNetworkFile } from '../src/network-file.js';

const election = {
  id: 'pkwkk',
  name: 'Bupati Belitung Timur',
  form: 'kwk' as const,
  region: '1906',
  date: '2024-11-27',
  maxVotersPerTps: 600,
  paslon: [
    { id: '1000526', nomorUrut: 1, nama: 'BURHANUDIN - ALI REZA' },
    { id: '1000527', nomorUrut: 2, nama: 'KAMARUDIN MUTEN - KHAIRIL ANWAR' },
  ],
};

describe('network file', () => {
  it('round-trips and exposes the root key and elections', async () => {
    const root = await generateKeyPair(nobleEd25519);
    const text = serialiseNetworkFile({ kind: 'titip-network', v: 1, name: 'demo', root: toHex(root.publicKey), elections: [election] });
    const network = parseNetworkFile(text);
    expect(network.root).toEqual(root.publicKey);
    expect(network.election('pkwkk')?.paslon).toHaveLength(2);
    expect(network.election('nope')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{', 'CONFIG_NOT_JSON'],
    ['wrong kind', JSON.stringify({ kind: 'x', v: 1, name: 'n', root: 'a'.repeat(64), elections: [] }), 'CONFIG_SHAPE'],
    ['short root', JSON.stringify({ kind: 'titip-network', v: 1, name: 'n', root: 'abc', elections: [] }), 'CONFIG_SHAPE'],
    ['bad election', JSON.stringify({ kind: 'titip-network', v: 1, name: 'n', root: 'a'.repeat(64), elections: [{ id: 1 }] }), 'CONFIG_SHAPE'],
    ['an election defined twice', JSON.stringify({ kind: 'titip-network', v: 1, name: 'n', root: 'a'.repeat(64), elections: [election, { ...election, name: 'other' }] }), 'CONFIG_SHAPE'],
  ])('refuses %s with a typed error', (_name, text, code) => {
    expect(() => parseNetworkFile(text, 'network.json')).toThrow(ConfigFileError);
    try {
      parseNetworkFile(text, 'network.json');
    } catch (error) {
      expect((error as ConfigFileError).code).toBe(code);
      expect((error as ConfigFileError).message).toContain('network.json');
    }
  });
});

describe('credential file', () => {
  it('round-trips a chain and refuses a summary that disagrees with it', async () => {
    const root = await generateKeyPair(nobleEd25519);
    const subject = await generateKeyPair(nobleEd25519);
    const credential = await issueCredential(
      root,
      { role: 'issuer', subject: subject.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: 0, validUntil: 2_000_000_000_000 },
      nobleEd25519,
    );
    const text = serialiseCredentialFile([credential.bytes]);
    const parsed = parseCredentialFile(text);
    expect(parsed.chain[0]).toEqual(credential.bytes);
    expect(parsed.leaf.role).toBe('issuer');
    const lying = JSON.parse(text);
    lying.role = 'server';
    expect(() => parseCredentialFile(JSON.stringify(lying))).toThrow(/summary/);
    const garbage = { ...JSON.parse(text), chain: ['AAAA'] };
    expect(() => parseCredentialFile(JSON.stringify(garbage))).toThrow(ConfigFileError);
  });
});
