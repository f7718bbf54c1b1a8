/** One object as it sits in a region document: its id (hex SHA-256 of its bytes) and its bytes. */
export interface ObjectEntry {
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** The verdict on one object offered by a remote peer. */
export type ObjectVerdict =
  | { readonly ok: true; readonly docId: string; readonly kind: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Judges objects before they may enter a document: well-formed, stored under their own hash, correctly signed by an
 * authorised key. Returns where the object belongs (`docId`), which the merge compares with the document it arrived in.
 * Implementations batch signature checks (e.g. over worker threads) for throughput.
 */
export interface ObjectValidator {
  validate(entries: readonly ObjectEntry[]): Promise<ObjectVerdict[]>;
}
