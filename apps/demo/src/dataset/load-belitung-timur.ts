import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BelitungTimur } from './belitung-timur.js';
import { dataFileNames, type DataFileKey } from './data-files.js';
import { DataFileError } from './errors.js';
import { parseBelitungTimur, type BelitungTimurFiles } from './parse-belitung-timur.js';

/**
 * The folder of the shipped data files, `apps/demo/data/`. Resolved from this module, which sits two levels below
 * the package root both as source (`src/dataset/`) and built (`dist/dataset/`).
 */
export const defaultDataDir: URL = new URL('../../data/', import.meta.url);

/** Largest data file accepted, in bytes (the real ones are under 16 KB). */
export const maxDataFileBytes = 1_000_000;

/** Options of {@link loadBelitungTimur}. */
export interface LoadBelitungTimurOptions {
  /** Folder holding the four files (a `file:` URL or a path). @default {@link defaultDataDir} */
  dataDir?: URL | string;
}

/**
 * Reads and validates the Belitung Timur data files (synchronously, from disk).
 * @throws {DataFileError} when a file is missing, larger than {@link maxDataFileBytes}, not JSON or malformed.
 * @throws {DataInconsistencyError} when the files disagree.
 */
export function loadBelitungTimur(options: LoadBelitungTimurOptions = {}): BelitungTimur {
  const dir = toDirUrl(options.dataDir ?? defaultDataDir);
  const files = {} as BelitungTimurFiles;
  for (const key of Object.keys(dataFileNames) as DataFileKey[]) {
    files[key] = readJson(new URL(dataFileNames[key], dir), dataFileNames[key]);
  }
  return parseBelitungTimur(files);
}

function toDirUrl(dir: URL | string): URL {
  if (dir instanceof URL) return dir.href.endsWith('/') ? dir : new URL(`${dir.href}/`);
  const href = pathToFileURL(resolve(dir)).href;
  return new URL(href.endsWith('/') ? href : `${href}/`);
}

function readJson(url: URL, file: string): unknown {
  let text: string;
  try {
    const size = statSync(url).size;
    if (size > maxDataFileBytes) {
      throw new DataFileError(file, 'too-large', [{ path: '', message: `${size} bytes, the limit is ${maxDataFileBytes}` }]);
    }
    text = readFileSync(url, 'utf8');
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'read failed';
    throw new DataFileError(file, 'unreadable', [{ path: '', message: `${reason} (${url.pathname})` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataFileError(file, 'not-json', [{ path: '', message: err instanceof Error ? err.message : 'invalid JSON' }]);
  }
}
