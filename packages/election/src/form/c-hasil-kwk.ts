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

const kwkVoters = z.strictObject({ dpt: genderedSchema, dpph: genderedSchema, dptb: genderedSchema, total: genderedSchema });
const partialKwkVoters = kwkVoters.extend({
  dpt: partialGenderedSchema,
  dpph: partialGenderedSchema,
  dptb: partialGenderedSchema,
  total: partialGenderedSchema,
}).partial();

/**
 * The Pilkada Model C.Hasil-KWK numbers (`pkwkp`, `pkwkk`): registered (`pemilih`) and voting (`pengguna`)
 * voters as DPT / DPPh / DPTb / total, disabilitas, ballots, votes. Strict: unknown keys are rejected.
 */
export const cHasilKwkSchema = z.strictObject({
  form: z.literal('kwk'),
  pemilih: kwkVoters,
  pengguna: kwkVoters,
  disabilitas: disabilitasSchema,
  suratSuara: suratSuaraSchema,
  suara: suaraSchema,
});
/** A complete Pilkada C.Hasil. */
export type CHasilKwk = z.infer<typeof cHasilKwkSchema>;

/** {@link cHasilKwkSchema} where any section or field may be missing (imported, incomplete data). */
export const partialCHasilKwkSchema = z.strictObject({
  form: z.literal('kwk'),
  pemilih: partialKwkVoters.optional(),
  pengguna: partialKwkVoters.optional(),
  disabilitas: partialDisabilitasSchema.optional(),
  suratSuara: partialSuratSuaraSchema.optional(),
  suara: partialSuaraSchema.optional(),
});
/** A Pilkada C.Hasil with possibly missing parts. */
export type PartialCHasilKwk = z.infer<typeof partialCHasilKwkSchema>;
