import { isRegionCode } from '@titip/election';
import { isInInterest, type Replica } from '@titip/sync';
import { z } from 'zod';
import { InputFileError } from '../errors.js';
import { readInputFile } from '../files/read-input-files.js';
import { writeFileAtomic } from '../files/write-file-atomic.js';

/** The most object ids a have file lists (a whole province is well below: ~200,000 objects). */
export const MAX_HAVE_IDS = 1_000_000;
/** Largest have file read: {@link MAX_HAVE_IDS} object ids and as many photo hashes of 64 hex digits, quoted, with commas, and a little more. */
export const MAX_HAVE_FILE_BYTES = 2 * MAX_HAVE_IDS * 67 + 65_536;

const regionCode = z.string().refine((r) => r === '' || isRegionCode(r), 'a Kemendagri region code (2, 4, 6, 10 or 13 digits), or "" for the nation');

/**
 * A have file (`titip-have` v1, JSON): the ids of the objects a device holds, so that another device can export only
 * what it lacks (`titip-bundle export --have FILE`). Ids, not Automerge heads: ids are exact even between devices
 * that only ever met through bundles (heads prove nothing there, see docs/bundle-format.md).
 */
export const haveFileSchema = z.strictObject({
  kind: z.literal('titip-have'),
  v: z.literal(1),
  /** When it was written (ISO 8601, the writer's clock; informative). */
  createdAt: z.iso.datetime({ offset: true }),
  /** The regions it covers (`""` the whole data dir). */
  regions: z.array(regionCode).min(1).max(64),
  /** A note for people (e.g. "PPS Lalang Jaya laptop"). */
  label: z.string().min(1).max(200).optional(),
  /** Object ids held (lowercase hex SHA-256), sorted, each once. */
  ids: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, 'an object id (64 lowercase hex digits)'))
    .max(MAX_HAVE_IDS)
    .refine((ids) => new Set(ids).size === ids.length, 'an id is listed twice'),
  /**
   * Photos held whole (lowercase hex SHA-256), sorted, each once: an export leaves them out. Absent in files written
   * before photos travelled in bundles; the export then sends the photos of the objects it sends.
   */
  photos: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, 'a photo hash (64 lowercase hex digits)'))
    .max(MAX_HAVE_IDS)
    .refine((ids) => new Set(ids).size === ids.length, 'a photo is listed twice')
    .optional(),
});

/** A have file's content. */
export type HaveFile = z.infer<typeof haveFileSchema>;

/** What a replica holds within `regions`, as a have file; `photos`: the photos held whole (listed sorted). */
export function haveFileOf(
  replica: Pick<Replica, 'docIds' | 'objectIdsIn'>,
  regions: readonly string[] = [''],
  options: { now?: number; label?: string; photos?: readonly string[] } = {},
): HaveFile {
  const ids: string[] = [];
  for (const docId of replica.docIds()) if (isInInterest(docId, regions)) ids.push(...replica.objectIdsIn(docId));
  ids.sort();
  return {
    kind: 'titip-have',
    v: 1,
    createdAt: new Date(options.now ?? Date.now()).toISOString(),
    regions: [...regions],
    ...(options.label !== undefined ? { label: options.label } : {}),
    ids,
    ...(options.photos !== undefined ? { photos: [...new Set(options.photos)].sort() } : {}),
  };
}

/** Writes a have file whole or not at all. @throws {OutputFileError} */
export async function writeHaveFile(file: string, have: HaveFile, options: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(have)}\n`, { overwrite: options.overwrite ?? false });
}

/**
 * Reads and checks a have file.
 * @throws {InputFileError} when it cannot be read, is too large, is not JSON or not a `titip-have` v1 file.
 */
export async function readHaveFile(file: string): Promise<HaveFile> {
  return parseHaveFile((await readInputFile(file, MAX_HAVE_FILE_BYTES)).toString('utf8'), file);
}

/**
 * Checks the text of a have file (what {@link readHaveFile} does once the file is read); `file` names it in errors.
 * @throws {InputFileError} when it is not JSON or not a `titip-have` v1 file.
 */
export function parseHaveFile(text: string, file: string): HaveFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputFileError(file, `titip-have file is not JSON: ${(error as Error).message}`);
  }
  const parsed = haveFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.slice(0, 2).join('.') || '(root)'}: ${i.message}`);
    throw new InputFileError(file, `not a titip-have v1 file (written by titip-bundle have): ${issues.join('; ')}`);
  }
  return parsed.data;
}
