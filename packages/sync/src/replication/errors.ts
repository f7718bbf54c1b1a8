/** Stable codes of the errors the replication layer raises. */
export type SyncErrorCode =
  | 'WIRE_MALFORMED'
  | 'WIRE_VERSION'
  | 'MERGE_REJECTED'
  | 'OUT_OF_SCOPE'
  | 'SESSION_CLOSED'
  | 'PEER_BANNED'
  | 'AUTOMERGE_BACKEND';

/** Base class of every error of `@titip/sync`; `code` is stable and machine-readable. */
export class SyncError extends Error {
  static override name = 'SyncError';
  readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A wire frame that is not a well-formed message of this protocol version. */
export class WireMessageError extends SyncError {
  static override name = 'WireMessageError';
  constructor(message: string, options?: ErrorOptions) {
    super('WIRE_MALFORMED', message, options);
  }
}

/** A peer speaking another protocol version. */
export class WireVersionError extends SyncError {
  static override name = 'WireVersionError';
  constructor(readonly remoteVersion: unknown) {
    super('WIRE_VERSION', `unsupported wire version ${describeVersion(remoteVersion)}`);
  }
}

/** Why a remote change was refused by the validating merge. */
export interface MergeRejection {
  /** Machine-readable reason, e.g. 'delete', 'overwrite', 'nested-path', 'not-bytes', 'invalid-object', 'wrong-document'. */
  readonly reason: string;
  /** The object id (map key) concerned, when there is one. */
  readonly objectId?: string;
  /** Human-readable detail. */
  readonly detail: string;
}

/** A remote sync message that is not purely the addition of well-formed, correctly signed objects. */
export class MergeRejectedError extends SyncError {
  static override name = 'MergeRejectedError';
  constructor(readonly docId: string, readonly rejection: MergeRejection) {
    super('MERGE_REJECTED', `document ${docId}: ${rejection.reason}: ${rejection.detail}`);
  }
}

/** A message about a document outside the scope both peers share. */
export class OutOfScopeError extends SyncError {
  static override name = 'OutOfScopeError';
  constructor(readonly docId: string) {
    super('OUT_OF_SCOPE', `document ${docId} is outside the shared scope`);
  }
}

/** Describes a received version value without calling into it (a decoded map may carry its own `toString`). */
function describeVersion(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? JSON.stringify(value) : `of type ${value === null ? 'null' : typeof value}`;
}

/** Automerge no longer behaves as the replica's direct use of its document backends expects (after an upgrade). */
export class AutomergeBackendError extends SyncError {
  static override name = 'AutomergeBackendError';
  constructor(message: string) {
    super('AUTOMERGE_BACKEND', message);
  }
}
