/**
 * Stable codes of {@link BundleError}. Every refusal of a bundle file has one; `docs/bundle-format.md` lists
 * which check raises which.
 */
export type BundleErrorCode =
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_NOT_A_BUNDLE'
  | 'BUNDLE_VERSION'
  | 'BUNDLE_TRUNCATED'
  | 'BUNDLE_TRAILING_BYTES'
  | 'BUNDLE_CHECKSUM'
  | 'BUNDLE_HEADER'
  | 'BUNDLE_TOO_MANY_OBJECTS'
  | 'BUNDLE_ENTRY'
  | 'BUNDLE_OBJECT_TOO_LARGE'
  | 'BUNDLE_COUNT_MISMATCH'
  | 'BUNDLE_DUPLICATE_OBJECT'
  | 'BUNDLE_MALFORMED_OBJECT'
  | 'BUNDLE_WRONG_DOCUMENT'
  | 'BUNDLE_TOO_MANY_BLOBS'
  | 'BUNDLE_BLOB'
  | 'BUNDLE_BLOB_TOO_LARGE'
  | 'BUNDLE_DUPLICATE_BLOB'
  | 'BUNDLE_INVALID_OPTION'
  | 'BUNDLE_READ'
  | 'BUNDLE_WRITE';

/** Where in a bundle a refusal was found, when that is known. */
export interface BundleErrorDetail {
  /** Byte offset in the file. */
  readonly offset?: number;
  /** Index of the object entry (0-based). */
  readonly index?: number;
  /** Id of the object concerned. */
  readonly objectId?: string;
  /** Index of the blob (0-based) and the SHA-256 it claims. */
  readonly blobIndex?: number;
  readonly blobSha256?: string;
  /** Document the entry was filed under. */
  readonly docId?: string;
  /** The file, for the Node file helpers. */
  readonly file?: string;
}

/**
 * A bundle file that cannot be used (damaged, truncated, crafted, over a limit), or an export/import request
 * that is wrong. Whenever import throws it, nothing has been stored. `code` is stable; `message` is for people.
 */
export class BundleError extends Error {
  static override name = 'BundleError';
  readonly code: BundleErrorCode;
  readonly detail: BundleErrorDetail;
  constructor(code: BundleErrorCode, message: string, detail: BundleErrorDetail = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BundleError';
    this.code = code;
    this.detail = detail;
  }
}
