import { z } from 'zod';
import { countSchema } from './count.js';

/** A row split by sex: `l` men (laki-laki), `p` women (perempuan), `j` total (jumlah). Rule 1 wants j = l + p. */
export const genderedSchema = z.strictObject({ l: countSchema, p: countSchema, j: countSchema });
/** A gendered row. */
export type Gendered = z.infer<typeof genderedSchema>;

/** A gendered row where any of `l`, `p`, `j` may be missing (imported data). */
export const partialGenderedSchema = genderedSchema.partial();
/** A gendered row with possibly missing cells. */
export type PartialGendered = z.infer<typeof partialGenderedSchema>;

/** Alias of {@link genderedSchema} under the name the design uses. */
export const gendered = genderedSchema;

/** The three cells of a gendered row, in form order. */
export const genderKeys = ['l', 'p', 'j'] as const;
/** One cell of a gendered row. */
export type GenderKey = (typeof genderKeys)[number];
