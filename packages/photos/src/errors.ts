/** Stable codes of the errors `@titip/photos` raises. */
export type PhotoErrorCode =
  | 'PHOTO_INVALID'
  | 'PHOTO_REF_MISMATCH'
  | 'PHOTO_CORRUPT'
  | 'PHOTO_OVER_BUDGET'
  | 'CHUNK_INVALID'
  | 'CHUNK_OUT_OF_ORDER'
  | 'PHOTO_WIRE_MALFORMED'
  | 'PHOTO_WIRE_VERSION'
  | 'PHOTO_INVALID_OPTION'
  | 'PHOTO_CLOSED'
  | 'PHOTO_UNREFERENCED';

/** Base class of every error of `@titip/photos`; `code` is stable and safe to switch on. */
export class PhotoError extends Error {
  static override name = 'PhotoError';
  readonly code: PhotoErrorCode;
  constructor(code: PhotoErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Photo bytes or a photo reference that cannot be stored: empty or too large, unknown type, malformed hash. */
export class InvalidPhotoError extends PhotoError {
  static override name = 'InvalidPhotoError';
  constructor(detail: string) {
    super('PHOTO_INVALID', `invalid photo: ${detail}`);
  }
}

/** A reference names a held photo's hash with another size (the size is authenticated by the hash chain). */
export class PhotoRefMismatchError extends PhotoError {
  static override name = 'PhotoRefMismatchError';
  constructor(
    readonly sha256: string,
    readonly detail: string,
  ) {
    super('PHOTO_REF_MISMATCH', `photo ${sha256}: ${detail}`);
  }
}

/** Stored bytes of a photo no longer hash to its name (disk corruption or tampering); the photo is unusable. */
export class PhotoCorruptError extends PhotoError {
  static override name = 'PhotoCorruptError';
  constructor(
    readonly sha256: string,
    detail: string,
  ) {
    super('PHOTO_CORRUPT', `stored photo ${sha256} is corrupt: ${detail}`);
  }
}

/** Storing these bytes of another author's photo would exceed the budget even after evicting every other one. */
export class PhotoBudgetError extends PhotoError {
  static override name = 'PhotoBudgetError';
  constructor(
    readonly sha256: string,
    readonly neededBytes: number,
    readonly budgetBytes: number,
  ) {
    super('PHOTO_OVER_BUDGET', `photo ${sha256} needs ${neededBytes} bytes, over the budget of ${budgetBytes} bytes for others' photos`);
  }
}

/** Why a chunk was refused: what in it does not verify. */
export type ChunkFailure = 'index' | 'length' | 'state' | 'hash';

/** A chunk that does not verify against the signed photo hash (through the chain of SHA-256 states). */
export class ChunkVerificationError extends PhotoError {
  static override name = 'ChunkVerificationError';
  constructor(
    readonly sha256: string,
    readonly index: number,
    readonly failure: ChunkFailure,
    detail: string,
  ) {
    super('CHUNK_INVALID', `chunk ${index} of photo ${sha256} refused (${failure}): ${detail}`);
  }
}

/**
 * A chunk that cannot be verified yet: chunks are verified from the last one down, each against the state the chunk
 * after it proved, so the store accepts only the chunk just below those it holds.
 */
export class ChunkOutOfOrderError extends PhotoError {
  static override name = 'ChunkOutOfOrderError';
  constructor(
    readonly sha256: string,
    readonly index: number,
    /** The only index the store can verify now. */
    readonly expected: number,
  ) {
    super('CHUNK_OUT_OF_ORDER', `chunk ${index} of photo ${sha256} cannot be verified yet: the next verifiable chunk is ${expected}`);
  }
}

/** A frame of the photo protocol that is not a well-formed message. */
export class PhotoWireError extends PhotoError {
  static override name = 'PhotoWireError';
  constructor(message: string, options?: ErrorOptions) {
    super('PHOTO_WIRE_MALFORMED', message, options);
  }
}

/** A message of another version of the photo protocol. */
export class PhotoWireVersionError extends PhotoError {
  static override name = 'PhotoWireVersionError';
  /** @param remoteVersion - the `v` the peer sent, whatever it decoded to (kept as is; the message shows it safely). */
  constructor(readonly remoteVersion: unknown) {
    super('PHOTO_WIRE_VERSION', `unsupported photo protocol version ${shownVersion(remoteVersion)}`);
  }
}

/**
 * A peer-sent version as the error message shows it, without calling anything of it: `String()` of a map decoded
 * from CBOR runs its `toString`/`valueOf` entries (`{ toString: 1 }` throws a TypeError, as does an object without
 * a prototype), and a long string would flood the logs.
 */
function shownVersion(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'string':
      return JSON.stringify(value.length > 32 ? `${value.slice(0, 32)}…` : value);
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Uint8Array) return `(a byte string of ${value.length} bytes)`;
      if (Array.isArray(value)) return `(an array of ${value.length})`;
      return '(a map)';
    default:
      return `(a ${typeof value})`;
  }
}

/** An option out of range or of the wrong type. */
export class InvalidPhotoOptionError extends PhotoError {
  static override name = 'InvalidPhotoOptionError';
  constructor(
    readonly option: string,
    detail: string,
  ) {
    super('PHOTO_INVALID_OPTION', `invalid option ${option}: ${detail}`);
  }
}

/** A call on a closed {@link BlobStore} or a stopped transfer. */
export class PhotoClosedError extends PhotoError {
  static override name = 'PhotoClosedError';
  constructor(what: string) {
    super('PHOTO_CLOSED', `${what} is closed`);
  }
}

/**
 * A photo offered for storage (in a bundle file) that no signed submission held or carried with it references:
 * storage for strangers is refused, whatever the bytes.
 */
export class UnreferencedPhotoError extends PhotoError {
  static override name = 'UnreferencedPhotoError';
  constructor(readonly sha256: string) {
    super('PHOTO_UNREFERENCED', `photo ${sha256} is referenced by no signed submission held or in the bundle: not stored`);
  }
}
