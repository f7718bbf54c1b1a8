import { z } from 'zod';
import { InvalidCHasilError } from '../errors.js';
import { toValidationIssues } from '../validation-issues.js';
import { cHasilKwkSchema } from './c-hasil-kwk.js';
import { cHasilPpwpSchema } from './c-hasil-ppwp.js';

/** A complete Model C.Hasil of either layout, discriminated by `form` (`'kwk'` or `'ppwp'`). */
export const cHasilSchema = z.discriminatedUnion('form', [cHasilKwkSchema, cHasilPpwpSchema]);
/** A complete Model C.Hasil. */
export type CHasil = z.infer<typeof cHasilSchema>;

/**
 * Validates a complete C.Hasil (every field present, strict keys, integers 0–99,999).
 * @throws {InvalidCHasilError} listing every problem.
 */
export function parseCHasil(input: unknown): CHasil {
  const result = cHasilSchema.safeParse(input);
  if (!result.success) throw new InvalidCHasilError(toValidationIssues(result.error));
  return result.data;
}
