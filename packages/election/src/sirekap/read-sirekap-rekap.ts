import { SirekapFormatError } from '../errors.js';
import { regionCodeProblem } from '../region/region-code-problem.js';
import { describeValue, isPaslonId, isRecord, readOptionalBoolean, readOptionalString } from './sirekap-values.js';

/** How many TPS of a region have been counted. */
export interface SirekapProgres {
  /** TPS in the region. */
  total: number;
  /** TPS published so far. */
  progres: number;
}

/** Per-region metadata of a rekap table row. */
export interface SirekapRekapRow {
  /** `psu` marker (`"Reguler"`), or null. */
  psu: string | null;
  /** Sirekap's `status_progress`, or null. */
  statusProgress: boolean | null;
  /** TPS progress (Pilkada files), or null. */
  progres: SirekapProgres | null;
  /** Percentage of TPS published, or null. */
  persen: number | null;
}

/** A Sirekap aggregate ("rekap") file: votes per paslon for each region one level below. */
export interface SirekapRekap {
  /** Sirekap's timestamp, or null. */
  ts: string | null;
  /** Sirekap's `mode`, or null. */
  mode: string | null;
  /** Votes per paslon id for the whole region, or null when absent. */
  chart: Record<string, number> | null;
  /** Votes per paslon id for each sub-region, keyed by region code. */
  table: Record<string, Record<string, number>>;
  /** Metadata of each table row, keyed by region code. */
  rows: Record<string, SirekapRekapRow>;
  /** Overall TPS progress, or null. */
  progres: SirekapProgres | null;
}

const metaKeys = new Set(['progres', 'persen', 'psu', 'status_progress']);
const maxRows = 10_000;

/**
 * Reads a Sirekap rekap file in either published shape: Pilkada 2024 (`{mode, tungsura: {chart, table}, psu,
 * progres, ts}`) or Pemilu 2024 (`{ts, psu, mode, chart, table, progres}`). Vote values that are `null` (not yet
 * counted) are left out.
 * @throws {SirekapFormatError} (with a path) on any other shape, a bad region code or a bad count.
 */
export function readSirekapRekap(json: unknown): SirekapRekap {
  if (!isRecord(json)) throw new SirekapFormatError('', `expected a rekap object, got ${describeValue(json)}`);
  let body: Record<string, unknown> = json;
  let prefix = '';
  if (json['tungsura'] !== undefined) {
    if (!isRecord(json['tungsura'])) throw new SirekapFormatError('tungsura', `expected an object, got ${describeValue(json['tungsura'])}`);
    body = json['tungsura'];
    prefix = 'tungsura.';
  }
  const rawTable = body['table'];
  if (!isRecord(rawTable)) throw new SirekapFormatError(`${prefix}table`, `expected an object, got ${describeValue(rawTable)}`);
  const codes = Object.keys(rawTable);
  if (codes.length > maxRows) throw new SirekapFormatError(`${prefix}table`, `more than ${maxRows} rows`);
  const table: Record<string, Record<string, number>> = {};
  const rows: Record<string, SirekapRekapRow> = {};
  for (const code of codes) {
    const path = `${prefix}table.${code.slice(0, 20)}`;
    const problem = regionCodeProblem(code);
    if (problem !== null) throw new SirekapFormatError(path, `not a region code: ${problem}`);
    const row = rawTable[code];
    if (row === null) {
      table[code] = {};
      rows[code] = { psu: null, statusProgress: null, progres: null, persen: null };
      continue;
    }
    if (!isRecord(row)) throw new SirekapFormatError(path, `expected an object or null, got ${describeValue(row)}`);
    table[code] = readVotes(row, path);
    rows[code] = {
      psu: readOptionalString(row['psu'], `${path}.psu`, 40),
      statusProgress: readOptionalBoolean(row['status_progress'], `${path}.status_progress`),
      progres: readProgres(row['progres'], `${path}.progres`),
      persen: readPercent(row['persen'], `${path}.persen`),
    };
  }
  const rawChart = body['chart'];
  let chart: Record<string, number> | null = null;
  if (rawChart !== null && rawChart !== undefined) {
    if (!isRecord(rawChart)) throw new SirekapFormatError(`${prefix}chart`, `expected an object or null, got ${describeValue(rawChart)}`);
    chart = readVotes(rawChart, `${prefix}chart`);
  }
  return {
    ts: readOptionalString(json['ts'], 'ts', 40),
    mode: readOptionalString(json['mode'], 'mode', 40),
    chart,
    table,
    rows,
    progres: readProgres(json['progres'], 'progres'),
  };
}

function readVotes(row: Record<string, unknown>, path: string): Record<string, number> {
  const votes: Record<string, number> = {};
  for (const key of Object.keys(row)) {
    if (metaKeys.has(key) || key === 'null') continue;
    if (!isPaslonId(key)) throw new SirekapFormatError(`${path}.${key.slice(0, 40)}`, 'not a paslon id');
    const count = readRekapCount(row[key], `${path}.${key}`);
    if (count !== undefined) votes[key] = count;
  }
  return votes;
}

/** Aggregate counts may exceed the per-TPS maximum: any non-negative safe integer. */
function readRekapCount(value: unknown, path: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new SirekapFormatError(path, `expected a non-negative integer or null, got ${describeValue(value)}`);
  }
  return value;
}

function readProgres(value: unknown, path: string): SirekapProgres | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new SirekapFormatError(path, `expected an object or null, got ${describeValue(value)}`);
  const total = readRekapCount(value['total'], `${path}.total`);
  const progres = readRekapCount(value['progres'], `${path}.progres`);
  if (total === undefined || progres === undefined) throw new SirekapFormatError(path, 'expected {total, progres}');
  return { total, progres };
}

function readPercent(value: unknown, path: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new SirekapFormatError(path, `expected a percentage or null, got ${describeValue(value)}`);
  }
  return value;
}
