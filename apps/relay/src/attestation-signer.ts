import type { CredentialChain } from '@titip/config';
import { bytesEqual, regionWithinAny, toHex, verifyCredentialChain, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { ATTESTATION_STAGES, type AttestationStage } from '@titip/records';
import { isInInterest } from '@titip/sync';
import type { AttestationSigner } from './attestation-policy.js';
import { RelayError } from './errors.js';

/** What {@link deriveAttestationSigner} starts from: the key and credential files and the command line. */
export interface AttestationSignerInput {
  readonly keyPair: KeyPair;
  readonly credential: CredentialChain;
  /** The relay's scopes (`--scope`). */
  readonly scopes: readonly string[];
  /** `--stage`, when given. */
  readonly stage?: AttestationStage | undefined;
}

/**
 * Works out the stage and the attesting region of a relay from its credential and scopes. The stage, unless
 * given, follows the credential's first region (a desa: `pps`, a kecamatan: `ppk`), else the first scope. The
 * region is the one code of the stage's length that lies in the credential's regions and the relay's scopes: the
 * credential's own region, or a scope cut to that length (a kabupaten credential on a desa laptop).
 * @throws {RelayError} `RELAY_CREDENTIAL_INVALID` (not a relay credential: an operator's, say), `RELAY_STAGE_UNKNOWN`,
 *   `RELAY_REGION_INVALID`
 */
export function deriveAttestationSigner(input: AttestationSignerInput): AttestationSigner {
  requireRelayRole(input.credential.leaf.role);
  const regions = input.credential.leaf.regions;
  const stage = input.stage ?? stageOfLength(regions[0]) ?? stageOfLength(input.scopes[0]);
  if (stage === undefined) {
    throw new RelayError(
      'RELAY_STAGE_UNKNOWN',
      `cannot tell whether this relay attests as PPS or PPK from its credential regions [${regions.join(', ')}] and scopes [${input.scopes.join(', ')}]: give --stage pps or --stage ppk`,
    );
  }
  const digits = ATTESTATION_STAGES[stage];
  const candidates = new Set<string>();
  for (const code of [...regions, ...input.scopes]) {
    if (code.length < digits) continue;
    const region = code.slice(0, digits);
    if (regionWithinAny(region, regions) && isInInterest(region, input.scopes)) candidates.add(region);
  }
  if (candidates.size !== 1) {
    const what = stage === 'pps' ? 'desa (10 digits)' : 'kecamatan (6 digits)';
    throw new RelayError(
      'RELAY_REGION_INVALID',
      candidates.size === 0
        ? `a ${stage} relay attests for one ${what} inside its credential regions [${regions.join(', ')}] and its scopes [${input.scopes.join(', ')}]; there is none: check --scope and --stage against the credential`
        : `a ${stage} relay attests for one ${what}, but its credential and scopes allow ${[...candidates].join(', ')}: serve one --scope`,
    );
  }
  return { keyPair: input.keyPair, credential: input.credential, stage, region: [...candidates][0]! };
}

/** Options of {@link checkAttestationSigner}. */
export interface CheckAttestationSignerOptions {
  /** The KPU root public key of the network file. */
  readonly root: Uint8Array;
  /** The relay's scopes. */
  readonly scopes: readonly string[];
  readonly provider: Ed25519Provider;
  /** @default Date.now() */
  readonly now?: number;
}

/**
 * Checks, before the relay signs anything, that its attestations will verify everywhere: the credential is a relay
 * credential chained to the network's root, the key pair is its subject, it is valid now, and the region has the
 * stage's length, lies in the credential's regions and in the relay's scopes. Returns the signer with the verified
 * leaf. An attestation peers refuse would have them ban the relay, so this refuses to start instead.
 * @throws {RelayError} `RELAY_CREDENTIAL_INVALID`, `RELAY_KEY_MISMATCH`, `RELAY_REGION_INVALID`
 */
export async function checkAttestationSigner(signer: AttestationSigner, options: CheckAttestationSignerOptions): Promise<AttestationSigner> {
  requireRelayRole(signer.credential.leaf.role);
  const verified = await verifyCredentialChain(signer.credential.chain, { root: options.root, provider: options.provider, role: 'relay' });
  if (!verified.ok) {
    throw new RelayError(
      'RELAY_CREDENTIAL_INVALID',
      `the relay credential does not verify against the network's root key: ${verified.failure.code}: ${verified.failure.message}`,
    );
  }
  const leaf = verified.leaf;
  if (!bytesEqual(leaf.subject, signer.keyPair.publicKey)) {
    throw new RelayError(
      'RELAY_KEY_MISMATCH',
      `the key ${toHex(signer.keyPair.publicKey).slice(0, 16)}… is not the subject of the relay credential (${toHex(leaf.subject).slice(0, 16)}…)`,
    );
  }
  const now = options.now ?? Date.now();
  if (now < leaf.validFrom || now >= leaf.validUntil) {
    throw new RelayError(
      'RELAY_CREDENTIAL_INVALID',
      `the relay credential is valid from ${iso(leaf.validFrom)} until ${iso(leaf.validUntil)}, not now (${iso(now)}); ask the KPU kabupaten for a new one, or run without --key/--credential as a carrier`,
    );
  }
  const { stage, region } = signer;
  const digits = ATTESTATION_STAGES[stage];
  if (digits === undefined) throw new RelayError('RELAY_REGION_INVALID', `unknown stage ${JSON.stringify(stage)}: pps or ppk`);
  if (typeof region !== 'string' || region.length !== digits || !/^\d+$/.test(region)) {
    throw new RelayError('RELAY_REGION_INVALID', `a ${stage} relay attests for a ${digits}-digit region, not ${JSON.stringify(region)}`);
  }
  if (!regionWithinAny(region, leaf.regions)) {
    throw new RelayError('RELAY_REGION_INVALID', `region ${region} is outside the relay credential's regions [${leaf.regions.join(', ')}]`);
  }
  if (!isInInterest(region, options.scopes)) {
    throw new RelayError('RELAY_REGION_INVALID', `region ${region} is outside the relay's scopes [${options.scopes.join(', ')}]: it would never hold what it attests`);
  }
  return { ...signer, credential: { chain: signer.credential.chain, leaf } };
}

/** Refuses a credential of another role before anything else is said about it (its regions mean something else). */
function requireRelayRole(role: string): void {
  if (role === 'relay') return;
  throw new RelayError(
    'RELAY_CREDENTIAL_INVALID',
    `this is ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} credential; a relay needs a relay credential (issued by the KPU kabupaten with titip-issuer issue --role relay for the desa or kecamatan it serves). Without --key/--credential the relay runs as a carrier and attests nothing`,
  );
}

function stageOfLength(code: string | undefined): AttestationStage | undefined {
  if (code === undefined) return undefined;
  if (code.length >= 10) return 'pps';
  if (code.length === 6) return 'ppk';
  return undefined;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
