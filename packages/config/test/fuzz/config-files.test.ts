import { bytesEqual, issueCredential, keyPairFromSeed, nobleEd25519, sha256, toHex, verifyCredentialChain } from '@titip/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCredentialFile, serialiseCredentialFile } from '../../src/credential-file.js';
import { ConfigFileError } from '../../src/errors.js';
import { parseNetworkFile, serialiseNetworkFile } from '../../src/network-file.js';
import { fuzzParams, fuzzTimeout, mutatedJson, mutatedText, typedOutcome } from '@titip/testkit/fuzz';

const provider = nobleEd25519;
const key = (name: string) => keyPairFromSeed(sha256(new TextEncoder().encode(`config-fuzz/${name}`)), provider);
const [root, issuer, operator] = await Promise.all(['root', 'issuer', 'operator'].map(key));
const FROM = Date.UTC(2024, 10, 1);
const UNTIL = Date.UTC(2025, 0, 1);
const issuerCred = await issueCredential(root!, { role: 'issuer', subject: issuer!.publicKey, regions: ['1906'], elections: ['pkwkk', 'ppwp'], validFrom: FROM, validUntil: UNTIL, label: 'KPU Kabupaten Belitung Timur' }, provider);
const operatorCred = await issueCredential(issuer!, { role: 'operator', subject: operator!.publicKey, regions: ['1906012001001'], elections: ['pkwkk'], validFrom: FROM, validUntil: UNTIL }, provider);
const chains = [[operatorCred.bytes, issuerCred.bytes], [issuerCred.bytes]];
const credentialFiles = chains.map((chain) => serialiseCredentialFile(chain));

const networkFiles = [
  serialiseNetworkFile({
    kind: 'titip-network',
    v: 1,
    name: 'Pilkada Belitung Timur 2024',
    root: toHex(root!.publicKey),
    elections: [
      {
        id: 'pkwkk',
        name: 'Pemilihan Bupati dan Wakil Bupati Belitung Timur 2024',
        form: 'kwk',
        region: '1906',
        date: '2024-11-27',
        maxVotersPerTps: 600,
        paslon: [
          { id: '1000526', nomorUrut: 1, nama: 'BURHANUDIN - ALI REZA MAHENDRA' },
          { id: '1000527', nomorUrut: 2, nama: 'KAMARUDIN MUTEN - KHAIRIL ANWAR' },
        ],
      },
      {
        id: 'ppwp',
        name: 'Pemilihan Presiden dan Wakil Presiden 2024',
        form: 'ppwp',
        region: '',
        date: '2024-02-14',
        maxVotersPerTps: 300,
        paslon: [
          { id: '100025', nomorUrut: 1, nama: 'H. ANIES RASYID BASWEDAN, Ph.D. - Dr. (H.C.) H. A. MUHAIMIN ISKANDAR' },
          { id: '100026', nomorUrut: 2, nama: 'H. PRABOWO SUBIANTO - GIBRAN RAKABUMING RAKA' },
          { id: '100027', nomorUrut: 3, nama: 'H. GANJAR PRANOWO, S.H., M.I.P. - Prof. Dr. H. M. MAHFUD MD' },
        ],
      },
    ],
  }),
];

/** parseNetworkFile: a ConfigFileError, or a network with a 32-byte root key. */
function checkNetwork(text: string): void {
  const outcome = typedOutcome(() => parseNetworkFile(text), [ConfigFileError]);
  if (!outcome.ok) return;
  expect(outcome.value.root).toHaveLength(32);
  for (const e of outcome.value.elections) expect(outcome.value.election(e.id)).toBeDefined();
}

/** parseCredentialFile: a ConfigFileError, or a chain that is the original one or does not verify. */
async function checkCredential(text: string): Promise<void> {
  const outcome = typedOutcome(() => parseCredentialFile(text), [ConfigFileError]);
  if (!outcome.ok) return;
  const { chain } = outcome.value;
  if (chains.some((c) => c.length === chain.length && c.every((b, i) => bytesEqual(b, chain[i]!)))) return;
  expect((await verifyCredentialChain(chain, { root: root!.publicKey, provider })).ok).toBe(false);
}

const asText = (value: unknown) => JSON.stringify(value) ?? 'undefined';

describe('fuzz: network files', () => {
  it('parses its seed', () => {
    expect(parseNetworkFile(networkFiles[0]!).elections).toHaveLength(2);
  });
  it('mutated text', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedText(networkFiles), checkNetwork), fuzzParams(1500, 0.5, 51));
  });
  it('values replaced, removed or added', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedJson(networkFiles.map((t) => JSON.parse(t) as unknown)).map(asText), checkNetwork), fuzzParams(1500, 0.4, 52));
  });
  it('random text and JSON', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 100 }), fc.jsonValue().map(asText)), checkNetwork), fuzzParams(300, 0.1, 53));
  });
});

describe('fuzz: credential files', () => {
  it('parses its seeds', () => {
    for (const text of credentialFiles) expect(parseCredentialFile(text).chain.length).toBeGreaterThan(0);
  });
  it('mutated text (base64 chains included)', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedText(credentialFiles), checkCredential), fuzzParams(1500, 0.5, 54));
  });
  it('values replaced, removed or added', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedJson(credentialFiles.map((t) => JSON.parse(t) as unknown)).map(asText), checkCredential), fuzzParams(1500, 0.4, 55));
  });
  it('random text and JSON', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 100 }), fc.jsonValue().map(asText)), checkCredential), fuzzParams(300, 0.1, 56));
  });
});
