import type { ObjectEntry } from './object-validator.js';

/**
 * Objects a peer adds of its own in the same durable write as the remote objects it accepts: the KPU server's
 * receipts for the submissions a sync message brings (see `Replica.setMergeCompanion`). They go into the same
 * document fork, one more Automerge change, and the same atomic store batch: on disk and in sync messages they exist
 * only together with the objects they answer, and neither is announced before both are durable. One write, one
 * outgoing sync message per document instead of two.
 */
export interface MergeCompanion {
  /**
   * The objects to store with `added` (the validated objects of an accepted remote merge into `docId`). They are
   * trusted: signed by this process. Returning none, or throwing, stores the merge alone.
   */
  objectsFor(docId: string, added: readonly ObjectEntry[]): Promise<readonly ObjectEntry[]> | readonly ObjectEntry[];
  /**
   * Called once the write is over with what `objectsFor` returned and was new: `stored` true once durable, false
   * when the write failed (they are dropped with the merge, which the peer will send again).
   */
  settled?(docId: string, objects: readonly ObjectEntry[], stored: boolean): void;
}
