import { PASLON_ID_PATTERN } from '../election/paslon.js';
import type { CHasil } from './c-hasil.js';
import { kwkCategories, ppwpCategories } from './categories.js';
import { maxCount } from './count.js';
import { genderKeys } from './gendered.js';
import { maxPaslon } from './sections.js';
import { suratSuaraFields } from './field-paths.js';

/** A plain object (what a decoder or JSON.parse produces); anything else is left to the schema. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` is a plain object with exactly these own keys. */
function hasExactly(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (!isPlain(value)) return false;
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= maxCount;
}

function isGendered(value: unknown): boolean {
  return hasExactly(value, genderKeys) && isCount(value.l) && isCount(value.p) && isCount(value.j);
}

const VOTER_ROWS = { kwk: [...kwkCategories, 'total'], ppwp: [...ppwpCategories, 'total'] } as const;
const FORM_KEYS = ['form', 'pemilih', 'pengguna', 'disabilitas', 'suratSuara', 'suara'] as const;
const SUARA_KEYS = ['paslon', 'sah', 'tidakSah', 'total'] as const;
const DISABILITAS_KEYS = ['pemilih', 'pengguna'] as const;

function isVoters(value: unknown, rows: readonly string[]): boolean {
  if (!hasExactly(value, rows)) return false;
  for (const row of rows) if (!isGendered(value[row])) return false;
  return true;
}

function isVotes(value: unknown): boolean {
  if (!isPlain(value) || Object.hasOwn(value, '__proto__')) return false;
  const ids = Object.keys(value);
  if (ids.length === 0 || ids.length > maxPaslon) return false;
  for (const id of ids) if (!PASLON_ID_PATTERN.test(id) || !isCount(value[id])) return false;
  return true;
}

/**
 * Whether `value` passes `cHasilSchema` (a complete form of either layout), decided without zod: the same
 * rules (strict keys, counts 0–99,999, 1–100 paslon with valid ids, no `__proto__` key), about five times
 * faster. For hot paths that see valid forms almost always: on `false`, use the schema for its issues. Only
 * plain objects are recognised; the tests compare it with the schema on valid forms and on mutations of every
 * field.
 */
export function passesCHasilSchema(value: unknown): value is CHasil {
  if (!hasExactly(value, FORM_KEYS)) return false;
  const type = value.form;
  if (type !== 'kwk' && type !== 'ppwp') return false;
  const rows = VOTER_ROWS[type];
  if (!isVoters(value.pemilih, rows) || !isVoters(value.pengguna, rows)) return false;
  const { disabilitas, suratSuara, suara } = value;
  if (!hasExactly(disabilitas, DISABILITAS_KEYS) || !isGendered(disabilitas.pemilih) || !isGendered(disabilitas.pengguna)) return false;
  if (!hasExactly(suratSuara, suratSuaraFields)) return false;
  for (const field of suratSuaraFields) if (!isCount(suratSuara[field])) return false;
  if (!hasExactly(suara, SUARA_KEYS) || !isCount(suara.sah) || !isCount(suara.tidakSah) || !isCount(suara.total)) return false;
  return isVotes(suara.paslon);
}
