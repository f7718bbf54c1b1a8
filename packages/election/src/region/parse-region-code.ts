import { InvalidRegionCodeError } from '../errors.js';
import { regionCodeProblem } from './region-code-problem.js';
import { levelOfLength, type RegionLevel } from './region-level.js';

/** A region code split into its parts. Fields below the code's level are absent. */
export interface ParsedRegionCode {
  /** The code itself. */
  code: string;
  /** Its level, from its length. */
  level: RegionLevel;
  /** Provinsi code (2 digits). */
  provinsi: string;
  /** Kabupaten/kota code (4 digits), from level kabupaten down. */
  kabupaten?: string;
  /** Kecamatan code (6 digits), from level kecamatan down. */
  kecamatan?: string;
  /** Desa/kelurahan code (10 digits), for desa and TPS. */
  desa?: string;
  /** TPS number (1–999), for a TPS. */
  tpsNumber?: number;
  /** True for a kota (digits 3-4 are 71–99), false for a kabupaten; from level kabupaten down. */
  isKota?: boolean;
  /** True for a kelurahan (desa part starts with 1), false for a desa; for desa and TPS. */
  isKelurahan?: boolean;
  /** True for a special TPS (number 900–999), for a TPS. */
  isSpecialTps?: boolean;
}

/**
 * Parses a Kemendagri region code (2, 4, 6, 10 or 13 digits, no dots).
 * @throws {InvalidRegionCodeError} when the code is malformed or impossible (e.g. a 7-digit BPS code).
 */
export function parseRegionCode(code: string): ParsedRegionCode {
  const problem = regionCodeProblem(code);
  if (problem !== null) throw new InvalidRegionCodeError(code, problem);
  const level = levelOfLength(code.length) as RegionLevel;
  const parsed: ParsedRegionCode = { code, level, provinsi: code.slice(0, 2) };
  if (code.length >= 4) {
    parsed.kabupaten = code.slice(0, 4);
    parsed.isKota = Number(code.slice(2, 4)) >= 71;
  }
  if (code.length >= 6) parsed.kecamatan = code.slice(0, 6);
  if (code.length >= 10) {
    parsed.desa = code.slice(0, 10);
    parsed.isKelurahan = code[6] === '1';
  }
  if (code.length === 13) {
    parsed.tpsNumber = Number(code.slice(10));
    parsed.isSpecialTps = parsed.tpsNumber >= 900;
  }
  return parsed;
}

/** True when `code` is a valid region code (never throws). */
export function isRegionCode(code: unknown): code is string {
  return regionCodeProblem(code) === null;
}

/**
 * The level of a region code.
 * @throws {InvalidRegionCodeError} when the code is invalid.
 */
export function regionLevelOf(code: string): RegionLevel {
  return parseRegionCode(code).level;
}
