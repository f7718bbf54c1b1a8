/**
 * A realistic ingest load for the benches: `operators` TPS in Belitung Timur (50 TPS per desa), one operator
 * credential per TPS allowing both Pilkada elections (pkwkk Bupati, pkwkp Gubernur), and one signed submission
 * per TPS and election with two photos, until `n` submissions. Deterministic (keys seeded from names).
 * Not a test; imported by the bench scripts (run from the repo root with Node 24 after `tsc -b`).
 */
import type { CHasil, ElectionDefinition } from '@titip/election';
import { hashHex, issueCredential, keyPairFromSeed, sha256, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createSubmission, type ValidationEntry } from '../dist/index.js';

export const pkwkk: ElectionDefinition = {
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

export const pkwkp: ElectionDefinition = {
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

/** A consistent C.Hasil whose paslon split varies with `i`. */
function formFor(election: ElectionDefinition, i: number): CHasil {
  const [a, b] = election.paslon.map((p) => p.id) as [string, string];
  const first = 150 + (i % 90);
  return {
    form: 'kwk',
    pemilih: { dpt: { l: 250, p: 240, j: 490 }, dpph: { l: 2, p: 1, j: 3 }, dptb: { l: 4, p: 3, j: 7 }, total: { l: 256, p: 244, j: 500 } },
    pengguna: { dpt: { l: 200, p: 190, j: 390 }, dpph: { l: 2, p: 1, j: 3 }, dptb: { l: 4, p: 3, j: 7 }, total: { l: 206, p: 194, j: 400 } },
    disabilitas: { pemilih: { l: 3, p: 2, j: 5 }, pengguna: { l: 2, p: 2, j: 4 } },
    suratSuara: { diterima: 503, digunakan: 400, dikembalikan: 3, tidakDigunakan: 100 },
    suara: { paslon: { [a]: first, [b]: 390 - first }, sah: 390, tidakSah: 10, total: 400 },
  };
}

/** The TPS code of operator `i` in `kecamatan` (190601 by default): desa 2001 + i/50, TPS 1 + i%50. */
export function tpsOf(i: number, kecamatan = '190601'): string {
  return `${kecamatan}${String(2001 + Math.floor(i / 50))}${String(1 + (i % 50)).padStart(3, '0')}`;
}

export interface Load {
  root: KeyPair;
  elections: ElectionDefinition[];
  entries: ValidationEntry[];
  /** Submissions of `warmup` other operators (kecamatan 190602), for warming a validator's code up first. */
  warmup: ValidationEntry[];
}

/**
 * Builds `n` submissions from `operators` operators (two elections each, so n ≤ 2 × operators is typical),
 * and `warmup` submissions of as many other operators under the same root and issuer.
 */
export async function realisticSubmissions(n: number, operators: number, warmup = 0): Promise<Load> {
  const provider = nodeEd25519;
  const key = (name: string) => keyPairFromSeed(sha256(new TextEncoder().encode(`bench:${name}`)), provider);
  const root = await key('root');
  const issuer = await key('issuer');
  const from = Date.UTC(2024, 10, 26);
  const until = Date.UTC(2024, 11, 5);
  const elections = [pkwkk, pkwkp];
  const ids = elections.map((e) => e.id);
  const issuerCred = await issueCredential(root, { role: 'issuer', subject: issuer.publicKey, regions: ['1906'], elections: ids, validFrom: from, validUntil: until }, provider);
  const submissions = async (count: number, opCount: number, kecamatan: string): Promise<ValidationEntry[]> => {
    const ops: { keyPair: KeyPair; credential: Uint8Array; tps: string }[] = [];
    for (let i = 0; i < opCount; i++) {
      const keyPair = await key(`op-${kecamatan}-${i}`);
      const tps = tpsOf(i, kecamatan);
      const cred = await issueCredential(issuer, { role: 'operator', subject: keyPair.publicKey, regions: [tps], elections: ids, validFrom: from, validUntil: until }, provider);
      ops.push({ keyPair, credential: cred.bytes, tps });
    }
    const out: ValidationEntry[] = [];
    for (let i = 0; i < count; i++) out.push(await submission(ops[i % opCount]!, elections[Math.floor(i / opCount) % elections.length]!, `${kecamatan} ${i}`, i));
    return out;
  };
  const submission = async (op: { keyPair: KeyPair; credential: Uint8Array; tps: string }, election: ElectionDefinition, tag: string, i: number): Promise<ValidationEntry> => {
    const photos = [1, 2].map((page) => ({ sha256: hashHex(new TextEncoder().encode(`photo ${tag} ${page}`)), page, size: 300_000 + page, type: 'image/jpeg' as const }));
    const r = await createSubmission(
      {
        keyPair: op.keyPair,
        credentials: [op.credential, issuerCred.bytes],
        tps: op.tps,
        election: election.id,
        form: formFor(election, i),
        photos,
        revision: 1,
        supersedes: null,
        deviceTime: from + 86_400_000 + i,
      },
      provider,
      election,
    );
    return { id: r.id, bytes: r.bytes };
  };
  return { root, elections, entries: await submissions(n, operators, '190601'), warmup: await submissions(warmup, Math.max(1, warmup), '190602') };
}
