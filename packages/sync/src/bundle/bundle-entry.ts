import type { ObjectEntry } from '../replication/object-validator.js';

/** One object in a bundle: the document it is filed under, its id (hex SHA-256 of its bytes) and its bytes. */
export interface BundleEntry extends ObjectEntry {
  readonly docId: string;
}

/**
 * One blob in a bundle (version 2): content-addressed bytes carried beside the objects, e.g. a photo a submission
 * references. `sha256` is the name the writer gave it (lowercase hex); the bundle layer does not check it against the
 * bytes: whoever stores a blob verifies it against a signed reference (`@titip/photos` `importPhotos`), so one
 * damaged photo costs that photo only.
 */
export interface BundleBlob {
  readonly sha256: string;
  readonly bytes: Uint8Array;
}
