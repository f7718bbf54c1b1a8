import { toHex } from '@titip/identity';
import type { TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAttestationSigner, deriveAttestationSigner } from '../src/attestation-signer.js';
import { RelayError, type RelayErrorCode } from '../src/errors.js';
import { credentialChainOf, DESA, KABUPATEN, KECAMATAN, provider, relayIdentity, relaySigner, trustOf } from './fixtures/scenario.js';

let trust: TestTrust;
beforeAll(async () => {
  trust = await trustOf('relay-signer');
});

async function refusal(work: () => unknown, code: RelayErrorCode, message: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RelayError);
  expect((caught as RelayError).code).toBe(code);
  expect((caught as RelayError).message).toMatch(message);
}

describe('deriveAttestationSigner', () => {
  it('refuses an operator credential with what a relay needs, before any region talk', async () => {
    const operator = await trust.operator('1906012001001');
    const identity = { keyPair: operator.keyPair, credential: credentialChainOf(operator.chain) };
    await refusal(
      () => deriveAttestationSigner({ ...identity, scopes: [DESA] }),
      'RELAY_CREDENTIAL_INVALID',
      /^this is an operator credential; a relay needs a relay credential \(issued by the KPU kabupaten with titip-issuer issue --role relay/,
    );
    await refusal(
      () => checkAttestationSigner({ ...identity, stage: 'pps', region: DESA }, { root: trust.network.root, scopes: [DESA], provider }),
      'RELAY_CREDENTIAL_INVALID',
      /^this is an operator credential; a relay needs a relay credential/,
    );
  });

  it.each<[string, string, string[], 'pps' | 'ppk' | undefined, 'pps' | 'ppk', string]>([
    ['a desa credential on a desa laptop', DESA, [DESA], undefined, 'pps', DESA],
    ['a desa credential on a laptop carrying the kecamatan', DESA, [KECAMATAN], undefined, 'pps', DESA],
    ['a kecamatan credential', KECAMATAN, [KECAMATAN], undefined, 'ppk', KECAMATAN],
    ['a kecamatan credential on a laptop carrying the kabupaten', KECAMATAN, [KABUPATEN], undefined, 'ppk', KECAMATAN],
    ['a kabupaten credential on a desa laptop', KABUPATEN, [DESA], undefined, 'pps', DESA],
    ['a kabupaten credential on a kecamatan laptop', KABUPATEN, [KECAMATAN], undefined, 'ppk', KECAMATAN],
    ['a kabupaten credential, --stage ppk, desa laptop', KABUPATEN, [DESA], 'ppk', 'ppk', KECAMATAN],
    ['a kecamatan credential, --stage pps, desa laptop', KECAMATAN, [DESA], 'pps', 'pps', DESA],
  ])('%s: stage and region', async (_name, credentialRegion, scopes, stage, expectedStage, expectedRegion) => {
    const identity = await relayIdentity(trust, credentialRegion);
    const signer = deriveAttestationSigner({ ...identity, scopes, stage });
    expect(signer).toEqual({ keyPair: identity.keyPair, credential: identity.credential, stage: expectedStage, region: expectedRegion });
  });

  it.each<[string, string, string[], 'pps' | 'ppk' | undefined, RelayErrorCode, RegExp]>([
    ['a kabupaten credential on a kabupaten laptop', KABUPATEN, [KABUPATEN], undefined, 'RELAY_STAGE_UNKNOWN', /give --stage pps or --stage ppk/],
    ['--stage ppk with a desa credential', DESA, [DESA], 'ppk', 'RELAY_REGION_INVALID', /a ppk relay attests for one kecamatan .* there is none/],
    ['--stage pps on a kecamatan laptop with a kecamatan credential', KECAMATAN, [KECAMATAN], 'pps', 'RELAY_REGION_INVALID', /a pps relay attests for one desa/],
    ['a desa credential on another desa laptop', DESA, ['1906012002'], undefined, 'RELAY_REGION_INVALID', /there is none/],
    ['a kecamatan credential, --stage pps, two desa scopes', KECAMATAN, [DESA, '1906012002'], 'pps', 'RELAY_REGION_INVALID', /allow 1906012001, 1906012002: serve one --scope/],
  ])('refuses %s', async (_name, credentialRegion, scopes, stage, code, message) => {
    const identity = await relayIdentity(trust, credentialRegion);
    await refusal(() => deriveAttestationSigner({ ...identity, scopes, stage }), code, message);
  });
});

describe('checkAttestationSigner', () => {
  const root = () => trust.network.root;

  it('accepts a relay credential of the network for its key, valid now, and returns the verified leaf', async () => {
    const signer = await relaySigner(trust, DESA, 'pps');
    const checked = await checkAttestationSigner(signer, { root: root(), scopes: [DESA], provider });
    expect(checked.stage).toBe('pps');
    expect(checked.region).toBe(DESA);
    expect(checked.keyPair).toBe(signer.keyPair);
    expect(checked.credential.chain).toBe(signer.credential.chain);
    expect(toHex(checked.credential.leaf.subject)).toBe(toHex(signer.keyPair.publicKey));
    expect(checked.credential.leaf).toMatchObject({ role: 'relay', regions: [DESA], elections: ['pkwkk'] });
  });

  it('refuses a credential of another network (another root)', async () => {
    const other = await trustOf('another-network');
    const signer = await relaySigner(other, DESA, 'pps');
    await refusal(() => checkAttestationSigner(signer, { root: root(), scopes: [DESA], provider }), 'RELAY_CREDENTIAL_INVALID', /does not verify against the network's root key/);
  });

  it('refuses an operator credential', async () => {
    const operator = await trust.operator('1906012001001');
    const signer = { keyPair: operator.keyPair, credential: credentialChainOf(operator.chain), stage: 'pps' as const, region: DESA };
    await refusal(() => checkAttestationSigner(signer, { root: root(), scopes: [DESA], provider }), 'RELAY_CREDENTIAL_INVALID', /^this is an operator credential; a relay needs a relay credential/);
  });

  it('refuses a key that is not the subject of the credential', async () => {
    const signer = await relaySigner(trust, DESA, 'pps');
    const someoneElse = await relayIdentity(trust, DESA);
    await refusal(
      () => checkAttestationSigner({ ...signer, keyPair: someoneElse.keyPair }, { root: root(), scopes: [DESA], provider }),
      'RELAY_KEY_MISMATCH',
      /is not the subject of the relay credential/,
    );
  });

  it('refuses a credential not valid now (expired or not yet valid)', async () => {
    const signer = await relaySigner(trust, DESA, 'pps');
    const year = 365 * 24 * 3600 * 1000;
    for (const now of [Date.now() + 2 * year, Date.now() - 2 * year]) {
      await refusal(() => checkAttestationSigner(signer, { root: root(), scopes: [DESA], provider, now }), 'RELAY_CREDENTIAL_INVALID', /valid from .* until .*, not now .*run without --key\/--credential as a carrier/);
    }
  });

  it.each<[string, string, 'pps' | 'ppk', string, string[], RegExp]>([
    ['a pps relay with a kecamatan region', KECAMATAN, 'pps', KECAMATAN, [KECAMATAN], /a pps relay attests for a 10-digit region, not "190601"/],
    ['a ppk relay with a desa region', KECAMATAN, 'ppk', DESA, [KECAMATAN], /a ppk relay attests for a 6-digit region/],
    ['a region outside the credential', DESA, 'pps', '1906012002', ['1906'], /region 1906012002 is outside the relay credential's regions \[1906012001\]/],
    ['a region outside the scopes', DESA, 'pps', DESA, ['1906012002'], /region 1906012001 is outside the relay's scopes \[1906012002\]/],
  ])('refuses %s', async (_name, credentialRegion, stage, region, scopes, message) => {
    const signer = await relaySigner(trust, credentialRegion, stage, region);
    await refusal(() => checkAttestationSigner(signer, { root: root(), scopes, provider }), 'RELAY_REGION_INVALID', message);
  });
});
