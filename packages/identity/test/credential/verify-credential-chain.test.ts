import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import type { CredentialBody } from '../../src/credential/credential-body.js';
import { createCredentialCache } from '../../src/credential/credential-cache.js';
import { issueCredential } from '../../src/credential/issue-credential.js';
import { assertCredentialChain, verifyCredentialChain } from '../../src/credential/verify-credential-chain.js';
import type { Ed25519Provider } from '../../src/crypto/ed25519-provider.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { signObject } from '../../src/envelope/sign-object.js';
import { VerificationError } from '../../src/errors.js';
import { nodeEd25519 } from '../../src/node/node-ed25519.js';
import { DAY, T0, T1, operatorChain, seededKeyPair } from '../helpers/chain-builder.js';

const provider = nodeEd25519;

async function codeOf(chain: Uint8Array[], root: Uint8Array, extra: Partial<Parameters<typeof verifyCredentialChain>[1]> = {}) {
  const result = await verifyCredentialChain(chain, { root, provider, ...extra });
  return result.ok ? 'ok' : result.failure.code;
}

/** A provider that counts verify calls: the real native provider, observed. */
function counting(inner: Ed25519Provider): Ed25519Provider & { verifies: number } {
  const counter = {
    verifies: 0,
    sign: inner.sign.bind(inner),
    publicKeyOf: inner.publicKeyOf.bind(inner),
    randomSecretKey: inner.randomSecretKey.bind(inner),
    async verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) {
      counter.verifies++;
      return inner.verify(publicKey, message, signature);
    },
  };
  return counter;
}

