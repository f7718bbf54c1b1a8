import type { ElectionDefinition } from '../election/election-definition.js';
import { ElectionMismatchError, InvalidCHasilError, SirekapFormatError } from '../errors.js';
import type { PartialCHasilPpwp } from '../form/c-hasil-ppwp.js';
import { partialCHasilPpwpSchema } from '../form/c-hasil-ppwp.js';
import { missingFields } from '../form/missing-fields.js';
import { desaOfTps } from '../region/tps-code.js';
import { checkCHasil } from '../rules/check-c-hasil.js';
import type { RuleReport } from '../rules/violation.js';
import { toValidationIssues } from '../validation-issues.js';
import { administrasiFields } from './sirekap-tps-json.js';
import { describeValue, isPaslonId, isRecord, readCount, readOptionalBoolean, readOptionalString } from './sirekap-values.js';

/** Options of {@link readSirekapTps}. */
export interface ReadSirekapTpsOptions {
  /** The 13-digit TPS code the file belongs to (Sirekap files do not say; image names are checked against it). */
  tps: string;
  /** The `ppwp` election: adds the `paslon-set` check and the per-TPS cap warning. */
  election?: ElectionDefinition;
}

/** A Sirekap TPS record read into Titip's terms. */
export interface SirekapTps {
  /** The TPS code given in the options. */
  tps: string;
  /** The numbers Sirekap published, as a partial PPWP C.Hasil (no ballots, no disabilitas, no pemilih DPTb/DPK). */
  form: PartialCHasilPpwp;
  /** Photo URLs by page index (`null` where a page was not published). */
  images: Array<string | null>;
  /** Sirekap's timestamp (`"YYYY-MM-DD HH:MM:SS"`, WIB), or null. */
  ts: string | null;
  /** Sirekap's `mode` (`"hhcw"`), null on older records that lack it. */
  mode: string | null;
  /** Sirekap's `psu` (re-vote marker), usually null. */
  psu: string | null;
  /** Sirekap's `status_suara` (votes published), or null. */
  statusSuara: boolean | null;
  /** Sirekap's `status_adm` (administration published), or null. */
  statusAdm: boolean | null;
  /** The rules run on `form` (with the election when given). */
  report: RuleReport;
  /** Dotted paths of what Sirekap did not publish (see {@link missingFields}). */
  missing: string[];
  /** Keys of the file that were not understood and were dropped (e.g. `administrasi.foo`). */
  ignored: string[];
}

const knownTopKeys = new Set(['mode', 'chart', 'images', 'administrasi', 'psu', 'ts', 'status_suara', 'status_adm']);
const maxImages = 50;
const maxChartKeys = 100;

/**
 * Reads one Sirekap per-TPS "hhcw" JSON file (Pemilu 2024 presidential) and checks it. Handles `chart: null`,
 * the `"null": null` chart key, `administrasi: null`, records without `mode`; `pengguna_non_dpt` becomes DPK.
 * @throws {SirekapFormatError} (with a path) when the JSON does not have that shape, or is an aggregate file.
 * @throws {InvalidRegionCodeError} when `options.tps` is not a TPS code.
 * @throws {ElectionMismatchError} when `options.election` is not a `ppwp` election.
 */
export function readSirekapTps(json: unknown, options: ReadSirekapTpsOptions): SirekapTps {
  const { tps, election } = options;
  desaOfTps(tps);
  if (election !== undefined && election.form !== 'ppwp') throw new ElectionMismatchError('ppwp', election.form, election.id);
  if (!isRecord(json)) throw new SirekapFormatError('', `expected a TPS record object, got ${describeValue(json)}`);
  if ('table' in json || 'tungsura' in json) {
    throw new SirekapFormatError('table', 'this is an aggregate (rekap) file, not a TPS record: use readSirekapRekap');
  }
  const ignored = Object.keys(json).filter((k) => !knownTopKeys.has(k));
  const values: Array<[string, number]> = [];

  const chart = json['chart'];
  let hasChart = false;
  if (chart !== null && chart !== undefined) {
    if (!isRecord(chart)) throw new SirekapFormatError('chart', `expected an object or null, got ${describeValue(chart)}`);
    const keys = Object.keys(chart);
    if (keys.length > maxChartKeys) throw new SirekapFormatError('chart', `more than ${maxChartKeys} keys`);
    hasChart = true;
    for (const key of keys) {
      const value = chart[key];
      if (key === 'null') {
        if (value !== null) throw new SirekapFormatError('chart.null', `expected null, got ${describeValue(value)}`);
        continue;
      }
      if (!isPaslonId(key)) throw new SirekapFormatError(`chart.${key.slice(0, 40)}`, 'not a paslon id');
      const count = readCount(value, `chart.${key}`);
      if (count !== undefined) values.push([`suara.paslon.${key}`, count]);
    }
  }

  const administrasi = json['administrasi'];
  if (administrasi !== null && administrasi !== undefined) {
    if (!isRecord(administrasi)) {
      throw new SirekapFormatError('administrasi', `expected an object or null, got ${describeValue(administrasi)}`);
    }
    const known = new Set<string>(administrasiFields.map(([key]) => key));
    for (const key of Object.keys(administrasi)) if (!known.has(key)) ignored.push(`administrasi.${key}`);
    for (const [key, path] of administrasiFields) {
      const count = readCount(administrasi[key], `administrasi.${key}`);
      if (count !== undefined) values.push([path, count]);
    }
  }

  const images = readImages(json['images'], tps);
  const form = buildForm(values, hasChart);
  return {
    tps,
    form,
    images,
    ts: readOptionalString(json['ts'], 'ts', 40),
    mode: readOptionalString(json['mode'], 'mode', 40),
    psu: readOptionalString(json['psu'], 'psu', 40),
    statusSuara: readOptionalBoolean(json['status_suara'], 'status_suara'),
    statusAdm: readOptionalBoolean(json['status_adm'], 'status_adm'),
    report: checkCHasil(form, election),
    missing: missingFields(form, election),
    ignored,
  };
}

function readImages(value: unknown, tps: string): Array<string | null> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SirekapFormatError('images', `expected an array, got ${describeValue(value)}`);
  if (value.length > maxImages) throw new SirekapFormatError('images', `more than ${maxImages} images`);
  return value.map((url, i) => {
    const image = readOptionalString(url, `images[${i}]`, 2048);
    const name = image?.slice(image.lastIndexOf('/') + 1);
    const code = name?.match(/^([0-9]{13})-/)?.[1];
    if (code !== undefined && code !== tps) {
      throw new SirekapFormatError(`images[${i}]`, `photo of TPS ${code}, not of TPS ${tps}`);
    }
    return image;
  });
}

/** Builds the partial form from `[path, value]` pairs; `suara.paslon` exists (maybe empty) when the chart did. */
function buildForm(values: Array<[string, number]>, hasChart: boolean): PartialCHasilPpwp {
  const root: Record<string, unknown> = { form: 'ppwp' };
  if (hasChart) root['suara'] = { paslon: {} };
  for (const [path, value] of values) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      if (!isRecord(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] as string] = value;
  }
  const parsed = partialCHasilPpwpSchema.safeParse(root);
  if (!parsed.success) throw new InvalidCHasilError(toValidationIssues(parsed.error));
  return parsed.data;
}
