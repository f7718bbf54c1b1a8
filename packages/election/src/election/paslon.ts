import { z } from 'zod';

/** The pattern of a paslon id (see {@link paslonIdSchema}). Internal: shared with the schema-free form check. */
export const PASLON_ID_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;

/**
 * A candidate id as Sirekap keys it (e.g. `'1000526'`); letters, digits, `_` and `-`, starting with a letter or
 * digit, at most 40 characters. Never the ballot number.
 */
export const paslonIdSchema = z
  .string()
  .regex(PASLON_ID_PATTERN, 'a paslon id is 1-40 letters, digits, _ or -, starting with a letter or digit');

/** One ballot option: a candidate pair, or the kolom kosong (empty box) of a single-pair region. */
export const paslonSchema = z.strictObject({
  /** Sirekap candidate id. */
  id: paslonIdSchema,
  /** Ballot number (1, 2, …); the kolom kosong has none and uses 0 by convention. */
  nomorUrut: z.int().min(0).max(99),
  /** Names of the pair as published (or "Kolom Kosong"). */
  nama: z.string().min(1).max(300),
  /** True for the kolom kosong option. */
  kolomKosong: z.boolean().optional(),
});

/** One ballot option of an election. */
export type Paslon = z.infer<typeof paslonSchema>;
