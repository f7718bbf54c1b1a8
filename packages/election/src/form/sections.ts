import { z } from 'zod';
import { paslonIdSchema } from '../election/paslon.js';
import { countSchema } from './count.js';
import { genderedSchema, partialGenderedSchema } from './gendered.js';

/** Voters with disabilities: registered (`pemilih`) and voting (`pengguna`). */
export const disabilitasSchema = z.strictObject({ pemilih: genderedSchema, pengguna: genderedSchema });

/** Ballots: received (incl. the 2–2.5% reserve), used, returned (damaged/miscast), unused. */
export const suratSuaraSchema = z.strictObject({
  diterima: countSchema,
  digunakan: countSchema,
  dikembalikan: countSchema,
  tidakDigunakan: countSchema,
});

/** Most ballot options a form may carry (as in an election definition). */
export const maxPaslon = 100;

/**
 * Votes per paslon id (Sirekap id, not ballot number), at most {@link maxPaslon}. A `__proto__` key (which zod's record would drop
 * silently) is rejected like any other bad id.
 */
export const paslonVotesSchema = z
  .unknown()
  .superRefine((input, ctx) => {
    if (typeof input !== 'object' || input === null) return;
    if (Object.hasOwn(input, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'invalid paslon id __proto__' });
    }
    if (Object.keys(input).length > maxPaslon) {
      ctx.addIssue({ code: 'custom', message: `at most ${maxPaslon} paslon` });
    }
  })
  .pipe(z.record(paslonIdSchema, countSchema));

/** Votes: per paslon, valid (`sah`), invalid (`tidakSah`) and their `total`. */
export const suaraSchema = z.strictObject({
  paslon: paslonVotesSchema.refine((votes) => Object.keys(votes).length > 0, 'at least one paslon'),
  sah: countSchema,
  tidakSah: countSchema,
  total: countSchema,
});

/** {@link disabilitasSchema} with any part missing. */
export const partialDisabilitasSchema = z.strictObject({
  pemilih: partialGenderedSchema.optional(),
  pengguna: partialGenderedSchema.optional(),
});
/** {@link suratSuaraSchema} with any field missing. */
export const partialSuratSuaraSchema = suratSuaraSchema.partial();
/** {@link suaraSchema} with any field missing; `paslon` may be empty or lack some candidates. */
export const partialSuaraSchema = z.strictObject({
  paslon: paslonVotesSchema.optional(),
  sah: countSchema.optional(),
  tidakSah: countSchema.optional(),
  total: countSchema.optional(),
});
