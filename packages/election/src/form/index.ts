export { countSchema, maxCount, maxBoxValue } from './count.js';
export {
  gendered,
  genderedSchema,
  partialGenderedSchema,
  genderKeys,
  type Gendered,
  type PartialGendered,
  type GenderKey,
} from './gendered.js';
export {
  kwkCategories,
  ppwpCategories,
  voterCategoriesOf,
  categoryLabels,
  type KwkCategory,
  type PpwpCategory,
} from './categories.js';
export {
  disabilitasSchema,
  suratSuaraSchema,
  suaraSchema,
  paslonVotesSchema,
  maxPaslon,
  partialDisabilitasSchema,
  partialSuratSuaraSchema,
  partialSuaraSchema,
} from './sections.js';
export { cHasilKwkSchema, partialCHasilKwkSchema, type CHasilKwk, type PartialCHasilKwk } from './c-hasil-kwk.js';
export { cHasilPpwpSchema, partialCHasilPpwpSchema, type CHasilPpwp, type PartialCHasilPpwp } from './c-hasil-ppwp.js';
export { cHasilSchema, parseCHasil, type CHasil } from './c-hasil.js';
export { passesCHasilSchema } from './c-hasil-check.js';
export { partialCHasilSchema, parsePartialCHasil, type PartialCHasil } from './partial-c-hasil.js';
export { fieldPaths, getField, presentFields, suratSuaraFields } from './field-paths.js';
export { missingFields } from './missing-fields.js';
