/** One object as it sits in a region document: its id (hex SHA-256 of its bytes) and its bytes. */
export interface ObjectEntry {
  readonly id: string;
  readonly bytes: Uint8Array;
  /**
   * The object in decoded form, when whoever produced the entry already has it: the validator's verdict for a remote
   * object, the author for a local one (a `TitipRecord` with the record validator). Handed on to
   * `ObjectsAddedEvent` listeners so they need not decode again; the replica never judges an object by it.
   */
  readonly decoded?: unknown;
}

/** The verdict on one object offered by a remote peer. */
export type ObjectVerdict =
  | { readonly ok: true; readonly docId: string; readonly kind: string; /** The object decoded, if the validator has it. */ readonly decoded?: unknown }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Judges objects before they may enter a document: well-formed, stored under their own hash, correctly signed by an
 * authorised key. Returns where the object belongs (`docId`), which the merge compares with the document it arrived in.
 * Implementations batch signature checks (e.g. over worker threads) for throughput.
 */
export interface ObjectValidator {
  validate(entries: readonly ObjectEntry[]): Promise<ObjectVerdict[]>;
}
