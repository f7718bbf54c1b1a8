import type { FormType } from '../election/election-definition.js';
import type { CHasil } from './c-hasil.js';
import { voterCategoriesOf } from './categories.js';
import { genderKeys } from './gendered.js';
import type { PartialCHasil } from './partial-c-hasil.js';

/** Split paths by path string, so repeated lookups reuse the same (internalised) key strings. Bounded. */
const pathKeys = new Map<string, readonly string[]>();
const MAX_CACHED_PATHS = 4096;

/** Dotted paths of the numeric fields of the ballot section, in form order. */
export const suratSuaraFields = ['diterima', 'digunakan', 'dikembalikan', 'tidakDigunakan'] as const;

/** The paths before and after the votes, per form type, built once (see {@link fieldPaths}). */
function staticPaths(form: FormType): { head: readonly string[]; tail: readonly string[] } {
  const head: string[] = [];
  for (const section of ['pemilih', 'pengguna']) {
    for (const row of [...voterCategoriesOf(form), 'total']) for (const g of genderKeys) head.push(`${section}.${row}.${g}`);
  }
  for (const row of ['pemilih', 'pengguna']) for (const g of genderKeys) head.push(`disabilitas.${row}.${g}`);
  for (const f of suratSuaraFields) head.push(`suratSuara.${f}`);
  return { head, tail: ['suara.sah', 'suara.tidakSah', 'suara.total'] };
}
const STATIC_PATHS = { kwk: staticPaths('kwk'), ppwp: staticPaths('ppwp') };

/**
 * Dotted paths of every number of a complete form of type `form`, in form order, e.g. `pemilih.dpt.l`,
 * `suara.paslon.100025`. Vote fields follow `paslonIds`.
 */
export function fieldPaths(form: FormType, paslonIds: readonly string[]): string[] {
  const { head, tail } = STATIC_PATHS[form === 'kwk' ? 'kwk' : 'ppwp'];
  return [...head, ...paslonIds.map(paslonPath), ...tail];
}

const paslonPaths = new Map<string, string>();

/**
 * `suara.paslon.<id>`, the same string object for the same id (bounded cache), so rules hand `getField`
 * strings whose lookups are cheap. Internal.
 */
export function paslonPath(id: string): string {
  let path = paslonPaths.get(id);
  if (path === undefined) {
    path = `suara.paslon.${id}`;
    if (paslonPaths.size >= MAX_CACHED_PATHS) paslonPaths.clear();
    paslonPaths.set(id, path);
  }
  return path;
}

function keysOf(path: string): readonly string[] {
  let keys = pathKeys.get(path);
  if (keys === undefined) {
    keys = path.split('.');
    if (pathKeys.size >= MAX_CACHED_PATHS) pathKeys.clear();
    pathKeys.set(path, keys);
  }
  return keys;
}

/**
 * The number at a dotted path (`'pengguna.total.j'`, `'suara.paslon.1000526'`), or `undefined` when it is
 * missing. Paslon ids never contain dots, so the path is unambiguous.
 */
export function getField(form: CHasil | PartialCHasil, path: string): number | undefined {
  let node: unknown = form;
  for (const key of keysOf(path)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : undefined;
}

/**
 * Calls `visit` with every number present in a form, in form order, votes in the form's key order, without
 * building the list (rules run it on every check). Internal; {@link presentFields} is the public form.
 */
export function forEachPresentField(form: CHasil | PartialCHasil, visit: (path: string, value: number) => void): void {
  const { head, tail } = STATIC_PATHS[form.form === 'kwk' ? 'kwk' : 'ppwp'];
  const each = (path: string): void => {
    const value = getField(form, path);
    if (value !== undefined) visit(path, value);
  };
  for (const path of head) each(path);
  for (const id of Object.keys(form.suara?.paslon ?? {})) each(paslonPath(id));
  for (const path of tail) each(path);
}

/** Every number present in a form as `[path, value]`, in form order, votes in the form's key order. */
export function presentFields(form: CHasil | PartialCHasil): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  forEachPresentField(form, (path, value) => out.push([path, value]));
  return out;
}