describe('verifyCredentialChain', () => {
  it('accepts operator → issuer → root and returns the leaf and the chain', async () => {
    const s = await operatorChain(provider);
    const result = await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider, at: T0 + 2 * DAY, role: 'operator' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.leaf.role).toBe('operator');
    expect(result.leaf.subject).toEqual(s.operator.publicKey);
    expect(result.chain.map((c) => c.role)).toEqual(['operator', 'issuer']);
    expect(result.hashes).toEqual([s.operatorCred.hash, s.issuerCred.hash]);
  });

  it('accepts root-signed issuer and server credentials alone, and relay chains', async () => {
    const root = await seededKeyPair('root', provider);
    const server = await seededKeyPair('server', provider);
    const serverCred = await issueCredential(root, { role: 'server', subject: server.publicKey, regions: [''], elections: ['pkwkk-2024'], validFrom: T0, validUntil: T1 }, provider);
    expect(await codeOf([serverCred.bytes], root.publicKey, { role: 'server', at: T0 })).toBe('ok');
    const s = await operatorChain(provider, { operator: { role: 'relay', regions: ['190601'] } });
    expect(await codeOf(s.chain, root.publicKey, { role: 'relay' })).toBe('ok');
  });

  it('with a nation-wide issuer ("") any region is within scope', async () => {
    const s = await operatorChain(provider, { issuer: { regions: [''] }, operator: { regions: ['3171012001001'] } });
    expect(await codeOf(s.chain, s.root.publicKey)).toBe('ok');
  });

  it('malformed: empty chain, junk bytes, wrong kind, body not matching the schema, oversized', async () => {
    const s = await operatorChain(provider);
    expect(await codeOf([], s.root.publicKey)).toBe('malformed');
    expect(await codeOf([Uint8Array.of(1, 2, 3)], s.root.publicKey)).toBe('malformed');
    const note = await signObject('note', { a: 1 }, s.root, provider);
    expect(await codeOf([note.bytes], s.root.publicKey)).toBe('malformed');
    const badBody = await signObject('credential', { role: 'issuer' }, s.root, provider);
    expect(await codeOf([badBody.bytes], s.root.publicKey)).toBe('malformed');
    expect(await codeOf([s.issuerCred.bytes], s.root.publicKey, { maxBytes: 100 })).toBe('malformed');
    expect(await codeOf(['x' as unknown as Uint8Array], s.root.publicKey)).toBe('malformed');
  });

  it('bad-signature: a credential re-encoded with a changed body', async () => {
    const s = await operatorChain(provider);
    const widened = { ...s.operatorCred.body, regions: ['1906'] };
    const forged = encodeCanonical([1, 'credential', widened, s.operatorCred.signer, s.operatorCred.signature]);
    expect(await codeOf([forged, s.issuerCred.bytes], s.root.publicKey)).toBe('bad-signature');
  });

  it('unknown-root: an issuer credential signed by another key', async () => {
    const s = await operatorChain(provider);
    const other = await seededKeyPair('other-root', provider);
    expect(await codeOf(s.chain, other.publicKey)).toBe('unknown-root');
  });

  it('wrong-role: an operator signed by an operator, or a leaf of the wrong role', async () => {
    const s = await operatorChain(provider);
    const victim = await seededKeyPair('victim', provider);
    const sub = await issueCredential(
      s.operator,
      { role: 'operator', subject: victim.publicKey, regions: ['1906012001001'], elections: ['pkwkk-2024'], validFrom: T0 + DAY, validUntil: T1 - DAY },
      provider,
    );
    expect(await codeOf([sub.bytes, s.operatorCred.bytes, s.issuerCred.bytes], s.root.publicKey)).toBe('wrong-role');
    expect(await codeOf([sub.bytes, s.operatorCred.bytes], s.root.publicKey)).toBe('wrong-role');
    expect(await codeOf(s.chain, s.root.publicKey, { role: 'relay' })).toBe('wrong-role');
    const leaf = await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider, role: 'server' });
    expect(leaf.ok ? '' : leaf.failure.message).toBe('leaf credential is an operator, expected server');
    const signed = await verifyCredentialChain([sub.bytes, s.operatorCred.bytes], { root: s.root.publicKey, provider });
    expect(signed.ok ? '' : signed.failure.message).toMatch(/^credential \d signs an operator credential but is an operator, not an issuer$/);
    expect(await codeOf(s.chain, s.root.publicKey, { role: ['relay', 'operator'] })).toBe('ok');
  });

  it('outside-region: an operator region not within the issuer regions', async () => {
    const s = await operatorChain(provider, { operator: { regions: ['1906012001001', '1907012001001'] } });
    const result = await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider });
    expect(result.ok ? 'ok' : result.failure).toMatchObject({ code: 'outside-region', detail: { region: '1907012001001' } });
    const wider = await operatorChain(provider, { operator: { regions: [''] } });
    expect(await codeOf(wider.chain, wider.root.publicKey)).toBe('outside-region');
  });

  it('election-not-allowed: an operator election the issuer does not have', async () => {
    const s = await operatorChain(provider, { operator: { elections: ['pkwkk-2024', 'ppwp-2024'] } });
    expect(await codeOf(s.chain, s.root.publicKey)).toBe('election-not-allowed');
  });

  it('window-outside-issuer: an operator valid beyond its issuer', async () => {
    const before = await operatorChain(provider, { operator: { validFrom: T0 - 1 } });
    expect(await codeOf(before.chain, before.root.publicKey)).toBe('window-outside-issuer');
    const after = await operatorChain(provider, { operator: { validUntil: T1 + 1 } });
    expect(await codeOf(after.chain, after.root.publicKey)).toBe('window-outside-issuer');
  });

  it('not-yet-valid and expired at a given time, with optional skew; skipped without `at`', async () => {
    const s = await operatorChain(provider);
    const from = T0 + DAY;
    const until = T1 - DAY;
    expect(await codeOf(s.chain, s.root.publicKey, { at: from - 1 })).toBe('not-yet-valid');
    expect(await codeOf(s.chain, s.root.publicKey, { at: from })).toBe('ok');
    expect(await codeOf(s.chain, s.root.publicKey, { at: until - 1 })).toBe('ok');
    expect(await codeOf(s.chain, s.root.publicKey, { at: until })).toBe('expired');
    expect(await codeOf(s.chain, s.root.publicKey, { at: from - 1000, skewMs: 1000 })).toBe('ok');
    expect(await codeOf(s.chain, s.root.publicKey, { at: until + 999, skewMs: 1000 })).toBe('ok');
    expect(await codeOf(s.chain, s.root.publicKey, { at: until + 1000, skewMs: 1000 })).toBe('expired');
    expect(await codeOf(s.chain, s.root.publicKey)).toBe('ok');
  });

  it('chain-too-long: more than 3 credentials, refused before any work', async () => {
    const s = await operatorChain(provider);
    const p = counting(provider);
    const result = await verifyCredentialChain([...s.chain, s.issuerCred.bytes, s.issuerCred.bytes], { root: s.root.publicKey, provider: p });
    expect(result.ok ? 'ok' : result.failure.code).toBe('chain-too-long');
    expect(p.verifies).toBe(0);
  });

  it('chain-broken: missing issuer, signer not the issuer subject, or credentials after a root-signed one', async () => {
    const s = await operatorChain(provider);
    expect(await codeOf([s.operatorCred.bytes], s.root.publicKey)).toBe('chain-broken');
    const other = await operatorChain(provider, { name: 'other-operator' });
    const otherIssuer = await seededKeyPair('issuer-2', provider);
    const otherIssuerCred = await issueCredential(
      s.root,
      { ...(s.issuerCred.body as CredentialBody), subject: otherIssuer.publicKey },
      provider,
    );
    expect(await codeOf([other.operatorCred.bytes, otherIssuerCred.bytes], s.root.publicKey)).toBe('chain-broken');
    expect(await codeOf([s.issuerCred.bytes, s.issuerCred.bytes], s.root.publicKey)).toBe('chain-broken');
  });

  it('agrees between the noble and native providers', async () => {
    const s = await operatorChain(nobleEd25519);
    expect((await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider: nobleEd25519 })).ok).toBe(true);
    const forged = Uint8Array.from(s.chain[0]!);
    forged[forged.length - 1]! ^= 1;
    expect(await codeOf([forged, s.chain[1]!], s.root.publicKey)).toBe('bad-signature');
    expect((await verifyCredentialChain([forged, s.chain[1]!], { root: s.root.publicKey, provider: nobleEd25519 })).ok).toBe(false);
  });

  it('assertCredentialChain throws a VerificationError carrying the failure', async () => {
    const s = await operatorChain(provider);
    await expect(assertCredentialChain(s.chain, { root: s.root.publicKey, provider })).resolves.toMatchObject({ leaf: { role: 'operator' } });
    const attempt = assertCredentialChain([s.operatorCred.bytes], { root: s.root.publicKey, provider });
    await expect(attempt).rejects.toBeInstanceOf(VerificationError);
    await expect(attempt).rejects.toMatchObject({ code: 'chain-broken', failure: { code: 'chain-broken' } });
  });
});

