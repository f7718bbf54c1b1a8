/**
 * Named error classes of `@titip/server`, each with a stable `code`.
 */

/** Stable codes of the errors `startServer` and the server's parts throw. */
export type ServerErrorCode =
  | 'SERVER_INVALID_OPTION'
  | 'SERVER_KEY_MISMATCH'
  | 'SERVER_CREDENTIAL_INVALID'
  | 'SERVER_HTTP_LISTEN';

/** Something about the server's configuration or lifecycle is wrong; `code` says what. */
export class ServerError extends Error {
  static override name = 'ServerError';
  readonly code: ServerErrorCode;
  constructor(code: ServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServerError';
    this.code = code;
  }
}

/** The command line of `titip-server` is wrong (unknown flag, missing or malformed value). Exit code 2. */
export class UsageError extends Error {
  static override name = 'UsageError';
  readonly code = 'SERVER_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Stable codes of the HTTP API's error responses (`{ error: { code, message } }`). */
export type ApiErrorCode =
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'URL_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'BAD_PATH'
  | 'UNEXPECTED_QUERY'
  | 'BAD_ELECTION_ID'
  | 'UNKNOWN_ELECTION'
  | 'BAD_REGION_CODE'
  | 'BAD_TPS_CODE'
  | 'TPS_NOT_FOUND'
  | 'BAD_OBJECT_ID'
  | 'OBJECT_NOT_FOUND'
  | 'BAD_PHOTO_HASH'
  /** No submission held references the photo, and it is not held. */
  | 'PHOTO_NOT_FOUND'
  /** A held submission references the photo, but it is not (completely) here yet. */
  | 'PHOTO_PENDING'
  /** The stored photo no longer hashes to its name (a damaged disk); it is not served. */
  | 'PHOTO_CORRUPT'
  | 'INTERNAL';

/** A request the HTTP API refuses: its HTTP `status` and a stable `code`. */
export class ApiError extends Error {
  static override name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Extra response headers (e.g. `allow` with a 405). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}
