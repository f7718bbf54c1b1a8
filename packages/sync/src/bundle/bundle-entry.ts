import type { ObjectEntry } from '../replication/object-validator.js';

/** One object in a bundle: the document it is filed under, its id (hex SHA-256 of its bytes) and its bytes. */
export interface BundleEntry extends ObjectEntry {
  readonly docId: string;
}
