import type { ElectionDefinition } from '@titip/election';

/** The two Pilkada 2024 elections held at every TPS of Belitung Timur: Gubernur (`pkwkp`) and Bupati (`pkwkk`). */
export type ElectionKey = 'pkwkp' | 'pkwkk';

/** The election keys in ballot order (Gubernur first). */
export const electionKeys: readonly ElectionKey[] = ['pkwkp', 'pkwkk'];

/** A desa of the dataset. */
export interface Desa {
  /** Kemendagri code, 10 digits (`1906012001`). */
  kode: string;
  /** Kemendagri name (`Lalang Jaya`). */
  nama: string;
  /** KPU's upper-case name (`LALANG JAYA`). */
  namaKpu: string;
  /** TPS of the desa at Pemilu 2024 (special TPS 9xx included). */
  tpsPemilu: number;
}

/** A kecamatan of the dataset. */
export interface Kecamatan {
  /** Kemendagri code, 6 digits (`190601`). */
  kode: string;
  /** Kemendagri name (`Manggar`). */
  nama: string;
  /** KPU's upper-case name. */
  namaKpu: string;
  /** TPS of the kecamatan at Pilkada 2024 (published). */
  tpsPilkada: number;
  /** Its desa, in file order. */
  desa: Desa[];
}

/** Votes per paslon id, per kecamatan code. */
export type PublishedTotals = Record<string, Record<string, number>>;

/** Kabupaten Belitung Timur as the demo uses it: regions, the two elections and the published kecamatan results. */
export interface BelitungTimur {
  /** The kabupaten (`1906`). */
  kabupaten: { kode: string; nama: string };
  /** Its kecamatan, in file order. */
  kecamatan: Kecamatan[];
  /** The election definitions (region `19` for pkwkp, `1906` for pkwkk; 600 voters per TPS; 2024-11-27). */
  elections: Record<ElectionKey, ElectionDefinition>;
  /** Sirekap's published votes per kecamatan and paslon, per election (provisional counts). */
  published: Record<ElectionKey, PublishedTotals>;
  /** Sirekap's timestamp of each rekap file (`2024-11-28 10:15:04`), or null. */
  publishedTs: Record<ElectionKey, string | null>;
}
