import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { providerBatchVerifier, type BatchVerifier } from '../../src/crypto/batch-verifier.js';
import { createCredentialCache } from '../../src/credential/credential-cache.js';
import { verifyCredentialChain } from '../../src/credential/verify-credential-chain.js';
import { warmCredentialCache } from '../../src/credential/warm-credential-cache.js';
import type { Ed25519Provider } from '../../src/crypto/ed25519-provider.js';
import { nodeEd25519 } from '../../src/node/node-ed25519.js';
import { operatorChain } from '../helpers/chain-builder.js';

function countingProvider(inner: Ed25519Provider): Ed25519Provider & { verifies: number } {
  const p = { ...inner, verifies: 0, verify: async (k: Uint8Array, m: Uint8Array, s: Uint8Array) => (p.verifies++, inner.verify(k, m, s)) };
  return p;
}

describe('warmCredentialCache', () => {
  it('verifies uncached envelopes in one batch so chain verification needs no signature work', async () => {
    const s = await operatorChain(nodeEd25519);
    const cache = createCredentialCache();
    let batches = 0;
    const inner = providerBatchVerifier(nodeEd25519);
    const verifier: BatchVerifier = { verifyBatch: (items) => (batches++, inner.verifyBatch(items)) };
    expect(await warmCredentialCache([...s.chain, ...s.chain], cache, verifier)).toBe(2);
    expect(batches).toBe(1);
    expect(await warmCredentialCache(s.chain, cache, verifier)).toBe(0);
    expect(batches).toBe(1);
    const provider = countingProvider(nodeEd25519);
    expect((await verifyCredentialChain(s.chain, { root: s.root.publicKey, provider, cache })).ok).toBe(true);
    expect(provider.verifies).toBe(0);
  });

  it('does not cache forged or malformed envelopes', async () => {
    const s = await operatorChain(nodeEd25519);
    const forged = encodeCanonical([1, 'credential', { ...s.operatorCred.body, regions: ['19'] }, s.operatorCred.signer, s.operatorCred.signature]);
    const cache = createCredentialCache();
    expect(await warmCredentialCache([forged, Uint8Array.of(1)], cache, providerBatchVerifier(nodeEd25519))).toBe(0);
    expect(cache.stats().size).toBe(0);
    expect(await verifyCredentialChain([forged, s.issuerCred.bytes], { root: s.root.publicKey, provider: nodeEd25519, cache })).toMatchObject({
      ok: false,
      failure: { code: 'bad-signature' },
    });
  });
});
