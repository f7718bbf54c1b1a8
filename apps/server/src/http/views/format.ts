import type { ElectionDefinition } from '@titip/election';
import type { RegionTotals } from '../../aggregate/region-totals.js';

/** An ISO 8601 time for a ms timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Level name of a region code, `'nasional'` for `''`. */
export function levelName(code: string): string {
  switch (code.length) {
    case 0:
      return 'nasional';
    case 2:
      return 'provinsi';
    case 4:
      return 'kabupaten';
    case 6:
      return 'kecamatan';
    case 10:
      return 'desa';
    default:
      return 'tps';
  }
}

/** The ballot options of an election as the API lists them. */
export function paslonList(election: ElectionDefinition) {
  return [...election.paslon]
    .sort((a, b) => a.nomorUrut - b.nomorUrut)
    .map((p) => ({ id: p.id, nomorUrut: p.nomorUrut, nama: p.nama, ...(p.kolomKosong ? { kolomKosong: true } : {}) }));
}

/**
 * Totals as JSON: the election's paslon in ballot order (0 when none counted), then any other paslon id found in
 * the counted forms, sorted.
 */
export function totalsJson(totals: RegionTotals, election: ElectionDefinition) {
  const known = paslonList(election).map((p) => p.id);
  const knownSet = new Set(known);
  const others = [...totals.paslon.keys()].filter((id) => !knownSet.has(id)).sort();
  const paslon = Object.fromEntries([...known, ...others].map((id) => [id, totals.paslon.get(id) ?? 0]));
  return { tps: totals.tps, sah: totals.sah, tidakSah: totals.tidakSah, paslon };
}
