import { StoreClosedError, StoreInvalidOperationError, StoreScopeMismatchError } from './errors.js';
import type { KeyScope, KeyValueStore } from './key-value-store.js';
import { assertKey, assertValue, describeInput } from './validate-input.js';

/** A batch operation with its scope applied: `key` is relative to the root store. */
export type ResolvedOperation =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: string };

function isScope(scope: unknown): scope is KeyScope {
  return typeof scope === 'object' && scope !== null && 'root' in scope && typeof (scope as KeyScope).prefix === 'string';
}

/**
 * Validate a whole batch and rewrite its keys relative to `root`: keys of operations without a
 * scope get `basePrefix`, the others their scope's prefix. Throws before anything is written, so a
 * bad operation anywhere rejects the whole batch. Exported for implementers of `KeyValueStore`.
 */
export function resolveBatch(root: KeyValueStore, basePrefix: string, operations: unknown): ResolvedOperation[] {
  if (!Array.isArray(operations)) {
    throw new StoreInvalidOperationError(`a batch must be an array of operations, got ${describeInput(operations)}`);
  }
  return operations.map((operation: unknown, index): ResolvedOperation => {
    if (typeof operation !== 'object' || operation === null) {
      throw new StoreInvalidOperationError(`batch operation ${index} must be an object, got ${describeInput(operation)}`);
    }
    const { type, key, scope } = operation as { type?: unknown; key?: unknown; scope?: unknown };
    if (type !== 'put' && type !== 'del') {
      throw new StoreInvalidOperationError(`batch operation ${index} has type ${describeInput(type)}, expected 'put' or 'del'`);
    }
    assertKey(key, `key of batch operation ${index}`);
    let prefix = basePrefix;
    if (scope !== undefined) {
      if (!isScope(scope)) throw new StoreInvalidOperationError(`scope of batch operation ${index} is not a scope`);
      if (scope.root !== root) {
        throw new StoreScopeMismatchError(`scope of batch operation ${index} belongs to a different store`);
      }
      if (scope.status === 'closed' || scope.status === 'closing') {
        throw new StoreClosedError(`scope of batch operation ${index} is closed`);
      }
      prefix = scope.prefix;
    }
    if (type === 'del') return { type, key: prefix + key };
    return { type, key: prefix + key, value: assertValue((operation as { value?: unknown }).value, `value of batch operation ${index}`) };
  });
}
