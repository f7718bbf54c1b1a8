import { z } from 'zod';
import { desaCodeSchema, kabupatenCodeSchema, kecamatanCodeSchema } from '@titip/election';

/** The file names of the dataset, relative to the data folder. */
export const dataFileNames = {
  wilayah: 'wilayah.json',
  paslon: 'paslon-1906.json',
  pkwkp: 'pilkada2024-pkwkp-1906.json',
  pkwkk: 'pilkada2024-pkwkk-1906.json',
} as const;

/** Which file: `wilayah`, `paslon`, or the rekap of an election. */
export type DataFileKey = keyof typeof dataFileNames;

const name = z.string().trim().min(1).max(100);
const tpsNumber = z.string().regex(/^\d{3}$/, 'expected a 3-digit TPS number').refine((n) => n !== '000', 'TPS 000');

const desaFileSchema = z.object({
  kode: desaCodeSchema,
  nama: name,
  nama_kpu: name,
  tps_pemilu2024: z.int().min(1).max(999),
  tps_pemilu2024_nomor: z.array(tpsNumber).max(999),
});

const kecamatanFileSchema = z.object({
  kode: kecamatanCodeSchema,
  nama: name,
  nama_kpu: name,
  tps_pilkada2024: z.int().min(1).max(9999),
  tps_pemilu2024: z.int().min(1).max(9999),
  desa: z.array(desaFileSchema).min(1).max(500),
});

/** `wilayah.json`: the kabupaten, its kecamatan and desa with TPS counts; codes nested and unique, counts agreeing. */
export const wilayahFileSchema = z
  .object({
    kabupaten: z.object({ kode: kabupatenCodeSchema, nama: name }),
    kecamatan: z.array(kecamatanFileSchema).min(1).max(100),
  })
  .superRefine((w, ctx) => {
    const seen = new Set<string>();
    w.kecamatan.forEach((k, i) => {
      if (!k.kode.startsWith(w.kabupaten.kode)) {
        ctx.addIssue({ code: 'custom', path: ['kecamatan', i, 'kode'], message: `not in kabupaten ${w.kabupaten.kode}` });
      }
      if (seen.has(k.kode)) ctx.addIssue({ code: 'custom', path: ['kecamatan', i, 'kode'], message: 'duplicate code' });
      seen.add(k.kode);
      const pemilu = k.desa.reduce((s, d) => s + d.tps_pemilu2024, 0);
      if (pemilu !== k.tps_pemilu2024) {
        ctx.addIssue({ code: 'custom', path: ['kecamatan', i, 'tps_pemilu2024'], message: `${k.tps_pemilu2024} ≠ Σ desa ${pemilu}` });
      }
      k.desa.forEach((d, j) => {
        const path = ['kecamatan', i, 'desa', j];
        if (!d.kode.startsWith(k.kode)) ctx.addIssue({ code: 'custom', path: [...path, 'kode'], message: `not in kecamatan ${k.kode}` });
        if (seen.has(d.kode)) ctx.addIssue({ code: 'custom', path: [...path, 'kode'], message: 'duplicate code' });
        seen.add(d.kode);
        if (d.tps_pemilu2024_nomor.length !== d.tps_pemilu2024 || new Set(d.tps_pemilu2024_nomor).size !== d.tps_pemilu2024) {
          ctx.addIssue({ code: 'custom', path: [...path, 'tps_pemilu2024_nomor'], message: `expected ${d.tps_pemilu2024} distinct numbers` });
        }
      });
    });
  });
/** The parsed `wilayah.json`. */
export type WilayahFile = z.infer<typeof wilayahFileSchema>;

const paslonEntrySchema = z.object({
  wilayah: z.object({ kode: z.string(), nama: name }),
  jenis: z.string().max(200),
  paslon: z
    .array(z.object({ id: z.string().regex(/^[0-9A-Za-z_-]{1,40}$/), nomor_urut: z.int().min(1).max(99), nama: z.string().min(1).max(300) }))
    .min(1)
    .max(20),
});

/** `paslon-1906.json`: one entry per election (`pkwkk`, `pkwkp`), each `{wilayah, jenis, paslon}`. */
export const paslonFileSchema = z.object({ pkwkk: paslonEntrySchema, pkwkp: paslonEntrySchema });
/** The parsed `paslon-1906.json`. */
export type PaslonFile = z.infer<typeof paslonFileSchema>;

/** The envelope of a Pilkada 2024 rekap file (`{mode, tungsura: {chart, table}, psu, progres, ts}`); the rows are read by `readSirekapRekap`. */
export const rekapFileSchema = z.object({
  mode: z.string().max(40).nullish(),
  tungsura: z.object({
    chart: z.record(z.string(), z.unknown()).nullish(),
    table: z.record(z.string(), z.unknown()),
  }),
  ts: z.string().max(40).nullish(),
});
