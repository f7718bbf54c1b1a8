import { SirekapFormatError } from '../errors.js';
import { parseElectionDefinition, type ElectionDefinition, type FormType } from './election-definition.js';
import { knownElections } from './known-elections.js';
import type { Paslon } from './paslon.js';

/** Options of {@link electionFromSirekapPaslon}; anything given overrides what the source or the defaults say. */
export interface SirekapPaslonOptions {
  /** Election id (`'ppwp'`, `'pkwkp'`, `'pkwkk'` have defaults in {@link knownElections}). */
  id: string;
  /** @default the source's `jenis` without its `(id)` suffix, else the known name */
  name?: string;
  /** @default from {@link knownElections} */
  form?: FormType;
  /** Covered region. @default the source's `wilayah.kode`, else the known region (`''` for `ppwp`) */
  region?: string;
  /** @default from {@link knownElections} */
  date?: string;
  /** @default from {@link knownElections} */
  maxVotersPerTps?: number;
  /** Id given to the kolom kosong option added when there is a single pair. @default 'kolom-kosong' */
  kolomKosongId?: string;
}

/**
 * Builds an election definition from Sirekap candidate JSON. Accepted shapes:
 * - `{ wilayah?: {kode}, jenis?, paslon: [{id, nomor_urut, nama, …}] }` (one entry of `paslon-1906.json`),
 * - a file holding such entries by election id (the whole `paslon-1906.json`; `options.id` picks one),
 * - `{ "<id>": {nomor_urut, nama, …}, … }` (Sirekap's `ppwp.json`),
 * - `[{id, nomor_urut, nama}, …]`.
 * A single pair gets a kolom kosong option (nomorUrut 0).
 * @throws {SirekapFormatError} when the JSON has none of these shapes.
 * @throws {InvalidElectionDefinitionError} when the result is not a valid definition (e.g. no region known).
 */
export function electionFromSirekapPaslon(json: unknown, options: SirekapPaslonOptions): ElectionDefinition {
  let source = json;
  if (isObject(source) && !Array.isArray(source) && isObject(source[options.id]) && !('nomor_urut' in (source[options.id] as object))) {
    source = source[options.id];
  }
  let entries: Paslon[];
  let wilayahKode: string | undefined;
  let jenis: string | undefined;
  if (Array.isArray(source)) {
    entries = source.map((e, i) => readEntry(e, `[${i}]`));
  } else if (isObject(source) && Array.isArray(source['paslon'])) {
    entries = source['paslon'].map((e, i) => readEntry(e, `paslon[${i}]`));
    const wilayah = source['wilayah'];
    if (wilayah !== undefined) {
      if (!isObject(wilayah) || typeof wilayah['kode'] !== 'string') throw new SirekapFormatError('wilayah.kode', 'expected a string');
      wilayahKode = wilayah['kode'];
    }
    if (source['jenis'] !== undefined) {
      if (typeof source['jenis'] !== 'string') throw new SirekapFormatError('jenis', 'expected a string');
      jenis = source['jenis'].replace(/\s*\([^)]*\)\s*$/, '').trim();
    }
  } else if (isObject(source)) {
    entries = Object.entries(source)
      .filter(([key]) => !key.startsWith('_'))
      .map(([key, value]) => readEntry(isObject(value) ? { ...value, id: key } : value, key));
  } else {
    throw new SirekapFormatError('', 'expected an array or an object of paslon');
  }
  if (entries.length === 0) throw new SirekapFormatError('', 'no paslon found');
  entries.sort((a, b) => a.nomorUrut - b.nomorUrut);
  if (entries.length === 1) {
    entries.push({ id: options.kolomKosongId ?? 'kolom-kosong', nomorUrut: 0, nama: 'Kolom Kosong', kolomKosong: true });
  }
  const known = knownElections[options.id];
  return parseElectionDefinition({
    id: options.id,
    name: options.name ?? (jenis !== undefined && jenis !== '' ? jenis : known?.name),
    form: options.form ?? known?.form,
    region: options.region ?? wilayahKode ?? known?.region,
    date: options.date ?? known?.date,
    maxVotersPerTps: options.maxVotersPerTps ?? known?.maxVotersPerTps,
    paslon: entries,
  });
}

function readEntry(entry: unknown, path: string): Paslon {
  if (!isObject(entry)) throw new SirekapFormatError(path, 'expected a paslon object');
  const { id, nomor_urut: nomorUrut, nama } = entry;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isSafeInteger(id))) {
    throw new SirekapFormatError(`${path}.id`, 'expected a string or integer id');
  }
  if (typeof nomorUrut !== 'number' || !Number.isInteger(nomorUrut)) {
    throw new SirekapFormatError(`${path}.nomor_urut`, 'expected an integer');
  }
  if (typeof nama !== 'string') throw new SirekapFormatError(`${path}.nama`, 'expected a string');
  return { id: String(id), nomorUrut, nama };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
