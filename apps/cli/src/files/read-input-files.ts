import { ConfigFileError } from '@titip/config';
import { readBoundedFile } from '@titip/config/node';
import { cHasilSchema, electionDefinitionSchema, type CHasil, type ElectionDefinition } from '@titip/election';
import { decodeRecord, MalformedRecordError, type SubmissionRecord } from '@titip/records';
import { z } from 'zod';
import { InputFileError } from '../errors.js';

/** Largest input file read (a C.Hasil is about 1 KiB, an elections file a few KiB). */
export const MAX_INPUT_FILE_BYTES = 1_048_576;

/**
 * Reads a whole regular file, at most `maxBytes` (never more: a device or a pipe is refused unread).
 * @throws {InputFileError}
 */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_FILE_BYTES): Promise<Buffer> {
  try {
    return await readBoundedFile(path, maxBytes);
  } catch (error) {
    if (error instanceof ConfigFileError) {
      throw new InputFileError(path, error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message, { cause: error });
    }
    throw error;
  }
}

/** Reads a JSON file and checks it against a zod schema. @throws {InputFileError} */
export async function readJsonInput<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  const text = (await readInputFile(path)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputFileError(path, `${what} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InputFileError(path, `not a valid ${what}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** Reads a C.Hasil JSON file (the `cHasilSchema` shape of `@titip/election`). @throws {InputFileError} */
export function readFormFile(path: string): Promise<CHasil> {
  return readJsonInput(path, cHasilSchema, 'C.Hasil form (cHasilSchema of @titip/election)');
}

/** Reads a signed submission (the CBOR envelope `titip-operator sign` writes). @throws {InputFileError} */
export async function readSubmissionFile(path: string): Promise<SubmissionRecord> {
  const bytes = await readInputFile(path, 65_536);
  try {
    const record = decodeRecord(new Uint8Array(bytes));
    if (record.kind !== 'submission') throw new InputFileError(path, `holds a ${record.kind}, not a submission`);
    return record;
  } catch (error) {
    if (error instanceof MalformedRecordError) {
      // A JSON file here is most likely the C.Hasil form itself, given where the signed file goes.
      const json = bytes.length > 0 && (bytes[0] === 0x7b || bytes[0] === 0x5b);
      const hint = json ? ' (it looks like JSON: --submission takes the signed .cbor file `sign --out` wrote; a C.Hasil form goes to --form)' : '';
      throw new InputFileError(path, `not a signed submission${hint}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Reads an elections file: a JSON array of election definitions (`electionDefinitionSchema`). @throws {InputFileError} */
export function readElectionsFile(path: string): Promise<ElectionDefinition[]> {
  return readJsonInput(path, z.array(electionDefinitionSchema).min(1).max(64), 'elections file (an array of election definitions)');
}
