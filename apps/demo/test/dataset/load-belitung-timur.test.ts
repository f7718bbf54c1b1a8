import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseElectionDefinition } from '@titip/election';
import {
  DataFileError,
  DataInconsistencyError,
  dataFileNames,
  defaultDataDir,
  loadBelitungTimur,
  maxDataFileBytes,
  parseBelitungTimur,
  type BelitungTimurFiles,
  type DataFileKey,
} from '../../src/dataset/index.js';

const dataDir = fileURLToPath(defaultDataDir);
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));
const realFiles = (): BelitungTimurFiles => ({
  wilayah: readJson(dataFileNames.wilayah),
  paslon: readJson(dataFileNames.paslon),
  pkwkp: readJson(dataFileNames.pkwkp),
  pkwkk: readJson(dataFileNames.pkwkk),
});

describe('loadBelitungTimur', () => {
  const dataset = loadBelitungTimur();

  it('resolves the data folder to apps/demo/data from src/ (and dist/, see below)', () => {
    expect(dataDir.endsWith('/apps/demo/data/')).toBe(true);
  });

  it('has 7 kecamatan and 39 desa of kabupaten 1906 with the published TPS counts', () => {
    expect(dataset.kabupaten).toEqual({ kode: '1906', nama: 'Kabupaten Belitung Timur' });
    expect(dataset.kecamatan.map((k) => [k.kode, k.nama, k.tpsPilkada])).toEqual([
      ['190601', 'Manggar', 58], ['190602', 'Gantung', 43], ['190603', 'Dendang', 16], ['190604', 'Kelapa Kampit', 28],
      ['190605', 'Damar', 19], ['190606', 'Simpang Renggiang', 12], ['190607', 'Simpang Pesak', 16],
    ]);
    expect(dataset.kecamatan.flatMap((k) => k.desa)).toHaveLength(39);
    expect(dataset.kecamatan.reduce((s, k) => s + k.tpsPilkada, 0)).toBe(192);
    expect(dataset.kecamatan.flatMap((k) => k.desa).reduce((s, d) => s + d.tpsPemilu, 0)).toBe(363);
    expect(dataset.kecamatan[0]?.desa[0]).toEqual({ kode: '1906012001', nama: 'Lalang Jaya', namaKpu: 'LALANG JAYA', tpsPemilu: 10 });
  });

  it('defines both elections from the paslon file', () => {
    const { pkwkp, pkwkk } = dataset.elections;
    expect(parseElectionDefinition(pkwkp)).toEqual(pkwkp);
    expect({ ...pkwkp, paslon: pkwkp.paslon.map((p) => [p.id, p.nomorUrut]) }).toEqual({
      id: 'pkwkp', name: 'Pemilihan Gubernur dan Wakil Gubernur', form: 'kwk', region: '19', date: '2024-11-27',
      maxVotersPerTps: 600, paslon: [['1000019', 1], ['1000020', 2]],
    });
    expect({ ...pkwkk, paslon: pkwkk.paslon.map((p) => [p.id, p.nomorUrut]) }).toEqual({
      id: 'pkwkk', name: 'Pemilihan Bupati dan Wakil Bupati', form: 'kwk', region: '1906', date: '2024-11-27',
      maxVotersPerTps: 600, paslon: [['1000526', 1], ['1000527', 2]],
    });
    expect(pkwkk.paslon[1]?.nama).toBe('KAMARUDIN MUTEN - KHAIRIL ANWAR');
  });

  it('reads the published kecamatan totals of both rekap files', () => {
    expect(dataset.published.pkwkk['190601']).toEqual({ '1000526': 7417, '1000527': 12563 });
    expect(dataset.published.pkwkp['190607']).toEqual({ '1000019': 2846, '1000020': 1613 });
    expect(Object.keys(dataset.published.pkwkp)).toHaveLength(7);
    // The kecamatan rows add up to the kabupaten chart of each file.
    const sum = (e: 'pkwkp' | 'pkwkk', id: string): number =>
      Object.values(dataset.published[e]).reduce((s, row) => s + (row[id] ?? 0), 0);
    expect([sum('pkwkk', '1000526'), sum('pkwkk', '1000527')]).toEqual([23301, 44949]);
    expect([sum('pkwkp', '1000019'), sum('pkwkp', '1000020')]).toEqual([41395, 25288]);
    expect(dataset.publishedTs).toEqual({ pkwkp: '2024-11-28 10:15:04', pkwkk: '2024-11-28 10:15:04' });
  });

  it('loads the same from the built module in dist/', async () => {
    const built = (await import(new URL('../../dist/dataset/index.js', import.meta.url).href)) as typeof import('../../src/dataset/index.js');
    expect(built.defaultDataDir.href).toBe(defaultDataDir.href);
    expect(built.loadBelitungTimur()).toEqual(dataset);
  });

  it('parses the same from already-read JSON', () => {
    expect(parseBelitungTimur(realFiles())).toEqual(dataset);
  });
});

