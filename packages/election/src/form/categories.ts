import type { FormType } from '../election/election-definition.js';

/** Voter categories of the Pilkada KWK form: DPT, DPPh (moved in), DPTb (not listed, voting with e-KTP). */
export const kwkCategories = ['dpt', 'dpph', 'dptb'] as const;
/** Voter categories of the Pemilu PPWP form: DPT, DPTb (moved in), DPK (not listed). Not the same as KWK's. */
export const ppwpCategories = ['dpt', 'dptb', 'dpk'] as const;

/** A voter category of the KWK form. */
export type KwkCategory = (typeof kwkCategories)[number];
/** A voter category of the PPWP form. */
export type PpwpCategory = (typeof ppwpCategories)[number];

/** The voter categories (rows summed into `total`) of a form type, in form order. */
export function voterCategoriesOf(form: FormType): readonly string[] {
  return form === 'kwk' ? kwkCategories : ppwpCategories;
}

/** How the form prints each voter category (and the total). */
export const categoryLabels: Readonly<Record<string, string>> = {
  dpt: 'DPT',
  dpph: 'DPPh',
  dptb: 'DPTb',
  dpk: 'DPK',
  total: 'Jumlah',
};
