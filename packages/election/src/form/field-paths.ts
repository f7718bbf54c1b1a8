import type { FormType } from '../election/election-definition.js';
import type { CHasil } from './c-hasil.js';
import { voterCategoriesOf } from './categories.js';
import { genderKeys } from './gendered.js';
import type { PartialCHasil } from './partial-c-hasil.js';

/** Dotted paths of the numeric fields of the ballot section, in form order. */
export const suratSuaraFields = ['diterima', 'digunakan', 'dikembalikan', 'tidakDigunakan'] as const;

/**
 * Dotted paths of every number of a complete form of type `form`, in form order, e.g. `pemilih.dpt.l`,
 * `suara.paslon.100025`. Vote fields follow `paslonIds`.
 */
export function fieldPaths(form: FormType, paslonIds: readonly string[]): string[] {
  const paths: string[] = [];
  for (const section of ['pemilih', 'pengguna']) {
    for (const row of [...voterCategoriesOf(form), 'total']) for (const g of genderKeys) paths.push(`${section}.${row}.${g}`);
  }
  for (const row of ['pemilih', 'pengguna']) for (const g of genderKeys) paths.push(`disabilitas.${row}.${g}`);
  for (const f of suratSuaraFields) paths.push(`suratSuara.${f}`);
  for (const id of paslonIds) paths.push(`suara.paslon.${id}`);
  paths.push('suara.sah', 'suara.tidakSah', 'suara.total');
  return paths;
}

/**
 * The number at a dotted path (`'pengguna.total.j'`, `'suara.paslon.1000526'`), or `undefined` when it is
 * missing. Paslon ids never contain dots, so the path is unambiguous.
 */
export function getField(form: CHasil | PartialCHasil, path: string): number | undefined {
  let node: unknown = form;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : undefined;
}

/** Every number present in a form as `[path, value]`, in form order, votes in the form's key order. */
export function presentFields(form: CHasil | PartialCHasil): Array<[string, number]> {
  const ids = Object.keys(form.suara?.paslon ?? {});
  const out: Array<[string, number]> = [];
  for (const path of fieldPaths(form.form, ids)) {
    const value = getField(form, path);
    if (value !== undefined) out.push([path, value]);
  }
  return out;
}
