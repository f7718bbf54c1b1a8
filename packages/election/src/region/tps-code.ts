import { InvalidRegionCodeError } from '../errors.js';
import { parseRegionCode } from './parse-region-code.js';

/**
 * The desa/kelurahan code of a TPS code (its first 10 digits).
 * @throws {InvalidRegionCodeError} when `tps` is not a valid TPS code.
 */
export function desaOfTps(tps: string): string {
  const parsed = parseRegionCode(tps);
  if (parsed.level !== 'tps') throw new InvalidRegionCodeError(tps, `expected a 13-digit TPS code, got a ${parsed.level} code`);
  return tps.slice(0, 10);
}

/**
 * The TPS code of TPS number `number` (1–999; 900+ are special TPS) in `desa`.
 * @throws {InvalidRegionCodeError} when `desa` is not a desa code or `number` is not an integer in 1–999.
 */
export function tpsCodeOf(desa: string, number: number): string {
  const parsed = parseRegionCode(desa);
  if (parsed.level !== 'desa') throw new InvalidRegionCodeError(desa, `expected a 10-digit desa code, got a ${parsed.level} code`);
  if (!Number.isInteger(number) || number < 1 || number > 999) {
    throw new InvalidRegionCodeError(`${desa}/${String(number)}`, 'TPS number must be an integer in 1-999');
  }
  return desa + String(number).padStart(3, '0');
}