describe('malformed data files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A copy of the data folder with one file replaced (or removed when `content` is null). */
  const dataWith = (key: DataFileKey, content: string | null): string => {
    const dir = mkdtempSync(join(tmpdir(), 'titip-demo-data-'));
    dirs.push(dir);
    for (const name of Object.values(dataFileNames)) copyFileSync(join(dataDir, name), join(dir, name));
    if (content === null) rmSync(join(dir, dataFileNames[key]));
    else writeFileSync(join(dir, dataFileNames[key]), content);
    return dir;
  };
  const edited = (key: DataFileKey, edit: (json: any) => void): string => {
    const json = readJson(dataFileNames[key]);
    edit(json);
    return dataWith(key, JSON.stringify(json));
  };
  const fileError = (dir: string): DataFileError => {
    try {
      loadBelitungTimur({ dataDir: dir });
    } catch (err) {
      expect(err).toBeInstanceOf(DataFileError);
      return err as DataFileError;
    }
    throw new Error('expected a DataFileError');
  };

  it('loads an unchanged copy given as a path', () => {
    expect(loadBelitungTimur({ dataDir: dataWith('wilayah', readFileSync(join(dataDir, 'wilayah.json'), 'utf8')) }).kecamatan).toHaveLength(7);
  });

  it('reports a missing file', () => {
    const err = fileError(dataWith('paslon', null));
    expect([err.code, err.file, err.problem]).toEqual(['DEMO_DATA_FILE', 'paslon-1906.json', 'unreadable']);
    expect(err.issues[0]?.message).toMatch(/ENOENT/);
  });

  it('reports a file that is not JSON', () => {
    const err = fileError(dataWith('wilayah', '{"kabupaten": '));
    expect([err.file, err.problem]).toEqual(['wilayah.json', 'not-json']);
  });

  it('reports an oversized file without parsing it', () => {
    const err = fileError(dataWith('pkwkk', ' '.repeat(maxDataFileBytes + 1)));
    expect([err.file, err.problem]).toEqual(['pilkada2024-pkwkk-1906.json', 'too-large']);
  });

  it('reports schema problems in wilayah.json with paths', () => {
    const err = fileError(edited('wilayah', (w) => {
      w.kecamatan[0].desa[0].kode = '1906012';             // not a desa code
      w.kecamatan[1].tps_pilkada2024 = 'many';             // not a number
    }));
    expect(err.problem).toBe('invalid');
    expect(err.issues.map((i) => i.path)).toEqual(['kecamatan.0.desa.0.kode', 'kecamatan.1.tps_pilkada2024']);
  });

  it('reports misplaced and duplicate region codes in wilayah.json', () => {
    const err = fileError(edited('wilayah', (w) => {
      w.kecamatan[2].desa[1].kode = '1906022001';          // a desa of Gantung, listed under Dendang
    }));
    expect(err.issues).toEqual([
      { path: 'kecamatan.2.desa.1.kode', message: 'not in kecamatan 190603' },
      { path: 'kecamatan.2.desa.1.kode', message: 'duplicate code' },
    ]);
  });

  it('reports desa TPS counts that disagree with their lists', () => {
    const err = fileError(edited('wilayah', (w) => { w.kecamatan[0].desa[0].tps_pemilu2024 = 11; }));
    expect(err.issues.map((i) => i.path).sort()).toEqual(['kecamatan.0.desa.0.tps_pemilu2024_nomor', 'kecamatan.0.tps_pemilu2024']);
  });

  it('reports a malformed paslon file', () => {
    const err = fileError(edited('paslon', (p) => { p.pkwkk.paslon[0].nomor_urut = '1'; delete p.pkwkp; }));
    expect(err.file).toBe('paslon-1906.json');
    expect(err.issues.map((i) => i.path).sort()).toEqual(['pkwkk.paslon.0.nomor_urut', 'pkwkp']);
  });

  it('reports a paslon file the election domain rejects (duplicate ballot numbers)', () => {
    const err = fileError(edited('paslon', (p) => { p.pkwkp.paslon[1].nomor_urut = 1; }));
    expect([err.file, err.problem]).toEqual(['paslon-1906.json', 'invalid']);
    expect(err.issues).toEqual([{ path: 'pkwkp.paslon.1.nomorUrut', message: 'duplicate nomorUrut 1' }]);
  });

  it('reports a bad count in a rekap file with its Sirekap path', () => {
    const err = fileError(edited('pkwkp', (r) => { r.tungsura.table['190603']['1000019'] = -5; }));
    expect(err.file).toBe('pilkada2024-pkwkp-1906.json');
    expect(err.issues[0]?.path).toBe('tungsura.table.190603.1000019');
  });

  it('reports a rekap file without its tungsura envelope', () => {
    const err = fileError(edited('pkwkk', (r) => { delete r.tungsura; }));
    expect(err.issues.map((i) => i.path)).toEqual(['tungsura']);
  });

  const inconsistency = (dir: string): string => {
    try {
      loadBelitungTimur({ dataDir: dir });
    } catch (err) {
      expect(err).toBeInstanceOf(DataInconsistencyError);
      expect((err as DataInconsistencyError).code).toBe('DEMO_DATA_INCONSISTENT');
      return (err as DataInconsistencyError).detail;
    }
    throw new Error('expected a DataInconsistencyError');
  };

  it('reports rekap files that disagree with wilayah.json or the paslon', () => {
    expect(inconsistency(edited('pkwkk', (r) => { delete r.tungsura.table['190607']; }))).toMatch(/pkwkk.*190607/);
    expect(inconsistency(edited('pkwkp', (r) => { r.tungsura.table['190601']['1000526'] = 3; }))).toMatch(/190601.*1000526/);
    expect(inconsistency(edited('pkwkk', (r) => { r.tungsura.table['190602'].progres.total = 44; }))).toMatch(/190602 has 44 TPS, wilayah says 43/);
    expect(inconsistency(edited('paslon', (p) => { p.pkwkk.wilayah.kode = '1905'; }))).toMatch(/region 1905, expected 1906/);
  });
});
