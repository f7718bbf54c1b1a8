import type { CredentialBody } from '../../src/credential/credential-body.js';
import { issueCredential } from '../../src/credential/issue-credential.js';
import type { Ed25519Provider } from '../../src/crypto/ed25519-provider.js';
import { keyPairFromSeed, type KeyPair } from '../../src/keys/key-pair.js';
import { seededBytes } from './seeded.js';

/** Times used by credential scenarios (ms). */
export const T0 = Date.UTC(2024, 10, 1);
export const T1 = Date.UTC(2024, 11, 31);
export const DAY = 86_400_000;

/** A deterministic key pair named by a string. */
export function seededKeyPair(name: string, provider: Ed25519Provider): Promise<KeyPair> {
  return keyPairFromSeed(seededBytes(`key:${name}`, 32), provider);
}

/** Root → issuer (kabupaten 1906) → operator (one TPS) scenario, with overrides per level. */
export async function operatorChain(
  provider: Ed25519Provider,
  overrides: { issuer?: Partial<CredentialBody>; operator?: Partial<CredentialBody>; name?: string } = {},
) {
  const root = await seededKeyPair('root', provider);
  const issuer = await seededKeyPair('issuer', provider);
  const operator = await seededKeyPair(overrides.name ?? 'operator', provider);
  const issuerCred = await issueCredential(
    root,
    {
      role: 'issuer',
      subject: issuer.publicKey,
      regions: ['1906'],
      elections: ['pkwkp-2024', 'pkwkk-2024'],
      validFrom: T0,
      validUntil: T1,
      label: 'KPU Kabupaten Belitung Timur',
      ...overrides.issuer,
    },
    provider,
  );
  const operatorCred = await issueCredential(
    issuer,
    {
      role: 'operator',
      subject: operator.publicKey,
      regions: ['1906012001001'],
      elections: ['pkwkk-2024'],
      validFrom: T0 + DAY,
      validUntil: T1 - DAY,
      ...overrides.operator,
    },
    provider,
  );
  return { root, issuer, operator, issuerCred, operatorCred, chain: [operatorCred.bytes, issuerCred.bytes] };
}
