import * as A from '@automerge/automerge';
import type { RegionDoc } from '../replication/region-document.js';
import { isInInterest, type RegionScopes } from '../replication/scope.js';
import type { Replica } from '../replication/replica.js';
import { BundleError } from './bundle-error.js';

/**
 * What another peer is known to hold, so that an export leaves it out: the Automerge heads of its documents (as
 * {@link heldHeads} gives them, or as its `heads` wire message lists them: small, one line per desa), or the ids of
 * its objects.
 */
export type HeldByPeer =
  | { readonly heads: Readonly<Record<string, readonly string[]>> }
  | { readonly ids: Iterable<string> };

const HEAD = /^[0-9a-f]{64}$/;

/** The heads of every non-empty document `replica` holds within `scopes` (all by default): what it would tell a peer it holds. */
export function heldHeads(replica: Replica, scopes?: RegionScopes): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const docId of replica.docIds()) {
    if (scopes !== undefined && !isInInterest(docId, scopes)) continue;
    const heads = replica.heads(docId);
    if (heads.length > 0) out[docId] = heads;
  }
  return out;
}

/**
 * A function telling, per document, which object ids the other peer already holds. With heads: the keys of the
 * document as it stood at those of the peer's heads this document knows (heads it does not know, i.e. changes only
 * the peer has, tell nothing, so what cannot be proven held is exported: a superset, never a gap). `copy` gives a
 * copy of the document (the replica's `doc`); it is asked for only when the peer gave heads for it, and freed after.
 * @throws {BundleError} `BUNDLE_INVALID_OPTION` for a head that is not 64 hex digits.
 */
export function heldBy(held: HeldByPeer | undefined): (docId: string, copy: () => RegionDoc | undefined) => ReadonlySet<string> {
  const none: ReadonlySet<string> = new Set();
  if (held === undefined) return () => none;
  if ('ids' in held) {
    const ids = new Set(held.ids);
    return () => ids;
  }
  for (const [docId, heads] of Object.entries(held.heads)) {
    if (!Array.isArray(heads) || !heads.every((h) => typeof h === 'string' && HEAD.test(h))) {
      throw new BundleError('BUNDLE_INVALID_OPTION', `exceptHeldBy: heads of ${docId.slice(0, 20)} must be 64-hex-digit change hashes`);
    }
  }
  return (docId, copy) => {
    const heads = Object.hasOwn(held.heads, docId) ? held.heads[docId]! : [];
    if (heads.length === 0) return none;
    const doc = copy();
    if (doc === undefined) return none;
    try {
      const known = heads.filter((h) => A.hasHeads(doc, [h]));
      return known.length === 0 ? none : new Set(Object.keys(A.view(doc, known)));
    } finally {
      A.free(doc);
    }
  };
}
