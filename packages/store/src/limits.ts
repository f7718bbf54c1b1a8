/** Default largest key, in UTF-8 bytes (the full key, scope prefixes included). */
export const DEFAULT_MAX_KEY_BYTES = 4 * 1024;

/** Default largest value, in bytes. */
export const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;

/** Size limits a store enforces on every write (and on keys it reads). */
export interface StoreLimits {
  /** Largest key in UTF-8 bytes. @default 4096 */
  readonly maxKeyBytes?: number | undefined;
  /** Largest value in bytes. @default 16 MiB */
  readonly maxValueBytes?: number | undefined;
}
