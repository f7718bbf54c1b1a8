import { z } from 'zod';
import { InvalidElectionDefinitionError } from '../errors.js';
import { electionRegionSchema } from '../region/region-code-schema.js';
import { toValidationIssues } from '../validation-issues.js';
import { paslonSchema } from './paslon.js';

/** The two Model C.Hasil layouts: `kwk` (Pilkada, `pkwkp`/`pkwkk`) and `ppwp` (Pemilu presidential). */
export const formTypeSchema = z.enum(['kwk', 'ppwp']);
/** A Model C.Hasil layout. */
export type FormType = z.infer<typeof formTypeSchema>;

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'no such date');

/**
 * One election held at a TPS: its ballot options are data, not code. Cross-field rules: paslon ids and ballot
 * numbers are unique; there is at least one pair; a single pair comes with exactly one kolom kosong option,
 * two or more pairs with none.
 */
export const electionDefinitionSchema = z
  .strictObject({
    /** Election id, e.g. `'pkwkk'`, `'pkwkp'`, `'ppwp'`. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'an election id is 1-64 lower-case letters, digits, _ or -'),
    /** Human-readable name, e.g. "Pemilihan Bupati dan Wakil Bupati". */
    name: z.string().min(1).max(300),
    /** Which C.Hasil layout its TPS use. */
    form: formTypeSchema,
    /** Region the election covers (a provinsi for a Gubernur, a kabupaten/kota for a Bupati); `''` = national. */
    region: electionRegionSchema,
    /** Voting day, `YYYY-MM-DD`. */
    date: isoDateSchema,
    /** Legal maximum of voters per TPS (600 Pilkada 2024, 300 Pemilu 2024): the `dpt-above-cap` warning. */
    maxVotersPerTps: z.int().min(1).max(99_999),
    /** Ballot options, in any order. */
    paslon: z.array(paslonSchema).min(1).max(100),
  })
  .superRefine((def, ctx) => {
    const ids = new Set<string>();
    const numbers = new Set<number>();
    def.paslon.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['paslon', i, 'id'], message: `duplicate paslon id ${p.id}` });
      if (numbers.has(p.nomorUrut)) {
        ctx.addIssue({ code: 'custom', path: ['paslon', i, 'nomorUrut'], message: `duplicate nomorUrut ${p.nomorUrut}` });
      }
      if (p.kolomKosong !== true && p.nomorUrut < 1) {
        ctx.addIssue({ code: 'custom', path: ['paslon', i, 'nomorUrut'], message: 'a candidate pair has nomorUrut 1 or more' });
      }
      ids.add(p.id);
      numbers.add(p.nomorUrut);
    });
    const pairs = def.paslon.filter((p) => p.kolomKosong !== true).length;
    const kosong = def.paslon.length - pairs;
    if (pairs === 0) ctx.addIssue({ code: 'custom', path: ['paslon'], message: 'at least one candidate pair is needed' });
    else if (pairs === 1 && kosong !== 1) {
      ctx.addIssue({ code: 'custom', path: ['paslon'], message: 'a single pair needs exactly one kolom kosong option' });
    } else if (pairs > 1 && kosong > 0) {
      ctx.addIssue({ code: 'custom', path: ['paslon'], message: 'kolom kosong exists only when there is a single pair' });
    }
  });

/** One election held at a TPS (see {@link electionDefinitionSchema}). */
export type ElectionDefinition = z.infer<typeof electionDefinitionSchema>;

/**
 * Validates an election definition.
 * @throws {InvalidElectionDefinitionError} listing every problem.
 */
export function parseElectionDefinition(input: unknown): ElectionDefinition {
  const result = electionDefinitionSchema.safeParse(input);
  if (!result.success) throw new InvalidElectionDefinitionError(toValidationIssues(result.error));
  return result.data;
}
