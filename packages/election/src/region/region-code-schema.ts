import { z } from 'zod';
import { regionCodeProblem } from './region-code-problem.js';
import type { RegionLevel } from './region-level.js';
import { regionCodeLength } from './region-level.js';

/** A Kemendagri region code string (any level). Values are plain strings. */
export type RegionCode = string;

function codeSchema(level?: RegionLevel) {
  return z.string().superRefine((value, ctx) => {
    const problem = regionCodeProblem(value);
    if (problem !== null) {
      ctx.addIssue({ code: 'custom', message: `invalid region code: ${problem}` });
      return;
    }
    if (level !== undefined && value.length !== regionCodeLength[level]) {
      ctx.addIssue({ code: 'custom', message: `expected a ${level} code of ${regionCodeLength[level]} digits` });
    }
  });
}

/** Any valid region code: 2, 4, 6, 10 or 13 digits (see {@link parseRegionCode}). */
export const regionCodeSchema = codeSchema();
/** A 13-digit TPS code. */
export const tpsCodeSchema = codeSchema('tps');
/** A 10-digit desa/kelurahan code. */
export const desaCodeSchema = codeSchema('desa');
/** A 6-digit kecamatan code. */
export const kecamatanCodeSchema = codeSchema('kecamatan');
/** A 4-digit kabupaten/kota code. */
export const kabupatenCodeSchema = codeSchema('kabupaten');
/** A 2-digit provinsi code. */
export const provinsiCodeSchema = codeSchema('provinsi');
/** A region code or `''` for the whole nation (the scope of a national election). */
export const electionRegionSchema = z.union([z.literal(''), regionCodeSchema]);
