import { readBoundedFile } from '@titip/config/node';
import { join } from 'node:path';
import { isRegionCode, parseRegionCode } from '@titip/election';
import { z } from 'zod';
import { InputFileError } from '../errors.js';
import { writeFileAtomic } from '../files/write-file-atomic.js';

/** The file in an operator's data dir that names the TPS it serves (written by `submit`, read by `status`). */
export const SERVED_TPS_FILE = 'operator.json';

const tpsCode = z.string().refine((code) => isRegionCode(code) && parseRegionCode(code).level === 'tps', 'expected a TPS code (13 digits)');
const servedTpsSchema = z.strictObject({
  kind: z.literal('titip-operator-data-dir'),
  v: z.literal(1),
  tps: z.array(tpsCode).max(64),
});

/** Largest served-TPS file read (it lists at most 64 TPS codes). */
const MAX_SERVED_TPS_FILE_BYTES = 16_384;

/**
 * The TPS codes an operator's data dir was used for, as `submit` recorded them; `undefined` when it recorded none
 * (a data dir made before this file existed, or never used by `submit`).
 * @throws {InputFileError} when the file exists but cannot be read or is not what `submit` writes.
 */
export async function readServedTps(dataDir: string): Promise<string[] | undefined> {
  const path = join(dataDir, SERVED_TPS_FILE);
  let text: string;
  try {
    text = (await readBoundedFile(path, MAX_SERVED_TPS_FILE_BYTES)).toString('utf8');
  } catch (error) {
    if (((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw new InputFileError(path, (error as Error).message.replace(`${path}: `, ''), { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputFileError(path, 'is not JSON (it records the TPS this data dir serves; delete it and pass --tps)');
  }
  const parsed = servedTpsSchema.safeParse(json);
  if (!parsed.success) throw new InputFileError(path, `is not a titip-operator-data-dir v1 file (delete it and pass --tps): ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.tps;
}

/**
 * Records that the data dir serves `tps` (kept with the codes recorded before, sorted), so that `status` can tell
 * the operator's own results from the neighbours' the same desa document carries. Written atomically.
 * @throws {InputFileError} when the existing file is malformed; {@link OutputFileError} when it cannot be written.
 */
export async function recordServedTps(dataDir: string, tps: string): Promise<void> {
  const known = (await readServedTps(dataDir)) ?? [];
  if (known.includes(tps)) return;
  const file = { kind: 'titip-operator-data-dir', v: 1, tps: [...known, tps].sort() };
  await writeFileAtomic(join(dataDir, SERVED_TPS_FILE), `${JSON.stringify(file, null, 2)}\n`, { overwrite: true });
}
