/**
 * Whether region code `code` lies within `scope`: region codes are hierarchical digit prefixes
 * (`'1906012001001'` lies within `'190601'` and `'1906'`), and `''` covers the nation.
 */
export function regionWithin(code: string, scope: string): boolean {
  return scope === '' || code.startsWith(scope);
}

/** Whether `code` lies within at least one of `scopes`. */
export function regionWithinAny(code: string, scopes: readonly string[]): boolean {
  return scopes.some((scope) => regionWithin(code, scope));
}
