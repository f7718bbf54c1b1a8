import type { Network } from '@titip/config';
import type { ElectionDefinition } from '@titip/election';
import { issueCredential, keyPairFromSeed, type CredentialRole, type Ed25519Provider, type KeyPair } from '@titip/identity';

/** A key pair with its credential chain (leaf first). */
export interface Identity {
  readonly keyPair: KeyPair;
  readonly chain: Uint8Array[];
}

/** A complete trust hierarchy for tests: KPU root, one issuer, and factories for the other roles. */
export interface TestTrust {
  readonly root: KeyPair;
  readonly issuer: Identity;
  readonly network: Network;
  operator(tps: string, elections?: string[]): Promise<Identity>;
  relay(region: string): Promise<Identity>;
  server(): Promise<Identity>;
}

/** Belitung Timur's Gubernur election (Pilkada 2024, province 19), as the tests use it. */
export const testGovernorElection: ElectionDefinition = {
  id: 'pkwkp',
  name: 'Pemilihan Gubernur dan Wakil Gubernur Kepulauan Bangka Belitung 2024',
  form: 'kwk',
  region: '19',
  date: '2024-11-27',
  maxVotersPerTps: 600,
  paslon: [
    { id: '1000019', nomorUrut: 1, nama: 'ERZALDI ROSMAN - YURI KEMAL FADLULLAH' },
    { id: '1000020', nomorUrut: 2, nama: 'HIDAYAT ARSANI - HELLYANA' },
  ],
};

/** Belitung Timur's Bupati election (Pilkada 2024), as the tests use it. */
export const testElection: ElectionDefinition = {
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
};

const YEAR = 365 * 24 * 3600 * 1000;

/**
 * Builds a trust hierarchy with deterministic keys (seeded from `label`): root → issuer for `region` → operators,
 * relays; root → server. Credentials are valid from a year ago to a year ahead.
 */
export async function makeTrust(
  provider: Ed25519Provider,
  options: { label?: string; region?: string; now?: number; elections?: ElectionDefinition[] } = {},
): Promise<TestTrust> {
  const label = options.label ?? 'titip-test';
  const region = options.region ?? '1906';
  const now = options.now ?? Date.now();
  const window = { validFrom: now - YEAR, validUntil: now + YEAR };
  let counter = 0;
  const nextKey = () => keyPairFromSeed(seed(`${label}/${counter++}`), provider);
  const root = await nextKey();
  const issuerKey = await nextKey();
  const definitions = options.elections ?? [testElection];
  const elections = definitions.map((e) => e.id);
  const issuerCredential = await issueCredential(root, { role: 'issuer', subject: issuerKey.publicKey, regions: [region], elections, ...window }, provider);
  const issuer: Identity = { keyPair: issuerKey, chain: [issuerCredential.bytes] };
  const leaf = async (role: CredentialRole, regions: string[], signer: Identity | KeyPair, electionIds = elections): Promise<Identity> => {
    const keyPair = await nextKey();
    const signerKey = 'keyPair' in signer ? signer.keyPair : signer;
    const credential = await issueCredential(signerKey, { role, subject: keyPair.publicKey, regions, elections: electionIds, ...window }, provider);
    return { keyPair, chain: 'chain' in signer ? [credential.bytes, ...signer.chain] : [credential.bytes] };
  };
  return {
    root,
    issuer,
    network: { name: label, root: root.publicKey, elections: definitions, election: (id) => definitions.find((e) => e.id === id) },
    operator: (tps, electionIds) => leaf('operator', [tps], issuer, electionIds),
    relay: (r) => leaf('relay', [r], issuer),
    server: () => leaf('server', [''], root),
  };
}

function seed(text: string): Uint8Array {
  const out = new Uint8Array(32);
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) out[i % 32] = (out[i % 32]! * 31 + bytes[i]!) & 0xff;
  out[31] = bytes.length & 0xff;
  return out;
}
