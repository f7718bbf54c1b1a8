import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../src/bytes/hex.js';
import { decodeCanonical } from '../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../src/canonical/encode-canonical.js';
import { verifyCredentialChain } from '../src/credential/verify-credential-chain.js';
import { nobleEd25519 } from '../src/crypto/noble-ed25519.js';
import { decodeSignedObject } from '../src/envelope/decode-signed-object.js';
import { signObject } from '../src/envelope/sign-object.js';
import { signingBytes, signingBytesOf } from '../src/envelope/signing-bytes.js';
import { verifySignature } from '../src/envelope/verify-signature.js';
import { keyPairFromSeed, type KeyPair } from '../src/keys/key-pair.js';
import { nodeEd25519 } from '../src/node/node-ed25519.js';

/** Reads the `vector:` blocks of docs/canonical-encoding.md: name → ordered [key, value] pairs. */
function readVectors(): Map<string, [string, string][]> {
  const text = readFileSync(new URL('../../../docs/canonical-encoding.md', import.meta.url), 'utf8');
  const vectors = new Map<string, [string, string][]>();
  for (const block of text.matchAll(/```text\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split('\n').filter((l) => l.length > 0);
    const first = /^vector: (.+)$/.exec(lines[0] ?? '');
    if (first === null) continue;
    const entries: [string, string][] = [];
    for (const line of lines.slice(1)) {
      if (/^\s/.test(line)) entries[entries.length - 1]![1] += line.trim();
      else {
        const cut = line.lastIndexOf(': ');
        entries.push([line.slice(0, cut), line.slice(cut + 2)]);
      }
    }
    vectors.set(first[1]!, entries);
  }
  return vectors;
}

function parseValue(text: string): unknown {
  if (/^-?\d+n$/.test(text)) return BigInt(text.slice(0, -1));
  const bytes = /^h'([0-9a-f]*)'$/.exec(text);
  if (bytes !== null) return fromHex(bytes[1]!);
  return JSON.parse(text);
}

const vectors = readVectors();
const field = (name: string, key: string): string => {
  const entry = vectors.get(name)?.find(([k]) => k === key);
  if (entry === undefined) throw new Error(`vector ${name} has no ${key}`);
  return entry[1];
};

async function keys(): Promise<Record<string, KeyPair>> {
  const out: Record<string, KeyPair> = {};
  for (const name of ['root', 'issuer', 'operator']) out[name] = await keyPairFromSeed(fromHex(field('keys', `${name}-seed`)), nobleEd25519);
  return out;
}

const bodies = (k: Record<string, KeyPair>): Record<string, Record<string, unknown>> => ({
  'issuer-credential': {
    role: 'issuer',
    subject: k.issuer!.publicKey,
    regions: ['1906'],
    elections: ['pkwkk-2024'],
    validFrom: 1730419200000,
    validUntil: 1735689600000,
    label: 'KPU Kabupaten Belitung Timur',
  },
  'operator-credential': {
    role: 'operator',
    subject: k.operator!.publicKey,
    regions: ['1906012001001'],
    elections: ['pkwkk-2024'],
    validFrom: 1732579200000,
    validUntil: 1733011200000,
  },
  note: { text: 'halo', n: 1 },
});

describe('docs/canonical-encoding.md test vectors', () => {
  it('the document has every vector', () => {
    expect([...vectors.keys()].sort()).toEqual(['issuer-credential', 'keys', 'note', 'operator-credential', 'values']);
  });

  it('keys: public keys of the seeds, with both providers', async () => {
    for (const name of ['root', 'issuer', 'operator']) {
      const seed = fromHex(field('keys', `${name}-seed`));
      expect(toHex(await nobleEd25519.publicKeyOf(seed))).toBe(field('keys', `${name}-public-key`));
      expect(toHex(await nodeEd25519.publicKeyOf(seed))).toBe(field('keys', `${name}-public-key`));
    }
  });

  it('values: each encodes to the documented bytes and decodes back', () => {
    const entries = vectors.get('values')!;
    expect(entries.length).toBeGreaterThan(10);
    for (const [text, hex] of entries) {
      const value = parseValue(text);
      expect(toHex(encodeCanonical(value)), text).toBe(hex);
      expect(decodeCanonical(fromHex(hex))).toEqual(value);
    }
  });

  for (const name of ['issuer-credential', 'operator-credential', 'note']) {
    it(`${name}: body, signing input, signature, envelope and id, byte for byte`, async () => {
      const k = await keys();
      const kind = field(name, 'kind');
      const signer = k[field(name, 'signer')]!;
      const body = bodies(k)[name]!;
      expect(toHex(encodeCanonical(body))).toBe(field(name, 'body'));
      expect(toHex(signingBytes(kind, signer.publicKey, body))).toBe(field(name, 'signing-input'));
      for (const provider of [nobleEd25519, nodeEd25519]) {
        const obj = await signObject(kind, body, signer, provider);
        expect(toHex(obj.signature)).toBe(field(name, 'signature'));
        expect(toHex(obj.bytes)).toBe(field(name, 'envelope'));
        expect(obj.hash).toBe(field(name, 'id'));
      }
      const decoded = decodeSignedObject(fromHex(field(name, 'envelope')));
      expect(decoded.body).toEqual(body);
      expect(toHex(signingBytesOf(decoded))).toBe(field(name, 'signing-input'));
      expect(await verifySignature(decoded, nodeEd25519)).toBe(true);
    });
  }

  it('the documented credential chain verifies against the root key', async () => {
    const chain = [fromHex(field('operator-credential', 'envelope')), fromHex(field('issuer-credential', 'envelope'))];
    const root = fromHex(field('keys', 'root-public-key'));
    const result = await verifyCredentialChain(chain, { root, provider: nobleEd25519, at: 1732665600000, role: 'operator' });
    expect(result.ok).toBe(true);
  });
});
