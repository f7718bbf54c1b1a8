import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/** Absolute path of the fixtures folder. */
export const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;

/** Parsed JSON of a fixture, by path relative to `test/fixtures/`. */
export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, path), 'utf8')) as unknown;
}

/** Every `.json` fixture under `dir` (relative to `test/fixtures/`), as relative paths, sorted. */
export function fixtureFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(join(fixturesDir, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => relative(fixturesDir, f))
    .sort();
}

/** The file name without `.json` (a region code for Sirekap files). */
export function codeOf(path: string): string {
  return basename(path, '.json');
}
