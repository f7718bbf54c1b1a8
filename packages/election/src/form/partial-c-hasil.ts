import { z } from 'zod';
import { InvalidCHasilError } from '../errors.js';
import { toValidationIssues } from '../validation-issues.js';
import { partialCHasilKwkSchema } from './c-hasil-kwk.js';
import { partialCHasilPpwpSchema } from './c-hasil-ppwp.js';

/**
 * A C.Hasil of either layout where any section or field may be missing (data imported from Sirekap and the like).
 * `form` is still required; present values obey the same rules as {@link cHasilSchema} and keys stay strict.
 */
export const partialCHasilSchema = z.discriminatedUnion('form', [partialCHasilKwkSchema, partialCHasilPpwpSchema]);
/** A possibly incomplete C.Hasil. */
export type PartialCHasil = z.infer<typeof partialCHasilSchema>;

/**
 * Validates a possibly incomplete C.Hasil.
 * @throws {InvalidCHasilError} listing every problem.
 */
export function parsePartialCHasil(input: unknown): PartialCHasil {
  const result = partialCHasilSchema.safeParse(input);
  if (!result.success) throw new InvalidCHasilError(toValidationIssues(result.error));
  return result.data;
}
