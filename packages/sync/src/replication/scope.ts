/**
 * Region scopes. A peer announces the region codes it serves (`''` = the whole nation, `'1906'` a kabupaten,
 * `'1906012001001'` one TPS). Documents are keyed by region code too (a desa today). A document lies in a peer's
 * interest when its id and one of the scopes are prefixes of one another: a TPS operator holds its desa's document,
 * a kecamatan relay every desa document below it, and both hold any document of an ancestor region.
 */
export type RegionScopes = readonly string[];

/** True when document `docId` lies in the interest of a peer with `scopes`. */
export function isInInterest(docId: string, scopes: RegionScopes): boolean {
  return scopes.some((scope) => docId.startsWith(scope) || scope.startsWith(docId));
}

/** True when the interest of `inner` is contained in the interest of `outer` (each inner scope lies under an outer one). */
export function isCoveredBy(inner: RegionScopes, outer: RegionScopes): boolean {
  return inner.every((scope) => outer.some((o) => scope.startsWith(o)));
}

/** The predicate of the documents two peers share: those in the interest of both. */
export function sharedInterest(mine: RegionScopes, theirs: RegionScopes): (docId: string) => boolean {
  return (docId) => isInInterest(docId, mine) && isInInterest(docId, theirs);
}
