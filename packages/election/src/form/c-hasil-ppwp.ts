import { z } from 'zod';
import { genderedSchema, partialGenderedSchema } from './gendered.js';
import {
  disabilitasSchema,
  partialDisabilitasSchema,
  partialSuaraSchema,
  partialSuratSuaraSchema,
  suaraSchema,
  suratSuaraSchema,
} from './sections.js';

const ppwpVoters = z.strictObject({ dpt: genderedSchema, dptb: genderedSchema, dpk: genderedSchema, total: genderedSchema });
const partialPpwpVoters = ppwpVoters.extend({
  dpt: partialGenderedSchema,
  dptb: partialGenderedSchema,
  dpk: partialGenderedSchema,
  total: partialGenderedSchema,
}).partial();

/**
 * The Pemilu 2024 presidential Model C.Hasil-PPWP numbers: registered (`pemilih`) and voting (`pengguna`) voters
 * as DPT / DPTb (moved in) / DPK (not listed) / total, disabilitas, ballots, votes. Pemilu's DPTb is not the
 * Pilkada DPTb: never map categories by name across forms. Strict: unknown keys are rejected.
 */
export const cHasilPpwpSchema = z.strictObject({
  form: z.literal('ppwp'),
  pemilih: ppwpVoters,
  pengguna: ppwpVoters,
  disabilitas: disabilitasSchema,
  suratSuara: suratSuaraSchema,
  suara: suaraSchema,
});
/** A complete Pemilu presidential C.Hasil. */
export type CHasilPpwp = z.infer<typeof cHasilPpwpSchema>;

/** {@link cHasilPpwpSchema} where any section or field may be missing (imported, incomplete data). */
export const partialCHasilPpwpSchema = z.strictObject({
  form: z.literal('ppwp'),
  pemilih: partialPpwpVoters.optional(),
  pengguna: partialPpwpVoters.optional(),
  disabilitas: partialDisabilitasSchema.optional(),
  suratSuara: partialSuratSuaraSchema.optional(),
  suara: partialSuaraSchema.optional(),
});
/** A Pemilu presidential C.Hasil with possibly missing parts. */
export type PartialCHasilPpwp = z.infer<typeof partialCHasilPpwpSchema>;
