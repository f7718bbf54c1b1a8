import * as A from '@automerge/automerge';
import type { ObjectEntry } from './object-validator.js';

/** The content of a region document: a map from object id (hex SHA-256) to the object's signed bytes. */
export type RegionDocContent = Record<string, Uint8Array>;

/** An Automerge document holding the signed objects of one region. */
export type RegionDoc = A.Doc<RegionDocContent>;

/** A new, empty region document. */
export function emptyRegionDoc(): RegionDoc {
  return A.init<RegionDocContent>();
}

/** Adds objects in one change; objects already present are skipped. Returns the new document and what was added. */
export function addObjects(doc: RegionDoc, entries: readonly ObjectEntry[]): { doc: RegionDoc; added: ObjectEntry[] } {
  const added = entries.filter((entry, index) => !(entry.id in doc) && entries.findIndex((e) => e.id === entry.id) === index);
  if (added.length === 0) return { doc, added };
  const next = A.change(doc, (d) => {
    for (const entry of added) d[entry.id] = entry.bytes;
  });
  return { doc: next, added };
}

/** Every object of a document. */
export function listObjects(doc: RegionDoc): ObjectEntry[] {
  return Object.entries(doc).map(([id, bytes]) => ({ id, bytes }));
}

/** The heads of a document, sorted, as the digest and the `heads` message use them. */
export function sortedHeads(doc: RegionDoc): string[] {
  return [...A.getHeads(doc)].sort();
}
