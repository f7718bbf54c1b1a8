import { isInInterest, type RegionScopes } from '../replication/scope.js';
import type { Replica } from '../replication/replica.js';
import { BundleError } from './bundle-error.js';
import type { BundleBlob, BundleEntry } from './bundle-entry.js';
import type { BundleSource } from './bundle-header.js';
import { encodeBundle } from './encode-bundle.js';
import { heldBy, type HeldByPeer } from './held-objects.js';

/** Options of {@link exportBundle}. */
export interface ExportBundleOptions {
  /** Export only the documents in the interest of these region codes (e.g. `['190601']`). @default the replica's scopes */
  readonly scopes?: RegionScopes;
  /** Leave out what another peer already holds (a delta bundle). */
  readonly exceptHeldBy?: HeldByPeer;
  /** Recorded in the header: the exporting peer's id, role and a label for people. */
  readonly source?: Omit<BundleSource, 'scopes'>;
  /**
   * Blobs to carry after the objects (e.g. the photos of the exported submissions, from `@titip/photos`
   * `exportPhotos`); with any, the file is format version 2. @default none (a version 1 file)
   */
  readonly blobs?: readonly BundleBlob[];
  /** The time written in the header (ms). @default Date.now() */
  readonly now?: number;
}

const REGION = /^(\d{2,13})?$/;

/**
 * Writes the objects a replica holds, and any `blobs` given, into a bundle file (`docs/bundle-format.md`): the very bytes the
 * replica stores, documents in id order, objects in id order within each, so the same holdings give the same file
 * but for `createdAt`. Carry it to another device and {@link importBundle} it there.
 * @throws {BundleError} `BUNDLE_INVALID_OPTION` for scopes or heads that are malformed, `BUNDLE_TOO_LARGE` past 4 GiB.
 */
export function exportBundle(replica: Replica, options: ExportBundleOptions = {}): Uint8Array {
  const scopes = options.scopes ?? replica.scopes;
  if (scopes.length === 0 || scopes.length > 64 || !scopes.every((s) => typeof s === 'string' && REGION.test(s))) {
    throw new BundleError('BUNDLE_INVALID_OPTION', 'scopes must be 1–64 region codes ("" for the nation)');
  }
  const held = heldBy(options.exceptHeldBy);
  const entries: BundleEntry[] = [];
  for (const docId of replica.docIds()) {
    if (!isInInterest(docId, scopes)) continue;
    const theirs = held(docId, () => replica.doc(docId));
    for (const id of replica.objectIdsIn(docId).sort()) {
      if (theirs.has(id)) continue;
      const bytes = replica.object(id);
      if (bytes !== undefined) entries.push({ docId, id, bytes });
    }
  }
  return encodeBundle(
    {
      createdAt: options.now ?? Date.now(),
      source: sourceOf(replica.scopes, options.source),
      regions: [...scopes],
      delta: options.exceptHeldBy !== undefined,
    },
    entries,
    options.blobs ?? [],
  );
}

function sourceOf(scopes: RegionScopes, given: ExportBundleOptions['source']): BundleSource {
  const source: { -readonly [K in keyof BundleSource]: BundleSource[K] } = { scopes: [...scopes] };
  if (given?.peer !== undefined) source.peer = given.peer;
  if (given?.role !== undefined) source.role = given.role;
  if (given?.label !== undefined) source.label = given.label;
  return source;
}
