import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, Record<string, string>>;
};

/** Every bare (package) import reachable from `entry` through relative imports, type-only ones excluded. */
function packagesImportedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      const [, typeOnly, specifier] = match as unknown as [string, string | undefined, string];
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (typeOnly === undefined) packages.add(specifier);
    }
  };
  visit(join(src, entry));
  return packages;
}

describe('entry points', () => {
  it('the core entry (bundled for browsers) imports neither classic-level nor browser-level', () => {
    expect([...packagesImportedBy('index.ts')].sort()).toEqual(['memory-level']);
  });

  it('the node and browser entries bring their own backend only', () => {
    expect([...packagesImportedBy('node.ts')].sort()).toEqual(['classic-level']);
    expect([...packagesImportedBy('browser.ts')].sort()).toEqual(['browser-level']);
  });

  it('the compliance entry imports no test framework and no backend', () => {
    expect([...packagesImportedBy('compliance.ts')]).toEqual([]);
  });

  it('package.json exports every entry, types first', () => {
    expect(Object.keys(packageJson.exports)).toEqual(['.', './node', './browser', './compliance']);
    for (const [entry, conditions] of Object.entries(packageJson.exports)) {
      const name = entry === '.' ? 'index' : entry.slice(2);
      expect(Object.keys(conditions)).toEqual(['types', 'default']);
      expect(conditions).toEqual({ types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` });
    }
  });

  it('the core entry exports the interface helpers, adapters and errors', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'DEFAULT_MAX_KEY_BYTES',
        'DEFAULT_MAX_VALUE_BYTES',
        'LevelKeyValueStore',
        'ScopedKeyValueStore',
        'StoreBackendError',
        'StoreClosedError',
        'StoreCorruptionError',
        'StoreError',
        'StoreInvalidKeyError',
        'StoreInvalidOperationError',
        'StoreInvalidOptionError',
        'StoreInvalidValueError',
        'StoreIoError',
        'StoreLockedError',
        'StoreScopeMismatchError',
        'openLevelStore',
        'openMemoryStore',
        'resolveBatch',
        'scoped',
      ].sort(),
    );
  });
});
