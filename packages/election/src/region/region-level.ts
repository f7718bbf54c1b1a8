/** The five levels of the Kemendagri region tree, widest first. */
export type RegionLevel = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa' | 'tps';

/** The levels in order, provinsi first. */
export const regionLevels: readonly RegionLevel[] = ['provinsi', 'kabupaten', 'kecamatan', 'desa', 'tps'];

/** Number of digits of a code at each level (codes are written without dots). */
export const regionCodeLength: Readonly<Record<RegionLevel, number>> = {
  provinsi: 2,
  kabupaten: 4,
  kecamatan: 6,
  desa: 10,
  tps: 13,
};

/** The level whose codes have `length` digits, or `undefined`. */
export function levelOfLength(length: number): RegionLevel | undefined {
  return regionLevels.find((level) => regionCodeLength[level] === length);
}
