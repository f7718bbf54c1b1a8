import type { CHasil, ElectionDefinition } from '@titip/election';
import { issueCredential, keyPairFromSeed, sha256, toHex, type CredentialBody, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import type { PhotoRef } from '../../src/schema/photo-ref.js';

export const provider = nodeEd25519;

/** Times (ms). */
export const ISSUER_FROM = Date.UTC(2024, 10, 1);
export const ISSUER_UNTIL = Date.UTC(2025, 0, 1);
export const OPERATOR_FROM = Date.UTC(2024, 10, 26);
export const OPERATOR_UNTIL = Date.UTC(2024, 11, 5);
export const ELECTION_DAY = Date.UTC(2024, 10, 27, 7, 30);
export const HOUR = 3_600_000;

export const TPS = '1906012001001';
export const OTHER_TPS = '1906012001002';

/** Deterministic key pair named by a string. */
export async function keyNamed(name: string): Promise<KeyPair> {
  return keyPairFromSeed(sha256(new TextEncoder().encode(`records-test:${name}`)), provider);
}

/** A consistent Pilkada Bupati form for Belitung Timur's two pairs: every hard rule passes. */
export function validForm(): CHasil {
  return {
    form: 'kwk',
    pemilih: {
      dpt: { l: 250, p: 240, j: 490 },
      dpph: { l: 2, p: 1, j: 3 },
      dptb: { l: 4, p: 3, j: 7 },
      total: { l: 256, p: 244, j: 500 },
    },
    pengguna: {
      dpt: { l: 200, p: 190, j: 390 },
      dpph: { l: 2, p: 1, j: 3 },
      dptb: { l: 4, p: 3, j: 7 },
      total: { l: 206, p: 194, j: 400 },
    },
    disabilitas: { pemilih: { l: 3, p: 2, j: 5 }, pengguna: { l: 2, p: 2, j: 4 } },
    suratSuara: { diterima: 503, digunakan: 400, dikembalikan: 3, tidakDigunakan: 100 },
    suara: { paslon: { '1000526': 150, '1000527': 240 }, sah: 390, tidakSah: 10, total: 400 },
  };
}

/** The valid form with DPT L/P misread (breaks gender-total only). */
export function genderBrokenForm(): CHasil {
  const form = validForm();
  if (form.form !== 'kwk') throw new Error('unreachable');
  form.pemilih.dpt = { l: 528, p: 240, j: 490 };
  form.pemilih.total = { l: 534, p: 244, j: 500 };
  return form;
}

/** The Belitung Timur Bupati election. */
export const pkwkk1906: ElectionDefinition = {
  id: 'pkwkk',
  name: 'Pemilihan Bupati dan Wakil Bupati',
  form: 'kwk',
  region: '1906',
  date: '2024-11-27',
  maxVotersPerTps: 600,
  paslon: [
    { id: '1000526', nomorUrut: 1, nama: 'Drs. BURHANUDIN, SH - ALI REZA MAHENDRA, S.H., M.P.P.M.' },
    { id: '1000527', nomorUrut: 2, nama: 'KAMARUDIN MUTEN - KHAIRIL ANWAR' },
  ],
};

/** Two photographed pages. */
export function photos(tag = 'a'): PhotoRef[] {
  return [1, 2].map((page) => ({
    sha256: toHex(sha256(new TextEncoder().encode(`photo:${tag}:${page}`))),
    page,
    size: 250_000 + page,
    type: 'image/jpeg' as const,
  }));
}

/** Root → issuer 1906 → operator (TPS) and relay (PPK 190601); root → server. Overrides per credential. */
export async function scenario(
  overrides: { issuer?: Partial<CredentialBody>; operator?: Partial<CredentialBody>; relay?: Partial<CredentialBody>; server?: Partial<CredentialBody> } = {},
) {
  const [root, issuer, operator, relay, server] = await Promise.all(['root', 'issuer', 'operator', 'relay', 'server'].map(keyNamed));
  const issuerCred = await issueCredential(
    root!,
    { role: 'issuer', subject: issuer!.publicKey, regions: ['1906'], elections: ['pkwkk', 'pkwkp'], validFrom: ISSUER_FROM, validUntil: ISSUER_UNTIL, ...overrides.issuer },
    provider,
  );
  const operatorCred = await issueCredential(
    issuer!,
    { role: 'operator', subject: operator!.publicKey, regions: [TPS], elections: ['pkwkk'], validFrom: OPERATOR_FROM, validUntil: OPERATOR_UNTIL, ...overrides.operator },
    provider,
  );
  const relayCred = await issueCredential(
    issuer!,
    { role: 'relay', subject: relay!.publicKey, regions: ['190601'], elections: ['pkwkk', 'pkwkp'], validFrom: OPERATOR_FROM, validUntil: ISSUER_UNTIL, ...overrides.relay },
    provider,
  );
  const serverCred = await issueCredential(
    root!,
    { role: 'server', subject: server!.publicKey, regions: [''], elections: ['pkwkk', 'pkwkp', 'ppwp'], validFrom: ISSUER_FROM, validUntil: ISSUER_UNTIL, ...overrides.server },
    provider,
  );
  return {
    root: root!,
    issuer: issuer!,
    operator: operator!,
    relay: relay!,
    server: server!,
    issuerCred,
    operatorChain: [operatorCred.bytes, issuerCred.bytes],
    relayChain: [relayCred.bytes, issuerCred.bytes],
    serverChain: [serverCred.bytes],
  };
}

/** Parameters of a valid first submission for the scenario's operator. */
export function submissionParams(s: Awaited<ReturnType<typeof scenario>>) {
  return {
    keyPair: s.operator,
    credentials: s.operatorChain,
    tps: TPS,
    election: 'pkwkk',
    form: validForm(),
    photos: photos(),
    revision: 1,
    supersedes: null,
    overrides: [],
    deviceTime: ELECTION_DAY,
  };
}
