import type { z } from 'zod';
import {
  ElectionError,
  SirekapFormatError,
  electionFromSirekapPaslon,
  readSirekapRekap,
  type ElectionDefinition,
} from '@titip/election';
import { electionKeys, type BelitungTimur, type ElectionKey, type Kecamatan, type PublishedTotals } from './belitung-timur.js';
import { dataFileNames, paslonFileSchema, rekapFileSchema, wilayahFileSchema, type DataFileKey } from './data-files.js';
import { DataFileError, DataInconsistencyError } from './errors.js';

/** The parsed JSON of the four data files, by key. */
export type BelitungTimurFiles = Record<DataFileKey, unknown>;

/** Pilkada 2024 facts the data files do not carry: voting day and the per-TPS cap. */
const pilkada2024 = { date: '2024-11-27', maxVotersPerTps: 600 } as const;

/**
 * Builds the dataset from the parsed JSON of its files (no I/O; {@link loadBelitungTimur} reads them from disk).
 * @throws {DataFileError} when a file does not have its expected shape (`problem: 'invalid'`, with every issue).
 * @throws {DataInconsistencyError} when the files disagree (kecamatan, paslon ids or TPS counts).
 */
export function parseBelitungTimur(files: BelitungTimurFiles): BelitungTimur {
  const wilayah = parseFile('wilayah', wilayahFileSchema, files.wilayah);
  const paslonFile = parseFile('paslon', paslonFileSchema, files.paslon);
  const kabupaten = wilayah.kabupaten;
  const provinsi = kabupaten.kode.slice(0, 2);
  const kecamatan: Kecamatan[] = wilayah.kecamatan.map((k) => ({
    kode: k.kode,
    nama: k.nama,
    namaKpu: k.nama_kpu,
    tpsPilkada: k.tps_pilkada2024,
    desa: k.desa.map((d) => ({ kode: d.kode, nama: d.nama, namaKpu: d.nama_kpu, tpsPemilu: d.tps_pemilu2024 })),
  }));
  const regions: Record<ElectionKey, string> = { pkwkp: provinsi, pkwkk: kabupaten.kode };
  const elections = {} as Record<ElectionKey, ElectionDefinition>;
  const published = {} as Record<ElectionKey, PublishedTotals>;
  const publishedTs = {} as Record<ElectionKey, string | null>;
  for (const key of electionKeys) {
    const entry = paslonFile[key];
    if (entry.wilayah.kode !== regions[key]) {
      throw new DataInconsistencyError(`${dataFileNames.paslon}: ${key} is for region ${entry.wilayah.kode}, expected ${regions[key]}`);
    }
    elections[key] = fileStep('paslon', `${key}.`, () =>
      electionFromSirekapPaslon(entry, { id: key, region: regions[key], ...pilkada2024 }));
    const rekapJson = files[key];
    parseFile(key, rekapFileSchema, rekapJson);
    const rekap = fileStep(key, '', () => readSirekapRekap(rekapJson));
    published[key] = checkRekap(key, rekap.table, rekap.rows, kecamatan, elections[key]);
    publishedTs[key] = rekap.ts;
  }
  return { kabupaten: { kode: kabupaten.kode, nama: kabupaten.nama }, kecamatan, elections, published, publishedTs };
}

function checkRekap(
  key: ElectionKey,
  table: PublishedTotals,
  rows: ReturnType<typeof readSirekapRekap>['rows'],
  kecamatan: readonly Kecamatan[],
  election: ElectionDefinition,
): PublishedTotals {
  const file = dataFileNames[key];
  const expectedCodes = kecamatan.map((k) => k.kode).sort();
  const codes = Object.keys(table).sort();
  if (codes.join() !== expectedCodes.join()) {
    throw new DataInconsistencyError(`${file}: kecamatan ${codes.join(', ')} ≠ wilayah's ${expectedCodes.join(', ')}`);
  }
  const paslonIds = election.paslon.map((p) => p.id).sort().join();
  const result: PublishedTotals = {};
  for (const k of kecamatan) {
    const votes = table[k.kode] ?? {};
    if (Object.keys(votes).sort().join() !== paslonIds) {
      throw new DataInconsistencyError(`${file}: kecamatan ${k.kode} has votes for [${Object.keys(votes).join(', ')}], expected [${paslonIds}]`);
    }
    const total = rows[k.kode]?.progres?.total;
    if (total !== undefined && total !== k.tpsPilkada) {
      throw new DataInconsistencyError(`${file}: kecamatan ${k.kode} has ${total} TPS, wilayah says ${k.tpsPilkada}`);
    }
    result[k.kode] = Object.fromEntries(election.paslon.map((p) => [p.id, votes[p.id] ?? 0]));
  }
  return result;
}

function parseFile<S extends z.ZodType>(key: DataFileKey, schema: S, json: unknown): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(dataFileNames[key], 'invalid', parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => String(p)).join('.'),
      message: issue.message,
    })));
  }
  return parsed.data;
}

/**
 * Runs a `@titip/election` reader on (part of) a file, turning its typed errors into a {@link DataFileError} for
 * that file; `prefix` locates the part read within the file (`pkwkp.`).
 */
function fileStep<T>(key: DataFileKey, prefix: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof SirekapFormatError) {
      throw new DataFileError(dataFileNames[key], 'invalid', [{ path: `${prefix}${err.path}`, message: err.detail }]);
    }
    if (err instanceof ElectionError) {
      const issues = 'issues' in err && Array.isArray(err.issues) ? (err.issues as { path: string; message: string }[]) : [];
      throw new DataFileError(dataFileNames[key], 'invalid', issues.length > 0
        ? issues.map((i) => ({ path: `${prefix}${i.path}`, message: i.message }))
        : [{ path: prefix.replace(/\.$/, ''), message: err.message }]);
    }
    throw err;
  }
}
