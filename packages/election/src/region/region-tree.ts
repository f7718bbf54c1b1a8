import { parseRegionCode } from './parse-region-code.js';
import { regionCodeLength, regionLevels } from './region-level.js';

/**
 * The code of the region directly above `code` (a TPS's desa, a desa's kecamatan, …); `null` for a provinsi.
 * @throws {InvalidRegionCodeError} when the code is invalid.
 */
export function parentRegion(code: string): string | null {
  const { level } = parseRegionCode(code);
  const index = regionLevels.indexOf(level);
  const above = regionLevels[index - 1];
  return above === undefined ? null : code.slice(0, regionCodeLength[above]);
}

/**
 * Every region above `code`, provinsi first, excluding `code` itself (`[]` for a provinsi).
 * @throws {InvalidRegionCodeError} when the code is invalid.
 */
export function regionAncestors(code: string): string[] {
  const { level } = parseRegionCode(code);
  return regionLevels.slice(0, regionLevels.indexOf(level)).map((l) => code.slice(0, regionCodeLength[l]));
}

/**
 * True when `code` equals `region` or lies below it. `region` `''` is the whole nation (always true).
 * @throws {InvalidRegionCodeError} when either code is invalid (`''` is allowed for `region` only).
 */
export function isWithinRegion(code: string, region: string): boolean {
  parseRegionCode(code);
  if (region === '') return true;
  parseRegionCode(region);
  return code.length >= region.length && code.startsWith(region);
}
