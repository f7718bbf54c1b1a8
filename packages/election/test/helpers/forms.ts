import type { CHasil, CHasilKwk, CHasilPpwp, ElectionDefinition, PartialCHasil } from '../../src/index.js';

/** A complete, consistent Pilkada Bupati form for Belitung Timur's two pairs (every hard rule and warning passes). */
export function validKwk(): CHasilKwk {
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
    // DPT 490: band [490 + 9 - 10, 490 + 13 + 10] = [489, 513]
    suratSuara: { diterima: 503, digunakan: 400, dikembalikan: 3, tidakDigunakan: 100 },
    suara: { paslon: { '1000526': 150, '1000527': 240 }, sah: 390, tidakSah: 10, total: 400 },
  };
}

/** A complete, consistent Pemilu presidential form for the three 2024 pairs. */
export function validPpwp(): CHasilPpwp {
  return {
    form: 'ppwp',
    pemilih: {
      dpt: { l: 140, p: 145, j: 285 },
      dptb: { l: 2, p: 1, j: 3 },
      dpk: { l: 1, p: 1, j: 2 },
      total: { l: 143, p: 147, j: 290 },
    },
    pengguna: {
      dpt: { l: 120, p: 130, j: 250 },
      dptb: { l: 2, p: 1, j: 3 },
      dpk: { l: 1, p: 1, j: 2 },
      total: { l: 123, p: 132, j: 255 },
    },
    disabilitas: { pemilih: { l: 1, p: 1, j: 2 }, pengguna: { l: 1, p: 0, j: 1 } },
    // DPT 285: band [285 + 5 - 10, 285 + 8 + 10] = [280, 303]
    suratSuara: { diterima: 291, digunakan: 255, dikembalikan: 1, tidakDigunakan: 35 },
    suara: { paslon: { '100025': 40, '100026': 170, '100027': 40 }, sah: 250, tidakSah: 5, total: 255 },
  };
}

/** The Belitung Timur Bupati election (two pairs). */
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

/** The 2024 presidential election. */
export const ppwp2024: ElectionDefinition = {
  id: 'ppwp',
  name: 'Pemilihan Presiden dan Wakil Presiden',
  form: 'ppwp',
  region: '',
  date: '2024-02-14',
  maxVotersPerTps: 300,
  paslon: [
    { id: '100025', nomorUrut: 1, nama: 'H. ANIES RASYID BASWEDAN, Ph.D. - Dr. (H.C.) H. A. MUHAIMIN ISKANDAR' },
    { id: '100026', nomorUrut: 2, nama: 'H. PRABOWO SUBIANTO - GIBRAN RAKABUMING RAKA' },
    { id: '100027', nomorUrut: 3, nama: 'H. GANJAR PRANOWO, S.H., M.I.P. - Prof. Dr. H. M. MAHFUD MD' },
  ],
};

/** A deep copy of `form` with the number at dotted `path` set to `value` (creating objects on the way). */
export function withField<T extends CHasil | PartialCHasil>(form: T, path: string, value: number): T {
  const copy = structuredClone(form) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
  return copy as T;
}

/** A deep copy of `form` without the value at dotted `path`. */
export function withoutField<T extends CHasil | PartialCHasil>(form: T, path: string): T {
  const copy = structuredClone(form) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> | undefined = copy;
  for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  if (node !== undefined) delete node[keys[keys.length - 1] as string];
  return copy as T;
}