describe('CredentialCache', () => {
  it('10,000 operator chains under one issuer verify the issuer credential signature once', async () => {
    const root = await seededKeyPair('root', provider);
    const issuer = await seededKeyPair('issuer', provider);
    const issuerCred = await issueCredential(
      root,
      { role: 'issuer', subject: issuer.publicKey, regions: ['1906'], elections: ['pkwkk-2024'], validFrom: T0, validUntil: T1 },
      provider,
    );
    const operatorCreds: Uint8Array[] = [];
    for (let i = 0; i < 100; i++) {
      const op = await seededKeyPair(`op-${i}`, provider);
      const tps = `1906012001${String(i + 1).padStart(3, '0')}`;
      const cred = await issueCredential(issuer, { role: 'operator', subject: op.publicKey, regions: [tps], elections: ['pkwkk-2024'], validFrom: T0, validUntil: T1 }, provider);
      operatorCreds.push(cred.bytes);
    }
    const p = counting(provider);
    const cache = createCredentialCache(1000);
    for (let i = 0; i < 10_000; i++) {
      const result = await verifyCredentialChain([operatorCreds[i % 100]!, issuerCred.bytes], { root: root.publicKey, provider: p, cache, at: T0 + DAY });
      expect(result.ok).toBe(true);
    }
    expect(p.verifies).toBe(101); // 100 operator credentials + the issuer credential, each once
    expect(cache.stats()).toMatchObject({ size: 101, misses: 101, hits: 19_899 });
  });

  it('still re-checks scope, root and time for cached credentials', async () => {
    const s = await operatorChain(provider);
    const cache = createCredentialCache();
    expect(await codeOf(s.chain, s.root.publicKey, { cache })).toBe('ok');
    const other = await seededKeyPair('other-root', provider);
    expect(await codeOf(s.chain, other.publicKey, { cache })).toBe('unknown-root');
    expect(await codeOf(s.chain, s.root.publicKey, { cache, at: T1 + DAY })).toBe('expired');
    expect(await codeOf(s.chain, s.root.publicKey, { cache, role: 'relay' })).toBe('wrong-role');
  });

  it('forgets least recently used entries beyond its bound', async () => {
    const s = await operatorChain(provider);
    const cache = createCredentialCache(1);
    await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider, cache });
    expect(cache.stats().size).toBe(1);
    expect(() => createCredentialCache(0)).toThrow(RangeError);
  });

  it('cached bodies cannot be mutated by callers', async () => {
    const s = await operatorChain(provider);
    const cache = createCredentialCache();
    const result = await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider, cache });
    if (!result.ok) throw new Error('expected ok');
    expect(() => result.leaf.regions.push('19')).toThrow(TypeError);
  });
});
