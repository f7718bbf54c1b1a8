import { InvalidCHasilError } from '../errors.js';
import type { CHasilPpwp } from '../form/c-hasil-ppwp.js';
import { getField } from '../form/field-paths.js';
import { partialCHasilSchema, type PartialCHasil } from '../form/partial-c-hasil.js';
import { toValidationIssues } from '../validation-issues.js';
import { administrasiFields, type SirekapAdministrasi, type SirekapTpsJson } from './sirekap-tps-json.js';

/** What a Sirekap TPS file carries besides the numbers; all optional. */
export interface SirekapTpsExtra {
  /** Photo URLs by page index. @default [] */
  images?: Array<string | null>;
  /** @default null */
  ts?: string | null;
  /** @default null */
  psu?: string | null;
  /** `null` leaves the key out, as older Sirekap records do. @default 'hhcw' */
  mode?: string | null;
  /** @default true when votes are present */
  statusSuara?: boolean;
  /** @default true when any administration number is present */
  statusAdm?: boolean;
}

/**
 * Writes a PPWP form as a Sirekap per-TPS "hhcw" JSON object. Lossy by design: Sirekap has no ballots, no
 * disabilitas and no pemilih DPTb/DPK/total, so those are dropped; missing numbers are omitted, a form with no
 * votes gets `chart: null` and one with no administration numbers `administrasi: null`.
 * `readSirekapTps(writeSirekapTps(form))` gives back the fields Sirekap has.
 * @throws {InvalidCHasilError} when `form` is invalid or not a `ppwp` form.
 */
export function writeSirekapTps(form: CHasilPpwp | PartialCHasil, extra: SirekapTpsExtra = {}): SirekapTpsJson {
  const parsed = partialCHasilSchema.safeParse(form);
  if (!parsed.success) throw new InvalidCHasilError(toValidationIssues(parsed.error));
  if (parsed.data.form !== 'ppwp') {
    throw new InvalidCHasilError([{ path: 'form', message: 'Sirekap hhcw TPS files carry the ppwp form only' }]);
  }
  const votes = parsed.data.suara?.paslon;
  const chart = votes === undefined ? null : { ...votes };
  const administrasi: SirekapAdministrasi = {};
  let anyAdministrasi = false;
  for (const [key, path] of administrasiFields) {
    const value = getField(parsed.data, path);
    if (value !== undefined) {
      administrasi[key] = value;
      anyAdministrasi = true;
    }
  }
  const mode = extra.mode === undefined ? 'hhcw' : extra.mode;
  return {
    ...(mode === null ? {} : { mode }),
    chart,
    images: [...(extra.images ?? [])],
    administrasi: anyAdministrasi ? administrasi : null,
    psu: extra.psu ?? null,
    ts: extra.ts ?? null,
    status_suara: extra.statusSuara ?? (chart !== null && Object.keys(chart).length > 0),
    status_adm: extra.statusAdm ?? anyAdministrasi,
  };
}
