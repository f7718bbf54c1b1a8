import { describe, expect, it } from 'vitest';
import { credentialBodySchema } from '../../src/credential/credential-body.js';
import { issueCredential } from '../../src/credential/issue-credential.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { decodeSignedObject } from '../../src/envelope/decode-signed-object.js';
import { VerificationError } from '../../src/errors.js';
import { T0, T1, seededKeyPair } from '../helpers/chain-builder.js';

describe('issueCredential', () => {
  it('signs a credential envelope whose body parses back, without an absent label', async () => {
    const root = await seededKeyPair('root', nobleEd25519);
    const issuer = await seededKeyPair('issuer', nobleEd25519);
    const cred = await issueCredential(
      root,
      { role: 'issuer', subject: issuer.publicKey, regions: ['1906'], elections: ['pkwkk-2024'], validFrom: T0, validUntil: T1, label: undefined },
      nobleEd25519,
    );
    const decoded = decodeSignedObject(cred.bytes, { kind: 'credential' });
    expect(Object.keys(decoded.body)).not.toContain('label');
    expect(credentialBodySchema.parse(decoded.body)).toEqual(cred.body);
  });

  it.each([
    ['an unknown role', { role: 'admin' }],
    ['a short subject', { subject: new Uint8Array(31) }],
    ['a malformed region code', { regions: ['190'] }],
    ['no regions', { regions: [] }],
    ['an empty validity window', { validFrom: T1, validUntil: T1 }],
    ['a fractional time', { validFrom: T0 + 0.5 }],
  ])('refuses %s with a malformed VerificationError', async (_, change) => {
    const root = await seededKeyPair('root', nobleEd25519);
    const issuer = await seededKeyPair('issuer', nobleEd25519);
    const body = { role: 'issuer', subject: issuer.publicKey, regions: ['1906'], elections: [], validFrom: T0, validUntil: T1, ...change };
    const attempt = issueCredential(root, body as never, nobleEd25519);
    await expect(attempt).rejects.toBeInstanceOf(VerificationError);
    await expect(attempt).rejects.toMatchObject({ code: 'malformed' });
  });
});
