import { describe, expect, it } from 'vitest';
import { decodeCredential } from '../../src/credential/decode-credential.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { signObject } from '../../src/envelope/sign-object.js';
import { operatorChain } from '../helpers/chain-builder.js';

describe('decodeCredential', () => {
  it('decodes and schema-checks without verifying, freezing the body', async () => {
    const s = await operatorChain(nobleEd25519);
    const decoded = decodeCredential(s.operatorCred.bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.obj.hash).toBe(s.operatorCred.hash);
    expect(Object.isFrozen(decoded.obj.body)).toBe(true);
  });

  it.each([
    ['not bytes', () => 'x', 'not-bytes'],
    ['too large', (b: Uint8Array) => new Uint8Array(20_000).fill(b[0]!), 'too-large'],
    ['junk', () => Uint8Array.of(0xff), 'indefinite-length'],
  ])('reports %s as malformed with a reason', async (_, make, reason) => {
    const s = await operatorChain(nobleEd25519);
    const decoded = decodeCredential(make(s.operatorCred.bytes), { index: 1 });
    expect(decoded.ok ? null : decoded.failure).toMatchObject({ code: 'malformed', detail: { index: 1, reason } });
  });

  it('reports a wrong kind and a bad body', async () => {
    const s = await operatorChain(nobleEd25519);
    const note = await signObject('note', {}, s.root, nobleEd25519);
    expect(decodeCredential(note.bytes)).toMatchObject({ ok: false, failure: { detail: { reason: 'envelope' } } });
    const bad = await signObject('credential', { role: 'issuer' }, s.root, nobleEd25519);
    expect(decodeCredential(bad.bytes)).toMatchObject({ ok: false, failure: { detail: { reason: 'schema' } } });
  });
});
