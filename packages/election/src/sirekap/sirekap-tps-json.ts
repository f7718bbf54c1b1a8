/** Sirekap's `administrasi` object of a Pemilu PPWP TPS record (all counts; `pengguna_non_dpt` is the DPK). */
export interface SirekapAdministrasi {
  suara_sah?: number | null;
  suara_tidak_sah?: number | null;
  suara_total?: number | null;
  pemilih_dpt_j?: number | null;
  pemilih_dpt_l?: number | null;
  pemilih_dpt_p?: number | null;
  pengguna_dpt_j?: number | null;
  pengguna_dpt_l?: number | null;
  pengguna_dpt_p?: number | null;
  pengguna_dptb_j?: number | null;
  pengguna_dptb_l?: number | null;
  pengguna_dptb_p?: number | null;
  pengguna_non_dpt_j?: number | null;
  pengguna_non_dpt_l?: number | null;
  pengguna_non_dpt_p?: number | null;
  pengguna_total_j?: number | null;
  pengguna_total_l?: number | null;
  pengguna_total_p?: number | null;
}

/**
 * One Sirekap per-TPS "hhcw" JSON file (Pemilu 2024 presidential), as published: `chart` may be null or carry a
 * `"null": null` key, `administrasi` may be null, older records have no `mode`.
 */
export interface SirekapTpsJson {
  mode?: string;
  chart: Record<string, number | null> | null;
  images: Array<string | null>;
  administrasi: SirekapAdministrasi | null;
  psu: string | null;
  ts: string | null;
  status_suara: boolean | null;
  status_adm: boolean | null;
}

/** Sirekap `administrasi` keys and the C.Hasil PPWP field each one fills, in Sirekap's order. */
export const administrasiFields: ReadonlyArray<readonly [keyof SirekapAdministrasi, string]> = [
  ['suara_sah', 'suara.sah'],
  ['suara_total', 'suara.total'],
  ['pemilih_dpt_j', 'pemilih.dpt.j'],
  ['pemilih_dpt_l', 'pemilih.dpt.l'],
  ['pemilih_dpt_p', 'pemilih.dpt.p'],
  ['pengguna_dpt_j', 'pengguna.dpt.j'],
  ['pengguna_dpt_l', 'pengguna.dpt.l'],
  ['pengguna_dpt_p', 'pengguna.dpt.p'],
  ['pengguna_dptb_j', 'pengguna.dptb.j'],
  ['pengguna_dptb_l', 'pengguna.dptb.l'],
  ['pengguna_dptb_p', 'pengguna.dptb.p'],
  ['suara_tidak_sah', 'suara.tidakSah'],
  ['pengguna_total_j', 'pengguna.total.j'],
  ['pengguna_total_l', 'pengguna.total.l'],
  ['pengguna_total_p', 'pengguna.total.p'],
  ['pengguna_non_dpt_j', 'pengguna.dpk.j'],
  ['pengguna_non_dpt_l', 'pengguna.dpk.l'],
  ['pengguna_non_dpt_p', 'pengguna.dpk.p'],
];
