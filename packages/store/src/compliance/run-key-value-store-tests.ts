import { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES } from '../limits.js';
import { basicCases } from './basic-cases.js';
import { batchCases } from './batch-cases.js';
import { closedCases } from './closed-cases.js';
import { inputCases } from './input-cases.js';
import { iterateCases } from './iterate-cases.js';
import { scopedCases } from './scoped-cases.js';
import {
  type ComplianceFramework,
  type ComplianceOptions,
  type ComplianceSetup,
  complianceContext,
} from './test-framework.js';
import { volumeCases } from './volume-cases.js';

/**
 * The acceptance suite every `KeyValueStore` implementation runs against itself. `setup` makes a
 * fresh, empty, open store per test; `t` is the test framework (e.g. vitest's `describe`, `it`,
 * `expect`), so the library imports none.
 *
 * @example
 * runKeyValueStoreTests('memory', async () => {
 *   const store = await openMemoryStore();
 *   return { store, teardown: () => store.close() };
 * }, { describe, it, expect });
 */
export function runKeyValueStoreTests(
  name: string,
  setup: ComplianceSetup,
  t: ComplianceFramework,
  options: ComplianceOptions = {},
): void {
  const context = complianceContext(
    t,
    setup,
    options.maxKeyBytes ?? DEFAULT_MAX_KEY_BYTES,
    options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES,
  );
  t.describe(`KeyValueStore compliance: ${name}`, () => {
    basicCases(context);
    batchCases(context);
    iterateCases(context);
    scopedCases(context);
    closedCases(context);
    inputCases(context);
    volumeCases(context);
  });
}
