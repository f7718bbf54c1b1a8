import type { StoreErrorCode } from '../errors.js';
import type { KeyValueStore } from '../key-value-store.js';

/** The assertions the suite uses; vitest's and jest's `expect` both fit. */
export interface ComplianceAssertion {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
}

/** The test framework the caller passes in, so the library itself imports none. */
export interface ComplianceFramework {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeout?: number): void;
  expect(actual: unknown): ComplianceAssertion;
  /** Accepted for symmetry with other suites; the suite sets up a fresh store inside each test. */
  beforeEach?: ((fn: () => Promise<void> | void) => void) | undefined;
  /** Accepted for symmetry with other suites; teardown runs inside each test. */
  afterEach?: ((fn: () => Promise<void> | void) => void) | undefined;
}

/** A fresh, empty, open store and the function that disposes of it (it may already be closed). */
export interface ComplianceStore {
  readonly store: KeyValueStore;
  readonly teardown: () => Promise<void>;
}

/** Creates one fresh store per test. */
export type ComplianceSetup = () => Promise<ComplianceStore>;

/** Limits the store under test enforces, when they differ from the library defaults. */
export interface ComplianceOptions {
  /** @default 4096 */
  readonly maxKeyBytes?: number | undefined;
  /** @default 16 MiB */
  readonly maxValueBytes?: number | undefined;
}

/** What every case group receives. */
export interface ComplianceContext {
  readonly t: ComplianceFramework;
  readonly maxKeyBytes: number;
  readonly maxValueBytes: number;
  /** Register a test that runs `body` against a fresh store and always tears it down. */
  test(name: string, body: (store: KeyValueStore) => Promise<void>, timeout?: number): void;
}

/** Build the context the case groups share. */
export function complianceContext(
  t: ComplianceFramework,
  setup: ComplianceSetup,
  maxKeyBytes: number,
  maxValueBytes: number,
): ComplianceContext {
  return {
    t,
    maxKeyBytes,
    maxValueBytes,
    test(name, body, timeout) {
      t.it(
        name,
        async () => {
          const { store, teardown } = await setup();
          try {
            await body(store);
          } finally {
            await teardown();
          }
        },
        timeout,
      );
    },
  };
}

/**
 * Assert that `action` returns a promise that rejects with an error carrying `code`. A synchronous
 * throw fails: the interface promises rejections.
 */
export async function expectRejects(
  t: ComplianceFramework,
  action: () => Promise<unknown>,
  code: StoreErrorCode,
): Promise<void> {
  let promise: Promise<unknown>;
  try {
    promise = action();
  } catch (error) {
    t.expect({ threwSynchronously: true, code: codeOf(error) }).toEqual({ rejected: true, code });
    return;
  }
  let outcome: { rejected: boolean; code?: unknown; isError?: boolean } = { rejected: false };
  try {
    await promise;
  } catch (error) {
    outcome = { rejected: true, code: codeOf(error), isError: error instanceof Error };
  }
  t.expect(outcome).toEqual({ rejected: true, code, isError: true });
}

/** Assert that `action` throws synchronously with `code` (for synchronous helpers like `scoped`). */
export function expectThrows(t: ComplianceFramework, action: () => unknown, code: StoreErrorCode): void {
  let outcome: { threw: boolean; code?: unknown } = { threw: false };
  try {
    action();
  } catch (error) {
    outcome = { threw: true, code: codeOf(error) };
  }
  t.expect(outcome).toEqual({ threw: true, code });
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** Drain an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The keys of an iteration, in order. */
export async function collectKeys(iterable: AsyncIterable<[string, Uint8Array]>): Promise<string[]> {
  return (await collect(iterable)).map(([key]) => key);
}
